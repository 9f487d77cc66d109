"""GET and POST /api/v1/lookup, and the index behind them kept in step with the database."""

from __future__ import annotations

import threading
from dataclasses import replace
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from xborder.actions.indicator_marks import mark_indicator
from xborder.actions.reports import submit_report
from xborder.core.actors import CLI
from xborder.core.intake import check_report
from xborder.web.app import create_app

PHONE = "+66812345678"


def app_for(node):
    # No poller thread: the tests drive the refresh themselves, so what they
    # see does not depend on timing.
    node.settings = replace(node.settings, lookup_poll_seconds=0)
    return create_app(node)


@pytest.fixture
def client(node):
    with TestClient(app_for(node)) as c:
        yield c


def refresh(client) -> bool:
    return client.app.state.lookup.refresher.refresh()


def file(client, text, country="TH"):
    r = client.post("/api/v1/reports", json={"country": country, "text": text})
    assert r.status_code == 201, r.text
    return r.json()


def elsewhere(node, text, country="TH", source="import"):
    """A report stored the way another process stores it: no hook into this app."""
    return submit_report(node, check_report({"country": country, "text": text}), acting=CLI, source=source)


def look(client, q, headers=None, **params):
    r = client.get("/api/v1/lookup", params={"q": q, **params}, headers=headers or {})
    assert r.status_code == 200, r.text
    return r.json()


def test_a_value_looks_up_the_same_however_it_is_written(client):
    file(client, "Fake police called from 081-234-5678, pay to evil-bank.com or account 123-4-56789-0")
    for pasted in ("081-234-5678", "๐๘๑-๒๓๔-๕๖๗๘", "+66 (0)81 234 5678", "66812345678"):
        found = look(client, pasted)
        assert (found["kind"], found["value"], found["report_count"]) == ("phone", PHONE, 1), pasted
    site = look(client, "hxxp://evil-bank[.]com")
    assert site["kind"] == "url" and site["report_count"] == 0  # the link was never reported, its host was
    assert look(client, "evil-bank[.]com")["report_count"] == 1
    account = look(client, "1234567890")
    assert (account["kind"], account["value"], account["verdict"]) == ("bank_account", "1234567890", "suspicious")
    assert look(client, "0812345678", kind="bank_account")["verdict"] == "unknown"


def test_an_answer_carries_what_the_node_knows(client):
    filed = file(client, "Fake police called from 081-234-5678")
    file(client, "ខ្ញុំត្រូវបានបោកដោយលេខ +66 81 234 5678 ក្លែងជាប៉ូលិស", country="KH")
    found = look(client, PHONE)
    assert found["report_count"] == 2 and found["risk"] == 33 and found["verdict"] == "suspicious"
    assert found["countries"] == ["KH", "TH"] and found["sources"] == ["api"]
    assert found["network"] == filed["network_id"] and found["first_seen"].endswith("Z")
    assert found["warninglist"] is None and found["analyst_mark"] is None


def test_a_report_filed_through_the_api_is_visible_to_the_very_next_lookup(client):
    assert look(client, "081-234-5678")["verdict"] == "unknown"
    for n in (1, 2, 3):
        file(client, f"Scam call number {n} from 081-234-5678")
        assert look(client, "081-234-5678")["report_count"] == n
    assert look(client, "081-234-5678")["verdict"] == "malicious"  # three reports: risk 45


def test_a_report_stored_by_another_process_is_picked_up_by_the_poll(client):
    node = client.app.state.node
    elsewhere(node, "Scammer's account 123-4-56789-0")
    assert look(client, "1234567890")["verdict"] == "unknown"  # not seen until the poll
    assert refresh(client) is True
    assert look(client, "1234567890")["report_count"] == 1
    assert refresh(client) is False  # nothing new, nothing counted twice
    assert look(client, "1234567890")["report_count"] == 1
    # a report this app filed is not counted again by the poll either
    file(client, "Again, account 123-4-56789-0")
    refresh(client)
    assert look(client, "1234567890")["report_count"] == 2


def test_an_index_built_at_start_holds_reports_marks_and_sightings(node, headers):
    for _ in range(3):
        elsewhere(node, "Fake police called from 081-234-5678")
    elsewhere(node, "Mule account 123-4-56789-0")
    mark_indicator(node, "bank_account", "1234567890", "confirmed", acting=CLI)
    elsewhere(node, "Partner saw wallet 0x52908400098527886e0f7030069857d2e4169ee7", country="KH",
              source="partner")
    with TestClient(app_for(node)) as client:
        assert look(client, PHONE)["verdict"] == "malicious"
        account = look(client, "1234567890")
        assert account["verdict"] == "malicious" and account["analyst_mark"] == "confirmed"
        assert account["risk"] == 75  # a confirmation (6) and one report (1)
        wallet = look(client, "0x52908400098527886e0f7030069857d2e4169ee7")
        assert wallet["sources"] == ["partner"] and wallet["risk"] == 33  # one partner sighting weighs 2


