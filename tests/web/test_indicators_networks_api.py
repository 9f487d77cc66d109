def file(client, text, country="TH", **extra):
    r = client.post("/api/v1/reports", json={"country": country, "text": text, **extra})
    assert r.status_code == 201, r.text
    return r.json()


def test_an_indicator_is_found_however_it_is_written(client, headers):
    a = file(client, "Scammer phone 081-234-5678", loss={"amount": "1000", "currency": "THB"})
    file(client, "ខ្ញុំត្រូវបានបោកដោយលេខ +66 81 234 5678", country="KH")
    for written in ("+66812345678", "081-234-5678", "๐๘๑๒๓๔๕๖๗๘"):
        r = client.get(f"/api/v1/indicators/phone/{written}", headers=headers["bank"])
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["value"] == "+66812345678" and body["report_count"] == 2
        assert body["countries"] == ["KH", "TH"] and body["networks"] == [a["network_id"]]


def test_indicator_errors(client, headers):
    assert client.get("/api/v1/indicators/phone/+66812345678").status_code == 401
    assert client.get("/api/v1/indicators/phone/+66812345678", headers=headers["public"]).status_code == 403
    r = client.get("/api/v1/indicators/colour/red", headers=headers["analyst"])
    assert r.status_code == 422 and r.json()["field"] == "kind"
    r = client.get("/api/v1/indicators/phone/12", headers=headers["analyst"])
    assert r.status_code == 422 and r.json()["field"] == "value"
    r = client.get("/api/v1/indicators/phone/+66899999999", headers=headers["analyst"])
    assert r.status_code == 404


def test_networks_are_ranked_and_explained(client, headers):
    small = file(client, "LINE id: fastcash_88 asks for a fee", loss={"amount": "500", "currency": "THB"})
    file(client, "ไลน์ไอดี fastcash_88 ให้จ่ายค่าธรรมเนียม")
    big = file(client, "Investment group, deposit to 097 123 4567", country="KH",
               loss={"amount": "20000", "currency": "USD"})
    file(client, "Sent USDT after a call from +855 97 123 4567", country="TH",
         loss={"amount": "5000", "currency": "USD"})
    page = client.get("/api/v1/networks", headers=headers["investigator"]).json()
    ids = [n["id"] for n in page["items"]]
    assert ids == [big["network_id"], small["network_id"]]
    assert page["items"][0]["cross_border"] is True and page["items"][1]["cross_border"] is False

    net = client.get(f"/api/v1/networks/{big['network_id']}", headers=headers["analyst"]).json()
    assert net["report_count"] == 2 and net["loss_thb"] == "900000.00"
    assert {"kind": "phone", "value": "+855971234567", "warninglist": None, "reports": 2} in net["indicators"]
    assert net["countries"] == ["KH", "TH"] and "priority_formula" in net
    assert net["loss_usd"] == "25000.00"
    assert net["reports_activity"] == {"last_7_days": 2, "last_30_days": 2, "previous_30_days": 0}
    parts = net["priority_components"]
    assert parts["border"] == 15 and parts["growth"] == 15.85  # 10*log2((1+2)/(1+0))
    assert net["priority_now"] == round(net["priority"] + parts["growth"], 3)
    assert client.get("/api/v1/networks", headers=headers["bank"]).status_code == 403
    assert client.get("/api/v1/networks/424242", headers=headers["analyst"]).status_code == 404


def test_home_page_and_health_are_open_and_leak_no_report_text(client):
    file(client, "Secret narrative about 081-234-5678 and my savings")
    home = client.get("/")
    assert home.status_code == 200 and "text/html" in home.headers["content-type"]
    assert "Newest reports" in home.text and "/docs" in home.text
    assert "Secret narrative" not in home.text and "+66812345678" not in home.text
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["status"] == "ok"


def test_api_docs_are_served_without_a_cdn(client):
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.text.lower() and "swagger-ui-bundle.js" in docs.text
    spec = client.get("/openapi.json").json()
    for path in ("/api/v1/reports", "/api/v1/reports/{report_id}", "/api/v1/indicators/{kind}/{value}",
                 "/api/v1/networks", "/api/v1/networks/{network_id}", "/healthz"):
        assert path in spec["paths"]


def test_distinct_victims_are_counted_without_decrypting(client, headers):
    same = [{"name": "Sok Dara", "phone": "012 345 678"}, {"name": "Dara S.", "phone": "០១២៣៤៥៦៧៨"}]
    ids = [client.post("/api/v1/reports", json={"country": "KH", "text": f"ABA account 000 123 456 report {i}",
                                                "reporter": reporter}).json()
           for i, reporter in enumerate(same)]
    client.post("/api/v1/reports", json={"country": "KH", "text": "ABA account 000 123 456, anonymous tip"})
    client.post("/api/v1/reports", json={"country": "KH", "text": "ABA account 000 123 456 again",
                                         "reporter": {"email": "Other.Victim@example.org"}})
    net = client.get(f"/api/v1/networks/{ids[0]['network_id']}", headers=headers["analyst"]).json()
    assert net["report_count"] == 4 and net["victims"] == 3
    with client.app.state.node.engine.connect() as conn:
        from sqlalchemy import select

        from xborder.store.tables import reporter_contacts

        keys = list(conn.execute(select(reporter_contacts.c.victim_key)).scalars())
    assert len(keys) == 3 and len(set(keys)) == 2 and all(len(k) == 64 and "12345678" not in k for k in keys)
