import json

from sqlalchemy import func, select

from xborder.store.tables import audit_log, reports

GOOD = {
    "country": "TH", "channel": "call", "text": "ตำรวจปลอมโทรจาก 081-234-5678 ให้โอนเงินเข้าบัญชีปลอดภัย",
    "reported_at": "2026-10-01T08:00:00Z", "incident_at": "2026-09-30T12:00:00Z", "province": "Sa Kaeo",
    "loss": {"amount": "25000", "currency": "THB"}, "external_id": "th-1441-000123",
    "reporter": {"name": "Somsri K.", "phone": "0899999999", "email": "somsri@example.org"},
}


def stored(client) -> int:
    node = client.app.state.node
    with node.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(reports)).scalar_one()


def test_anyone_may_file_a_report_and_it_comes_back_with_indicators(client, headers):
    r = client.post("/api/v1/reports", json=GOOD)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["created"] is True and body["network_id"] is not None
    assert {"kind": "phone", "value": "+66812345678"}.items() <= body["indicators"][0].items()

    got = client.get(body["url"], headers=headers["analyst"])
    assert got.status_code == 200
    report = got.json()
    assert report["text"] == GOOD["text"] and report["loss"] == {"amount": "25000.00", "currency": "THB",
                                                                 "thb": "25000.00"}
    assert report["network"]["id"] == body["network_id"]
    assert "reporter" not in report  # analysts do not see victims' personal data

    inv = client.get(body["url"], headers=headers["investigator"]).json()
    assert inv["reporter"] == {"name": "Somsri K.", "phone": "0899999999", "email": "somsri@example.org"}


def test_a_report_keeps_its_tlp_and_defaults_to_amber(client, headers):
    red = client.post("/api/v1/reports", json={**GOOD, "external_id": "red-1", "tlp": "TLP:RED"}).json()
    plain = client.post("/api/v1/reports", json={**GOOD, "external_id": "plain-1"}).json()
    assert client.get(red["url"], headers=headers["analyst"]).json()["tlp"] == "red"
    assert client.get(plain["url"], headers=headers["analyst"]).json()["tlp"] == "amber"


def test_the_same_external_id_twice_is_200_and_stores_nothing_new(client):
    assert client.post("/api/v1/reports", json=GOOD).status_code == 201
    again = client.post("/api/v1/reports", json=GOOD)
    assert again.status_code == 200 and again.json()["created"] is False
    assert stored(client) == 1


def test_reading_needs_a_token_with_the_right_role(client, headers):
    rid = client.post("/api/v1/reports", json=GOOD).json()["id"]
    assert client.get(f"/api/v1/reports/{rid}").status_code == 401
    assert client.get(f"/api/v1/reports/{rid}", headers={"Authorization": "Bearer xb_wrong"}).status_code == 401
    assert client.get(f"/api/v1/reports/{rid}", headers={"Authorization": "Basic abc"}).status_code == 401
    for role in ("public", "bank", "partner"):
        assert client.get(f"/api/v1/reports/{rid}", headers=headers[role]).status_code == 403
    for role in ("admin", "analyst", "investigator"):
        assert client.get(f"/api/v1/reports/{rid}", headers=headers[role]).status_code == 200
    assert client.get("/api/v1/reports", headers=headers["public"]).status_code == 403
    assert client.get("/api/v1/reports").status_code == 401


def test_listing_filters_and_pages_with_a_cursor(client, headers):
    for i in range(7):
        client.post("/api/v1/reports", json={"country": "TH" if i % 2 else "KH", "channel": "sms",
                                             "text": f"Pay to 08123456{i:02d} now"})
    seen, cursor = [], None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/reports", params=params, headers=headers["analyst"]).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(seen, reverse=True) and len(seen) == 7
    kh = client.get("/api/v1/reports", params={"country": "KH"}, headers=headers["analyst"]).json()["items"]
    assert len(kh) == 4 and {i["country"] for i in kh} == {"KH"}
    one = client.get("/api/v1/reports", params={"indicator": "phone:081-234-5603"},
                     headers=headers["analyst"]).json()["items"]
    assert [i["excerpt"] for i in one] == ["Pay to 0812345603 now"]


