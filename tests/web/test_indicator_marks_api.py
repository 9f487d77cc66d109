"""POST /api/v1/indicators/{kind}/{value}/false-positive and /confirm; the risk in GET /api/v1/indicators/..."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from xborder.actions.reports import submit_report
from xborder.core.actors import ANONYMOUS
from xborder.core.intake import check_report
from xborder.store.audit import verify_chain
from xborder.store.tables import audit_log, indicator_marks
from xborder.web.api import indicator_marks as marks_api
from xborder.web.app import create_app

PHONE = "+66812345678"
BANK_HOTLINE = "+6628888888"  # KBANK's real call centre: on the warninglist
MARK_PATHS = {"/api/v1/indicators/{kind}/{value}/false-positive", "/api/v1/indicators/{kind}/{value}/confirm"}


@pytest.fixture
def client(node):
    """The node's app, with the marks router added until app.py registers it itself."""
    app = create_app(node)
    if not MARK_PATHS & set(app.openapi()["paths"]):
        app.include_router(marks_api.router)
        app.openapi_schema = None
    with TestClient(app) as c:
        yield c


def file(client, text, country="TH", **extra):
    r = client.post("/api/v1/reports", json={"country": country, "text": text, **extra})
    assert r.status_code == 201, r.text
    return r.json()


def risk_of(client, headers, kind, value):
    r = client.get(f"/api/v1/indicators/{kind}/{quote(value, safe='')}", headers=headers["bank"])
    assert r.status_code == 200, r.text
    return r.json()["risk"]


def mark(client, headers, kind, value, verdict, role="analyst", **body):
    return client.post(f"/api/v1/indicators/{kind}/{quote(value, safe='')}/{verdict}", headers=headers[role],
                       json=body or None)


def test_risk_rises_with_reports_drops_on_a_false_positive_mark_and_a_later_confirm_restores_it(client, headers):
    file(client, "Fake police called from 081-234-5678")
    first = risk_of(client, headers, "phone", PHONE)
    assert first["score"] == 18 and first["sources"]["reports"] == 1 and first["verdict"] is None
    file(client, "โทรมาจากเบอร์ 0812345678 อ้างเป็นตำรวจ")
    file(client, "ខ្ញុំត្រូវបានបោកដោយលេខ +66 81 234 5678", country="KH")
    three = risk_of(client, headers, "phone", PHONE)
    assert three["score"] == 45 and three["sources"]["reports"] == 3 and three["reason"] is None
    assert three["half_life_days"] == 60 and three["components"]["reports"] == pytest.approx(3, abs=1e-3)

    r = mark(client, headers, "phone", "081-234-5678", "false-positive", note="the shop's real number")
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["value"] == PHONE and body["verdict"] == "false_positive" and body["by"] == "token:test-analyst"
    assert body["risk"]["score"] == 0 and body["risk"]["verdict"] == "false_positive"
    assert body["risk"]["components"]["fp_suppression"] == pytest.approx(1, abs=1e-4)
    assert risk_of(client, headers, "phone", PHONE)["score"] == 0

    node = client.app.state.node
    with node.engine.connect() as conn:
        stored = conn.execute(select(indicator_marks)).one()
        audit = conn.execute(select(audit_log).where(audit_log.c.action == "mark_indicator")).one()
        assert verify_chain(conn).ok
    assert (stored.verdict, stored.actor, stored.note) == ("false_positive", "token:test-analyst",
                                                           "the shop's real number")
    assert audit.actor == "token:test-analyst" and audit.object_type == "indicator"
    assert audit.object_id == str(stored.indicator_id)
    assert json.loads(audit.details) == {"kind": "phone", "value": PHONE, "verdict": "false_positive",
                                         "mark_id": stored.id}

    confirmed = mark(client, headers, "phone", PHONE, "confirm", role="investigator")
    assert confirmed.status_code == 201, confirmed.text
    risk = confirmed.json()["risk"]
    # a confirmation (weight 6) and three reports, the mark lifted
    assert risk["score"] == 83 and risk["verdict"] == "confirmed" and risk["components"]["fp_suppression"] == 0
    assert risk["sources"] == {"reports": 3, "sightings": 0, "confirmations": 1, "false_positives": 1}
    assert risk_of(client, headers, "phone", PHONE) == risk