def test_confirmations_and_false_positives_reach_the_index_through_the_poll(client, headers):
    file(client, "Call 081-234-5678 now")
    r = client.post(f"/api/v1/indicators/phone/{quote(PHONE)}/confirm", headers=headers["analyst"])
    assert r.status_code == 201, r.text
    refresh(client)
    confirmed = look(client, PHONE)
    assert confirmed["verdict"] == "malicious" and confirmed["analyst_mark"] == "confirmed"
    r = client.post(f"/api/v1/indicators/phone/{quote(PHONE)}/false-positive", headers=headers["analyst"])
    assert r.status_code == 201, r.text
    refresh(client)
    cleared = look(client, PHONE)
    assert (cleared["verdict"], cleared["risk"], cleared["analyst_mark"]) == ("unknown", 0, "false_positive")
    # more victims after the mark: suspicious at most, never malicious again without a confirmation
    for _ in range(5):
        file(client, "Call 081-234-5678 now, they said")
    assert look(client, PHONE)["verdict"] in ("unknown", "suspicious")


def test_a_partner_sighting_arriving_later_is_counted_once_per_partner(client):
    node = client.app.state.node
    for _ in range(2):
        elsewhere(node, "wallet 0x52908400098527886e0f7030069857d2e4169ee7", country="KH", source="partner")
    refresh(client)
    wallet = look(client, "0x52908400098527886e0f7030069857d2e4169ee7")
    assert wallet["report_count"] == 2 and wallet["risk"] == 33  # one partner, however often it sights


def test_official_numbers_are_official_even_when_victims_quote_them(client):
    for _ in range(4):
        file(client, "They said call KBANK at 02 888 8888 to unlock the account")
    bank = look(client, "02-888-8888", lang="en")
    assert bank["verdict"] == "official" and bank["risk"] == 0 and bank["warninglist"] == "bank-call-centres"
    assert bank["report_count"] == 4
    assert "Kasikornbank" in bank["answer"]["text"]
    hotline = look(client, "1441", lang="en")
    assert hotline["verdict"] == "official" and hotline["kind"] == "phone" and hotline["report_count"] == 0
    shortener = look(client, "bit.ly")
    assert shortener["verdict"] == "unknown" and shortener["warninglist"] == "url-shorteners"


def test_the_public_gets_a_sentence_in_their_language_and_tokens_get_data(client, headers):
    for _ in range(3):
        file(client, "Fake police called from 081-234-5678")
    assert look(client, PHONE, lang="th")["answer"]["text"].startswith("ระวัง! เบอร์โทรศัพท์นี้")
    km = look(client, PHONE, headers={"Accept-Language": "km-KH,km;q=0.9"})["answer"]
    assert km["language"] == "km" and km["text"].startswith("ប្រយ័ត្ន!")
    en = look(client, PHONE, headers=headers["public"])["answer"]
    assert en["language"] == "en" and en["text"].startswith("Warning: this phone number")
    assert "answer" not in look(client, PHONE, headers=headers["bank"])
    assert look(client, PHONE, headers=headers["analyst"])["verdict"] == "malicious"