def test_bad_cursor_and_bad_indicator_filter_are_4xx(client, headers):
    r = client.get("/api/v1/reports", params={"cursor": "!!!"}, headers=headers["analyst"])
    assert r.status_code == 400 and r.json()["field"] == "cursor"
    r = client.get("/api/v1/reports", params={"indicator": "phone"}, headers=headers["analyst"])
    assert r.status_code == 422 and r.json()["field"] == "indicator"
    r = client.get("/api/v1/reports", params={"limit": 0}, headers=headers["analyst"])
    assert r.status_code == 422 and r.json()["field"] == "limit"


def _audit_rows(client) -> int:
    with client.app.state.node.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(audit_log)).scalar_one()


def test_bad_input_is_a_4xx_naming_the_field_and_writes_nothing(client):
    before = _audit_rows(client)
    cases = [
        (b"{not json", 400, "body"),
        (json.dumps({**GOOD, "country": "XX"}), 422, "country"),
        (json.dumps({**GOOD, "loss": {"amount": "5", "currency": "DOGE"}}), 422, "loss.currency"),
        (json.dumps({**GOOD, "loss": {"amount": [], "currency": "THB"}}), 422, "loss.amount"),
        (json.dumps({**GOOD, "text": 42}), 422, "text"),
        (json.dumps({**GOOD, "text": "x" * 70_000}), 422, "text"),
        (json.dumps({**GOOD, "reported_at": "tomorrow"}), 422, "reported_at"),
        (json.dumps({**GOOD, "tlp": "purple"}), 422, "tlp"),
        (json.dumps([GOOD]), 422, "body"),
        (json.dumps({**GOOD, "text": "x" * (10 * 1024 * 1024)}), 413, "body"),
    ]
    for body, status, field in cases:
        r = client.post("/api/v1/reports", content=body, headers={"Content-Type": "application/json"})
        assert r.status_code == status, (field, r.text[:200])
        assert r.json()["field"] == field, r.json()
        assert r.json()["error"]
    assert stored(client) == 0 and _audit_rows(client) == before


def test_a_chunked_oversized_body_is_refused_too(client):
    def chunks():
        for _ in range(20):
            yield b"x" * (1024 * 1024)

    r = client.post("/api/v1/reports", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["field"] == "body"
    assert stored(client) == 0


def test_unknown_report_is_404_json(client, headers):
    r = client.get("/api/v1/reports/999999", headers=headers["analyst"])
    assert r.status_code == 404 and r.json()["field"] == "report_id"
    r = client.get("/api/v1/reports/abc", headers=headers["analyst"])
    assert r.status_code == 422 and r.json()["field"] == "report_id"


def test_the_victims_own_contact_in_the_text_is_no_indicator(client, headers):
    text = ("Scammer called my number ០៨១-១១១-២២២២ from 089-765-4321, then emailed victim.dara@example.org "
            "asking me to pay KBANK account 123-4-56789-0; my PromptPay is 0811112222")
    r = client.post("/api/v1/reports", json={
        "country": "TH", "text": text,
        "reporter": {"phone": "+66 81 111 2222", "email": "Victim.Dara@example.org"}})
    assert r.status_code == 201, r.text
    found = {(i["kind"], i["value"]) for i in r.json()["indicators"]}
    assert ("phone", "+66897654321") in found and ("bank_account", "1234567890") in found
    assert not [v for _, v in found if "811112222" in v or "dara" in v]
    for kind, value in (("phone", "+66811112222"), ("email", "victim.dara@example.org")):
        got = client.get(f"/api/v1/indicators/{kind}/{value}", headers=headers["analyst"])
        assert got.status_code == 404, (kind, got.text)
    # The same number reported by someone else as the scammer's is an indicator as usual.
    other = client.post("/api/v1/reports", json={"country": "TH", "text": "Fake police from 081-111-2222"})
    assert ("phone", "+66811112222") in {(i["kind"], i["value"]) for i in other.json()["indicators"]}
