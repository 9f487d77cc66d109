from sqlalchemy import select

from xborder.store.audit import verify_chain
from xborder.store.labels import confirmed_labels
from xborder.store.tables import labels


def file(client, text, country="TH"):
    r = client.post("/api/v1/reports", json={"country": country, "text": text})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def test_an_analyst_corrects_a_label_and_training_sees_it(client, headers):
    rid = file(client, "Hello, your parcel is waiting, call 081-234-5678")
    r = client.post(f"/api/v1/reports/{rid}/label", json={"label": "impersonation", "note": "fake courier"},
                    headers=headers["analyst"])
    assert r.status_code == 201, r.text
    assert r.json()["label"] == "impersonation" and r.json()["by"] == "token:test-analyst"
    again = client.post(f"/api/v1/reports/{rid}/label", json={"label": "impersonation"}, headers=headers["analyst"])
    assert again.json()["confirmed"] is True
    report = client.get(f"/api/v1/reports/{rid}", headers=headers["analyst"]).json()
    assert report["scam_type"] == "impersonation" and report["status"] == "labelled"
    node = client.app.state.node
    with node.engine.connect() as conn:
        stored = conn.execute(select(labels.c.label, labels.c.actor, labels.c.note, labels.c.created_at)).all()
        assert list(confirmed_labels(conn)) == [("Hello, your parcel is waiting, call 081-234-5678",
                                                 "impersonation")]
        assert verify_chain(conn).ok
    assert [(s.label, s.actor, s.note) for s in stored] == [
        ("impersonation", "token:test-analyst", "fake courier"), ("impersonation", "token:test-analyst", None)]
    assert all(s.created_at is not None for s in stored)


def test_label_errors_and_roles(client, headers):
    rid = file(client, "Win a prize at lucky-prize-th.com")
    assert client.post(f"/api/v1/reports/{rid}/label", json={"label": "prize"}).status_code == 401
    for role in ("bank", "public", "partner"):
        assert client.post(f"/api/v1/reports/{rid}/label", json={"label": "prize"},
                           headers=headers[role]).status_code == 403
    bad = client.post(f"/api/v1/reports/{rid}/label", json={"label": "spam"}, headers=headers["analyst"])
    assert bad.status_code == 422 and bad.json()["field"] == "label"
    missing = client.post("/api/v1/reports/99999/label", json={"label": "prize"}, headers=headers["analyst"])
    assert missing.status_code == 404


def test_check_says_what_the_node_knows_in_the_askers_language(client, headers):
    file(client, "Scammer called from 081-234-5678 saying he was police")
    file(client, "โทรจาก 081-234-5678 อ้างเป็นตำรวจ ให้โอนเงิน")
    text = "ด่วน! บัญชีของท่านถูกระงับ โทร 081-234-5678 หรือ 02-888-8888 ทันที"
    r = client.post("/api/v1/check", json={"text": text}, headers=headers["public"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["language"] == "th" and body["answer"]["language"] == "th"
    by_value = {i["value"]: i for i in body["indicators"]}
    assert by_value["+66812345678"]["status"] == "reported" and by_value["+66812345678"]["report_count"] == 2
    assert len(by_value["+66812345678"]["networks"]) == 1
    assert by_value["+6628888888"]["status"] == "official"
    assert 0 <= body["scam_probability"] <= 1 and body["explanation"]

    en = client.post("/api/v1/check", json={"text": text, "language": "en"}, headers=headers["public"]).json()
    km = client.post("/api/v1/check", json={"text": text}, headers={**headers["public"], "Accept-Language": "km"})
    assert en["answer"]["text"] != body["answer"]["text"] and en["answer"]["language"] == "en"
    assert km.json()["answer"]["language"] == "km"


def test_check_bad_input(client, headers):
    assert client.post("/api/v1/check", json={"text": "hi"}).status_code == 401
    empty = client.post("/api/v1/check", json={"text": "   "}, headers=headers["public"])
    assert empty.status_code == 422 and empty.json()["field"] == "text"
    wrong = client.post("/api/v1/check", json={"text": "hi", "language": "fr"}, headers=headers["public"])
    assert wrong.status_code == 422 and wrong.json()["field"] == "language"
    long = client.post("/api/v1/check", json={"text": "Call 0812345678 " * 3000}, headers=headers["public"])
    assert long.status_code == 200 and long.json()["truncated"] is True
    other = client.post("/api/v1/check", json={"text": "Привет, как дела?"}, headers=headers["public"]).json()
    assert other["language"] == "other" and other["answer"]["language"] == "en"