def test_bulk_answers_in_order_with_errors_per_item(client, headers):
    for _ in range(3):
        file(client, "Fake police called from 081-234-5678")
    values = ["0812345678", {"kind": "bank_account", "value": "123-4-56789-0"}, "hello world",
              {"kind": "pager", "value": "1"}, 42, "1441", {"value": "evil-bank[.]com"}]
    r = client.post("/api/v1/lookup", json={"values": values}, headers=headers["bank"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["count"] == 7
    res = body["results"]
    assert (res[0]["value"], res[0]["verdict"]) == (PHONE, "malicious") and "answer" not in res[0]
    assert (res[1]["kind"], res[1]["value"], res[1]["verdict"]) == ("bank_account", "1234567890", "unknown")
    assert res[2]["field"] == "values[2]" and "cannot tell" in res[2]["error"]
    assert res[3]["field"] == "values[3].kind" and "unknown indicator kind" in res[3]["error"]
    assert res[4]["field"] == "values[4]" and "string" in res[4]["error"]
    assert res[5]["verdict"] == "official"
    assert (res[6]["kind"], res[6]["value"]) == ("domain", "evil-bank.com")


def test_bulk_of_ten_thousand_and_its_limits(client, headers):
    many = [f"08{i:08d}" for i in range(10_000)]
    r = client.post("/api/v1/lookup", json={"values": many}, headers=headers["investigator"])
    assert r.status_code == 200 and r.json()["count"] == 10_000
    too_many = client.post("/api/v1/lookup", json={"values": many + ["0812345678"]}, headers=headers["bank"])
    assert too_many.status_code == 413 and too_many.json()["field"] == "values"
    bad_json = client.post("/api/v1/lookup", content=b'{"values": [', headers={
        **headers["bank"], "Content-Type": "application/json"})
    assert bad_json.status_code == 400 and bad_json.json()["field"] == "body"
    for body, field in (({"values": "0812345678"}, "values"), ({}, "values"), ({"values": []}, "values"),
                        ({"values": ["1"], "limit": 5}, "limit"), ([], "body"), ({"values": ["1"], "country": "XX"},
                                                                                    "country")):
        r = client.post("/api/v1/lookup", json=body, headers=headers["bank"])
        assert r.status_code == 422 and r.json()["field"] == field, (body, r.text)


def test_who_may_look_up(client, headers):
    assert client.get("/api/v1/lookup", params={"q": PHONE}).status_code == 200
    for role in ("public", "bank", "partner", "analyst", "investigator", "admin"):
        assert client.get("/api/v1/lookup", params={"q": PHONE}, headers=headers[role]).status_code == 200
    body = {"values": [PHONE]}
    assert client.post("/api/v1/lookup", json=body).status_code == 401
    for role in ("public", "partner"):  # a partner node gets what its agreement lets out, over TAXII
        assert client.post("/api/v1/lookup", json=body, headers=headers[role]).status_code == 403
    for role in ("bank", "analyst", "investigator", "admin"):
        assert client.post("/api/v1/lookup", json=body, headers=headers[role]).status_code == 200


def test_bulk_answers_are_written_as_the_single_answer_would_be():
    import json

    from xborder.lookup.index import Entry
    from xborder.web.api.lookup import entry_json, entry_view

    entries = [
        Entry("url", 'http://x.com/a?q="1"&b=\\ช', 7, None, 88, "malicious", "confirmed", 3, 1.7e9, 1.7e9 + 86399.0,
              ("impersonation", "investment"), 12, ("KH", "TH"), ("api", "partner")),
        Entry("phone", "+6628888888", None, "bank-call-centres", 0, "official", None, 0, None, None, (), None, (), ()),
        Entry("line_id", "@ស្ទូ", 9, None, 15, "suspicious", "false_positive", 1, 0.0, 0.0, ("other",), 0, ("KH",),
              ("import",)),
    ]
    for entry in entries:
        view = entry_view(entry)
        assert entry_json(entry) == json.dumps(view, ensure_ascii=False, separators=(",", ":"))
        assert json.loads(entry_json(entry)) == view


@pytest.mark.parametrize("params, field", [
    ({}, "q"),
    ({"q": ""}, "q"),
    ({"q": "   "}, "q"),
    ({"q": "1" * 2001}, "q"),
    ({"q": "call me maybe"}, "q"),
    ({"q": "0812345678", "kind": "pager"}, "kind"),
    ({"q": "0812345678", "lang": "fr"}, "lang"),
    ({"q": "0812345678", "country": "ZZ"}, "country"),
    ({"q": "not a number", "kind": "phone"}, "q"),
])
def test_bad_input_is_a_4xx_naming_the_field(client, params, field):
    r = client.get("/api/v1/lookup", params=params)
    assert r.status_code == 422, r.text
    assert r.json()["field"] == field and r.json()["error"]


def test_relabels_and_network_merges_reach_the_index(client, headers):
    a = file(client, "Investment scam, call 081-234-5678")
    b = file(client, "Investment scam, pay account 123-4-56789-0")
    assert a["network_id"] != b["network_id"]
    r = client.post(f"/api/v1/reports/{a['id']}/label", json={"label": "romance"}, headers=headers["analyst"])
    assert r.status_code == 201, r.text
    # this report cites both: their networks merge
    c = file(client, "Same gang: 081-234-5678 and account 123-4-56789-0")
    refresh(client)
    phone, account = look(client, PHONE), look(client, "1234567890")
    assert phone["network"] == account["network"] == c["network_id"]
    assert "romance" in phone["scam_types"]
    assert c["network_id"] in (a["network_id"], b["network_id"])  # the bigger absorbed the other


@pytest.fixture(scope="module")
def kit():
    """The partner helpers of the sharing tests (tests/share/partner_kit.py), loaded by path."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).parents[1] / "share" / "partner_kit.py"
    spec = importlib.util.spec_from_file_location("lookup_tests_partner_kit", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_partner_updating_and_revoking_what_it_shared_reaches_the_index(client, kit, headers):
    """Partner imports change and delete pseudo-reports in place: the audit chain says which values to redo."""
    from datetime import timedelta

    from xborder.actions.partner_import import apply_partner_objects
    from xborder.core.actors import Actor

    node = client.app.state.node
    partner = Actor(kind="partner", name="KH", role="partner")
    kh = kit.add_partner(node)
    phone = "+85512345678"

    def stored_risk() -> int:
        r = client.get(f"/api/v1/indicators/phone/{quote(phone)}", headers=headers["analyst"])
        assert r.status_code == 200, r.text
        return int(r.json()["risk"]["score"])

    file(client, f"A fake courier called me from {phone}")
    alone = look(client, phone)["risk"]
    first = kit.facts(value=phone, scam_types=("impersonation",))
    apply_partner_objects(node, kh, kit.indicator_page(first), acting=partner)
    refresh(client)
    shared = look(client, phone)
    assert shared["countries"] == ["KH", "TH"] and shared["sources"] == ["api", "partner"]
    assert shared["risk"] == stored_risk() > alone and "impersonation" in shared["scam_types"]

    # A newer version of the same indicator: the pseudo-report is updated in place (no new report id).
    newer = kit.facts(value=phone, modified=first.modified + timedelta(hours=1), scam_types=("investment",),
                      last_seen=first.last_seen + timedelta(days=2))
    apply_partner_objects(node, kh, kit.indicator_page(newer, identity=False), acting=partner)
    assert refresh(client) is True
    moved = look(client, phone)
    assert "investment" in moved["scam_types"] and "impersonation" not in moved["scam_types"]
    assert moved["risk"] == stored_risk() > shared["risk"]  # a fresher sighting weighs more

    revoked = kit.facts(value=phone, modified=first.modified + timedelta(hours=2), revoked=True)
    apply_partner_objects(node, kh, kit.indicator_page(revoked, identity=False), acting=partner)
    assert refresh(client) is True
    left = look(client, phone)
    # What the victim's own report says stays; what KH said goes.
    assert left["countries"] == ["TH"] and left["sources"] == ["api"] and left["report_count"] == 1
    assert left["risk"] == stored_risk() == alone and left["verdict"] == "suspicious"
    assert "investment" not in left["scam_types"]
    assert refresh(client) is False  # the cursor moved past the import: nothing is redone


def test_ids_committing_out_of_order_on_postgresql_are_not_lost(make_node):
    node = make_node("postgresql")
    with TestClient(app_for(node)) as client:
        with node.engine.connect() as slow:
            # A transaction takes a report id and holds it while a later one commits.
            tx = slow.begin()
            slow_id = slow.execute(text(
                "INSERT INTO reports (country, channel, text, language, scam_probability, scam_type, source, status, "
                "relink_needed, reported_at, created_at, tlp) VALUES ('TH', 'sms', 'slow', 'en', 0.9, 'other', "
                "'import', 'new', true, now(), now(), 'amber') RETURNING id")).scalar_one()
            later = elsewhere(node, "Mule account 123-4-56789-0")
            assert later.report_id > slow_id
            refresh(client)
            assert look(client, "1234567890")["report_count"] == 1
            indicator = slow.execute(text(
                "INSERT INTO indicators (kind, value, report_count, first_seen, last_seen) "
                "VALUES ('phone', '+66812345678', 1, now(), now()) RETURNING id")).scalar_one()
            slow.execute(text("INSERT INTO observations (report_id, indicator_id, span_start, span_end, role) "
                              "VALUES (:r, :i, 0, 10, 'mentioned')"), {"r": slow_id, "i": indicator})
            tx.commit()
        assert look(client, PHONE)["report_count"] == 0
        refresh(client)
        assert look(client, PHONE)["report_count"] == 1


def test_the_poller_thread_runs_with_the_app_and_stops_with_it(node):
    node.settings = replace(node.settings, lookup_poll_seconds=0.05)
    with TestClient(create_app(node)) as client:
        service = client.app.state.lookup
        assert service.poller is not None
        done = threading.Event()
        original = service.refresher.refresh

        def spy(*args, **kwargs):
            changed = original(*args, **kwargs)
            if changed:
                done.set()
            return changed

        service.refresher.refresh = spy
        elsewhere(node, "Mule account 123-4-56789-0")
        assert done.wait(30), "the poller never applied the new report"
        assert look(client, "1234567890")["report_count"] == 1
    assert not service.poller._thread.is_alive()
    assert client.app.state.lookup is None
