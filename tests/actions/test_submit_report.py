from decimal import Decimal

from sqlalchemy import func, select

from xborder.actions.reports import submit_report
from xborder.core.actors import ANONYMOUS
from xborder.core.intake import check_report
from xborder.store.audit import verify_chain
from xborder.store.tables import indicators, network_members, networks, observations, reporter_contacts, reports


def submit(node, text, country="TH", **extra):
    return submit_report(node, check_report({"country": country, "text": text, **extra}), acting=ANONYMOUS)


def count(node, table):
    with node.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_two_reports_sharing_a_phone_share_a_network_and_a_third_stands_alone(node):
    a = submit(node, "Officer called from 081-234-5678 and said my parcel held drugs")
    b = submit(node, "โทรมาจากเบอร์ 0812345678 อ้างเป็นตำรวจ ให้โอนเงิน", country="TH")
    c = submit(node, "Fake shop asked me to pay to scam-shop-example.com before delivery")
    assert a.network_id is not None and a.network_id == b.network_id
    assert c.network_id not in (None, a.network_id)
    with node.engine.connect() as conn:
        size = conn.execute(select(networks.c.report_count).where(networks.c.id == a.network_id)).scalar_one()
        members = conn.execute(select(func.count()).select_from(network_members)
                               .where(network_members.c.network_id == a.network_id)).scalar_one()
    assert size == members == 2


def test_a_report_bridging_two_networks_merges_them(node):
    a = submit(node, "Call from 081-234-5678 about a parcel")
    b = submit(node, "Pay to https://parcel-refund-th.com/pay now")
    assert a.network_id != b.network_id
    c = submit(node, "They called from 0812345678 and sent https://parcel-refund-th.com/pay")
    assert c.network_id in (a.network_id, b.network_id)
    with node.engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(select(networks)).all()}
        in_c = conn.execute(select(func.count()).select_from(network_members)
                            .where(network_members.c.network_id == c.network_id)).scalar_one()
    loser = b.network_id if c.network_id == a.network_id else a.network_id
    assert rows[loser].status == "merged" and rows[loser].merged_into == c.network_id
    assert rows[c.network_id].report_count == in_c == 3


def test_indicators_and_observations_are_stored_once_per_value(node):
    r = submit(node, "Call 081-234-5678 or 081 234 5678, or mail help@scam-example.com")
    with node.engine.connect() as conn:
        kinds = conn.execute(select(indicators.c.kind, indicators.c.value, indicators.c.report_count)).all()
        obs = conn.execute(select(func.count()).select_from(observations)
                           .where(observations.c.report_id == r.report_id)).scalar_one()
    assert ("phone", "+66812345678", 1) in kinds
    assert ("email", "help@scam-example.com", 1) in kinds
    assert obs == 3  # two spans of the phone, one e-mail


def test_an_external_id_is_stored_once(node):
    first = submit(node, "Call 081-234-5678", external_id="hotline-1")
    again = submit(node, "Call 081-234-5678", external_id="hotline-1")
    assert first.created and not again.created
    assert again.report_id == first.report_id and again.network_id == first.network_id
    assert count(node, reports) == 1


def test_warninglisted_values_do_not_link_reports(node):
    # Banks' real call centres are quoted by victims everywhere; they are kept
    # as indicators but must never glue strangers together.
    a = submit(node, "The caller said he was from KBank 02-888-8888, then switched to 081-234-5678")
    b = submit(node, "I phoned 02 888 8888 to freeze my account; the scammer's LINE ID: lucky_money99")
    assert a.network_id != b.network_id
    with node.engine.connect() as conn:
        row = conn.execute(select(indicators).where(indicators.c.value == "+6628888888")).one()
    assert row.warninglist == "bank-call-centres" and row.report_count == 2


def test_personal_data_is_encrypted_at_rest(node):
    r = submit(node, "Scam call from 081-234-5678", reporter={"name": "Somchai Jaidee", "phone": "0899999999"})
    with node.engine.connect() as conn:
        blob = conn.execute(select(reporter_contacts.c.ciphertext)
                            .where(reporter_contacts.c.report_id == r.report_id)).scalar_one()
    assert b"Somchai" not in bytes(blob) and b"0899999999" not in bytes(blob)
    assert node.box.open(blob) == {"name": "Somchai Jaidee", "phone": "0899999999"}


def test_loss_is_converted_to_thb_for_the_network_total(node):
    a = submit(node, "Sent money to 081-234-5678", loss={"amount": "100", "currency": "USD"})
    submit(node, "Transfer asked by +66 81 234 5678", country="KH", loss={"amount": "41000", "currency": "KHR"})
    with node.engine.connect() as conn:
        row = conn.execute(select(networks).where(networks.c.id == a.network_id)).one()
    assert Decimal(row.loss_thb) == Decimal("3960.00")
    assert row.countries == "KH,TH"


def test_every_submission_writes_one_audit_row(node):
    for i in range(3):
        submit(node, f"Call 081-234-567{i}")
    with node.engine.connect() as conn:
        check = verify_chain(conn)
    assert check.ok and check.rows == 3


def test_a_linking_failure_keeps_the_report_and_flags_it(node, monkeypatch):
    import xborder.actions.reports as mod

    def broken(*args, **kwargs):
        raise RuntimeError("graph store down")

    monkeypatch.setattr(mod, "link_report", broken)
    r = submit(node, "Call 081-234-5678")
    assert r.network_id is None
    with node.engine.connect() as conn:
        flagged = conn.execute(select(reports.c.relink_needed).where(reports.c.id == r.report_id)).scalar_one()
    assert flagged is True
    assert count(node, observations) == 1


def test_link_pending_finishes_what_a_failed_link_left(node, monkeypatch):
    import xborder.actions.reports as mod
    from xborder.actions.networks import link_pending

    first = submit(node, "Call 081-234-5678 now")
    real = mod.link_report
    monkeypatch.setattr(mod, "link_report", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("down")))
    stranded = submit(node, "Again 0812345678 called me")
    monkeypatch.setattr(mod, "link_report", real)
    assert stranded.network_id is None
    assert link_pending(node, acting=ANONYMOUS) == 1
    with node.engine.connect() as conn:
        member = conn.execute(select(network_members.c.network_id)
                              .where(network_members.c.report_id == stranded.report_id)).scalar_one()
        flagged = conn.execute(select(reports.c.relink_needed).where(reports.c.id == stranded.report_id)).scalar_one()
    assert member == first.network_id and flagged is False
    assert link_pending(node, acting=ANONYMOUS) == 0