def test_old_reports_weigh_less_and_partner_reports_are_sightings(client, headers):
    file(client, "Deposit to KBANK account 123-4-56789-0 for the job", reported_at="2020-01-01T00:00:00Z")
    assert risk_of(client, headers, "bank_account", "1234567890")["score"] == 0  # years past its half-life
    node = client.app.state.node
    for text in ("Mule account KBANK 123-4-56789-0", "KBANK account 123-4-56789-0 again"):
        submit_report(node, check_report({"country": "KH", "text": text}), acting=ANONYMOUS, source="partner")
    risk = risk_of(client, headers, "bank_account", "1234567890")
    # one partner (weight 2) however often it sights the value
    assert risk["sources"]["sightings"] == 1 and risk["score"] == 33


def test_warninglisted_values_score_zero_and_say_why(client, headers):
    file(client, "Scammer said to call my bank at 02-888-8888 to verify")
    risk = risk_of(client, headers, "phone", BANK_HOTLINE)
    assert risk["score"] == 0 and "warninglist" in risk["reason"] and risk["sources"]["reports"] == 1
    r = mark(client, headers, "phone", BANK_HOTLINE, "confirm")
    assert r.status_code == 201 and r.json()["risk"]["score"] == 0 and r.json()["risk"]["reason"]


def test_a_url_with_slashes_is_marked_not_read(client, headers):
    url = "http://lucky-prize-th.com/claim/now"
    file(client, f"You won! Claim at {url}")
    for path in (f"/api/v1/indicators/url/{quote(url, safe='')}/confirm", f"/api/v1/indicators/url/{url}/confirm"):
        r = client.post(path, headers=headers["analyst"])
        assert r.status_code == 201, r.text
        assert r.json()["value"] == url and r.json()["verdict"] == "confirmed"
    # GET on the same path still reads an indicator (here one nobody reported)
    assert client.get(f"/api/v1/indicators/url/{url}/confirm", headers=headers["analyst"]).status_code == 404


def test_roles(client, headers):
    file(client, "Call 081-234-5678 now")
    path = f"/api/v1/indicators/phone/{PHONE}/false-positive"
    assert client.post(path).status_code == 401
    assert client.post(path, headers={"Authorization": "Bearer nope"}).status_code == 401
    for role in ("bank", "partner", "public"):
        r = client.post(path, headers=headers[role])
        assert r.status_code == 403 and r.json()["field"] == "authorization"
    for role in ("admin", "analyst", "investigator"):
        assert client.post(path, headers=headers[role]).status_code == 201
    with client.app.state.node.engine.connect() as conn:
        assert len(conn.execute(select(indicator_marks)).all()) == 3


def test_bad_input_and_unknown_indicators(client, headers):
    file(client, "Call 081-234-5678 now")
    analyst = headers["analyst"]
    r = client.post("/api/v1/indicators/colour/red/confirm", headers=analyst)
    assert r.status_code == 422 and r.json()["field"] == "kind"
    r = client.post("/api/v1/indicators/phone/12/confirm", headers=analyst)
    assert r.status_code == 422 and r.json()["field"] == "value"
    r = client.post(f"/api/v1/indicators/phone/{'1' * 513}/confirm", headers=analyst)
    assert r.status_code == 422 and r.json()["field"] == "value"
    r = client.post(f"/api/v1/indicators/phone/{PHONE}/confirm", headers=analyst, json={"note": "x" * 2001})
    assert r.status_code == 422 and r.json()["field"] == "note"
    r = client.post(f"/api/v1/indicators/phone/{PHONE}/confirm", headers=analyst, json={"verdict": "fp"})
    assert r.status_code == 422 and r.json()["field"] == "verdict"
    r = client.post("/api/v1/indicators/phone/+66899999999/false-positive", headers=analyst)
    assert r.status_code == 404 and r.json()["field"] == "value"
    with client.app.state.node.engine.connect() as conn:
        assert conn.execute(select(indicator_marks)).all() == []
