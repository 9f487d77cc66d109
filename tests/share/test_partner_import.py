"""Taking in a partner's objects: agreement, provenance, versions, revocation, networks, all-or-nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from xborder.actions.partner_import import PartnerImportError, apply_partner_objects
from xborder.actions.reports import submit_report
from xborder.core.actors import CLI, Actor
from xborder.core.intake import ReportIn
from xborder.share.stix import identity_id, indicator_id
from xborder.share.markings import marking_id
from xborder.store.partner_objects import get_partner
from xborder.store.tables import audit_log, network_members, partner_objects, reports, share_log

PARTNER = Actor(kind="partner", name="KH", role="partner")
PHONE = "+85512345678"


def _count(node, table, *where) -> int:
    with node.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())


def _network_of(node, report_id: int) -> int | None:
    with node.engine.connect() as conn:
        return conn.execute(select(network_members.c.network_id)
                            .where(network_members.c.report_id == report_id)).scalar_one_or_none()


def _file(node, text: str, country: str = "TH") -> int:
    return submit_report(node, ReportIn(country=country, channel="call", text=text), acting=CLI).report_id


def test_a_partner_indicator_becomes_a_partner_sighting_with_its_country(node, kit, client, headers):
    kh = kit.add_partner(node)
    done = apply_partner_objects(node, kh, kit.indicator_page(kit.facts()), acting=PARTNER)

    # KH's identity, and per indicator its SCO, the indicator, the based-on relationship and KH's sighting.
    assert done.count("rejected") == 0 and done.count("created") == 5
    assert done.count("ignored") == 5  # the TLP marking definitions
    got = client.get(f"/api/v1/indicators/phone/{PHONE}", headers=headers["analyst"])
    assert got.status_code == 200, got.text
    body = got.json()
    assert body["countries"] == ["KH"] and body["report_count"] == 1
    assert body["risk"]["sources"]["sightings"] == 1 and body["risk"]["sources"]["reports"] == 0
    assert body["risk"]["score"] > 0
    [pseudo] = kit.partner_report_ids(node)
    with node.engine.connect() as conn:
        row = conn.execute(select(reports).where(reports.c.id == pseudo)).one()
    assert row.external_id == f"partner:KH:{indicator_id('KH', 'phone', PHONE)}"
    assert row.country == "KH" and row.source == "partner" and row.scam_type == "impersonation"
    assert PHONE in row.text and len(row.text) < 200
    # Provenance and the record of what came in: one share_log row per version, one audit row for the page.
    assert _count(node, share_log, share_log.c.direction == "import") == 5
    assert _count(node, audit_log, audit_log.c.action == "import_partner_objects") == 1


def test_pulling_the_same_page_twice_changes_nothing(node, kit):
    kh = kit.add_partner(node)
    page = kit.indicator_page(kit.facts(), kit.facts("domain", "aba-verify.top"))
    apply_partner_objects(node, kh, page, acting=PARTNER)
    before = [_count(node, t) for t in (reports, partner_objects, share_log)]

    again = apply_partner_objects(node, kh, page, acting=PARTNER)

    assert again.taken == 0 and again.count("unchanged") == 9
    assert [_count(node, t) for t in (reports, partner_objects, share_log)] == before


def test_the_newer_modified_wins_and_an_older_one_is_ignored(node, kit):
    kh = kit.add_partner(node)
    old = kit.facts(scam_types=("impersonation",))
    new = kit.facts(modified=old.modified + timedelta(milliseconds=1), scam_types=("investment",))
    apply_partner_objects(node, kh, kit.indicator_page(new), acting=PARTNER)

    late = apply_partner_objects(node, kh, kit.indicator_page(old, identity=False), acting=PARTNER)

    assert {r.status for r in late.results} == {"unchanged"}
    [pseudo] = kit.partner_report_ids(node)
    with node.engine.connect() as conn:
        assert conn.execute(select(reports.c.scam_type).where(reports.c.id == pseudo)).scalar_one() == "investment"
        kept = conn.execute(select(partner_objects.c.modified).where(
            partner_objects.c.stix_id == indicator_id("KH", "phone", PHONE))).scalar_one()
    assert kept.startswith((new.modified.strftime("%Y-%m-%dT%H:%M:%S.%f")[:23]))
    # Both versions in one page: only the newer is taken.
    both = kit.indicator_page(kit.facts("domain", "a-b.top"),
                              kit.facts("domain", "a-b.top", modified=new.modified + timedelta(days=1)))
    done = apply_partner_objects(node, kh, both, acting=PARTNER)
    assert done.count("created") == 4 and done.count("unchanged") == 5  # the older twins and the identity


def test_a_revocation_takes_the_partners_word_back_for_good(node, kit, client, headers):
    kh = kit.add_partner(node)
    first = kit.facts()
    apply_partner_objects(node, kh, kit.indicator_page(first), acting=PARTNER)
    assert client.get(f"/api/v1/indicators/phone/{PHONE}", headers=headers["analyst"]).json()["risk"]["score"] > 0

    revoked = kit.facts(modified=first.modified + timedelta(hours=1), revoked=True)
    done = apply_partner_objects(node, kh, kit.indicator_page(revoked, identity=False), acting=PARTNER)

    assert done.count("updated") == 3 and done.count("unchanged") == 1  # an observable never changes
    assert kit.partner_report_ids(node) == []
    body = client.get(f"/api/v1/indicators/phone/{PHONE}", headers=headers["analyst"]).json()
    assert body["risk"]["score"] == 0 and body["report_count"] == 0 and body["countries"] == []
    check = client.post("/api/v1/check", json={"text": f"call {PHONE} now"}, headers=headers["analyst"]).json()
    assert [i["status"] for i in check["indicators"] if i["value"] == PHONE] == ["unknown"]
    # STIX revocation is final: a later version that is not revoked changes nothing.
    back = kit.facts(modified=first.modified + timedelta(hours=2))
    later = apply_partner_objects(node, kh, kit.indicator_page(back, identity=False), acting=PARTNER)
    [again] = [r for r in later.results if r.stix_type == "indicator"]
    assert again.status == "unchanged" and "revocation is final" in (again.reason or "")
    assert kit.partner_report_ids(node) == []


def test_confidence_zero_withdraws_and_a_later_version_restores(node, kit):
    kh = kit.add_partner(node)
    base = kit.facts()
    apply_partner_objects(node, kh, kit.indicator_page(base), acting=PARTNER)
    zero = kit.facts(modified=base.modified + timedelta(hours=1), confidence=0)
    apply_partner_objects(node, kh, kit.indicator_page(zero, identity=False), acting=PARTNER)
    assert kit.partner_report_ids(node) == []

    again = kit.facts(modified=base.modified + timedelta(hours=2), confidence=60)
    apply_partner_objects(node, kh, kit.indicator_page(again, identity=False), acting=PARTNER)
    assert len(kit.partner_report_ids(node)) == 1


def test_the_agreement_keeps_out_kinds_and_tlp_it_does_not_allow(node, kit):
    kh = kit.add_partner(node, kinds="phone,domain", tlp_max="amber")
    allowed = kit.facts()
    other_kind = kit.facts("telegram", "khboss")
    red = kit.facts("domain", "red-only.top", tlp="red")
    strict = kit.facts("domain", "strict-only.top", tlp="amber+strict")
    page = kit.indicator_page(allowed, other_kind, red, strict)

    done = apply_partner_objects(node, kh, page, acting=PARTNER)

    reasons = {r.stix_id: r.reason for r in done.results if r.status == "rejected"}
    assert "kind telegram is not in the agreement" in reasons[indicator_id("KH", "telegram", "khboss")]
    assert reasons[indicator_id("KH", "domain", "red-only.top")] == "TLP:RED never crosses between nodes"
    assert "TLP:AMBER+STRICT is above" in reasons[indicator_id("KH", "domain", "strict-only.top")]
    assert len(reasons) == 12  # every object of the three: their SCOs, relationships and sightings too
    with node.engine.connect() as conn:
        stored = set(conn.execute(select(partner_objects.c.stix_id)).scalars())
        texts = list(conn.execute(select(reports.c.text)).scalars())
    assert not stored & set(reasons)
    assert len(texts) == 1 and PHONE in texts[0]
    audit = _audit_details(node)
    assert audit["counts"]["rejected"] == 12 and len(audit["rejected"]) == 12


def test_objects_not_made_by_the_partner_are_rejected(node, kit):
    kh = kit.add_partner(node)
    page = kit.indicator_page(kit.facts())
    forged = next(o for o in page if o["type"] == "indicator")
    forged["created_by_ref"] = identity_id("TH")
    foreign_identity = dict(page[0], id=identity_id("LA"), name="someone else")

    done = apply_partner_objects(node, kh, page + [foreign_identity], acting=PARTNER)

    rejected = {r.stix_id: r.reason for r in done.results if r.status == "rejected"}
    assert f"not KH's identity {identity_id('KH')}" in rejected[forged["id"]]
    assert identity_id("LA") in rejected
    assert kit.partner_report_ids(node) == []


def test_a_malformed_object_sinks_the_whole_page(node, kit):
    kh = kit.add_partner(node)
    page = kit.indicator_page(kit.facts(), kit.facts("domain", "aba-verify.top"))
    page[7]["pattern"] = "[phone-number:value = '012 345 678']"  # not canonical
    page.append({"type": "malware", "id": "malware--0b0c8c2a-6f0e-4f3a-9a3c-2f4b7c1d9a85"})

    with pytest.raises(PartnerImportError) as failed:
        apply_partner_objects(node, kh, page, acting=PARTNER)

    fields = [e["field"] for e in failed.value.errors]
    assert fields == ["objects[7].pattern", f"objects[{len(page) - 1}].type"]
    assert "nothing of them was applied" in str(failed.value)
    assert _count(node, partner_objects) == 0 and _count(node, reports) == 0 and _count(node, share_log) == 0
    assert _count(node, audit_log, audit_log.c.action == "import_partner_objects") == 0


@pytest.mark.parametrize("state", ["suspended", "revoked", "none"])
def test_nothing_comes_in_without_a_live_agreement(node, kit, state):
    from xborder.actions.agreements import add_partner, revoke_agreement, suspend_agreement

    if state == "none":
        add_partner(node, "KH", country="KH", acting=CLI)
        with node.engine.connect() as conn:
            kh = get_partner(conn, "KH")
    else:
        kh = kit.add_partner(node)
        (suspend_agreement if state == "suspended" else revoke_agreement)(node, "KH", acting=CLI)

    with pytest.raises(PartnerImportError) as failed:
        apply_partner_objects(node, kh, kit.indicator_page(kit.facts()), acting=PARTNER)

    assert failed.value.field == "agreement"
    assert (state if state != "none" else "no sharing agreement") in str(failed.value)
    assert _count(node, partner_objects) == 0


def test_notes_come_in_only_where_narratives_are_agreed(node, kit, make):
    from xborder.share.stix import note_object

    kh = kit.add_partner(node)
    note = note_object(kit.KH, make.report(country="KH", indicators=()))
    done = apply_partner_objects(node, kh, [note], acting=PARTNER)
    assert done.results[0].status == "rejected" and "narratives" in (done.results[0].reason or "")

    kit.set_terms(node, kh, narratives="redacted")
    assert apply_partner_objects(node, kh, [note], acting=PARTNER).results[0].status == "created"


# A name long enough that `partner:<name>:<stix id>` would not fit an external id.
@pytest.mark.parametrize("name", ["KH", "kh-ministry-of-interior-" + "x" * 70])
def test_a_partner_network_joins_local_networks_across_the_border(node, kit, name):
    kh = kit.add_partner(node, name)
    local_phone = _file(node, f"มิจฉาชีพโทรจาก {PHONE} อ้างเป็นตำรวจ")
    local_site = _file(node, "Fake shop wants payment via https://aba-verify.top/pay")
    assert _network_of(node, local_phone) != _network_of(node, local_site)

    page = kit.indicator_page(kit.facts(), kit.facts("domain", "aba-verify.top"))
    page.append(kit.network(9, ("phone", PHONE), ("domain", "aba-verify.top")))
    apply_partner_objects(node, kh, page, acting=PARTNER)

    joined = _network_of(node, local_phone)
    assert joined is not None and joined == _network_of(node, local_site)
    from xborder.store.tables import networks

    with node.engine.connect() as conn:
        net = conn.execute(select(networks).where(networks.c.id == joined)).one()
    assert net.countries == "KH,TH" and net.report_count == 5  # two local, two indicators, one network

    # KH withdraws the domain: the network that only its word held together splits again.
    gone = kit.facts("domain", "aba-verify.top", modified=kit.T0 + timedelta(days=5), revoked=True)
    apply_partner_objects(node, kh, kit.indicator_page(gone, identity=False), acting=PARTNER)
    assert _network_of(node, local_phone) != _network_of(node, local_site)


def test_a_network_that_arrives_before_its_indicators_waits_for_them(node, kit):
    kh = kit.add_partner(node)
    local_phone = _file(node, f"โทรจาก {PHONE} ขอรหัส OTP")
    local_site = _file(node, "Pay at https://aba-verify.top/pay please")
    grouping = kit.network(9, ("phone", PHONE), ("domain", "aba-verify.top"))

    first = apply_partner_objects(node, kh, [grouping], acting=PARTNER)
    assert first.count("created") == 1 and kit.partner_report_ids(node) == []

    apply_partner_objects(node, kh, kit.indicator_page(kit.facts()), acting=PARTNER)
    assert _network_of(node, local_phone) != _network_of(node, local_site)  # the domain is still missing

    apply_partner_objects(node, kh, kit.indicator_page(kit.facts("domain", "aba-verify.top"), identity=False),
                          acting=PARTNER)
    assert _network_of(node, local_phone) == _network_of(node, local_site)
    with node.engine.connect() as conn:
        linked = conn.execute(select(partner_objects.c.report_id)
                              .where(partner_objects.c.stix_id == grouping["id"])).scalar_one()
    assert linked is not None


def test_a_newer_sighting_moves_the_evidence_time(node, kit):
    kh = kit.add_partner(node)
    base = kit.facts()
    apply_partner_objects(node, kh, kit.indicator_page(base), acting=PARTNER)
    [pseudo] = kit.partner_report_ids(node)
    with node.engine.connect() as conn:
        before = conn.execute(select(reports.c.reported_at).where(reports.c.id == pseudo)).scalar_one()

    later = kit.facts(modified=kit.T0 + timedelta(days=4), last_seen=kit.T0 + timedelta(days=3))
    sighting = [o for o in kit.indicator_page(later, identity=False) if o["type"] == "sighting"]
    apply_partner_objects(node, kh, sighting, acting=PARTNER)

    with node.engine.connect() as conn:
        after = conn.execute(select(reports.c.reported_at).where(reports.c.id == pseudo)).scalar_one()
    assert after.replace(tzinfo=None) == (kit.T0 + timedelta(days=3)).replace(tzinfo=None)
    assert after.replace(tzinfo=None) > before.replace(tzinfo=None)


def test_unmarked_objects_count_as_amber(node, kit):
    kh = kit.add_partner(node, tlp_max="green")
    page = kit.indicator_page(kit.facts(tlp="green"), identity=False)
    for obj in page:
        obj.pop("object_marking_refs", None)
    done = apply_partner_objects(node, kh, page, acting=PARTNER)
    assert {r.status for r in done.results} == {"rejected"}
    page = kit.indicator_page(kit.facts(tlp="green"), identity=False)
    assert all(o["object_marking_refs"] == [marking_id("green")] for o in page)
    assert apply_partner_objects(node, kh, page, acting=PARTNER).count("created") == 4


def _audit_details(node) -> dict:
    import json

    with node.engine.connect() as conn:
        raw = conn.execute(select(audit_log.c.details).where(audit_log.c.action == "import_partner_objects")
                           .order_by(audit_log.c.seq.desc()).limit(1)).scalar_one()
    return json.loads(raw)
