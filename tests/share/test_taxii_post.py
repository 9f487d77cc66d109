"""A partner POSTs objects to its collection: status resources, and every bad input refused as TAXII says."""

from __future__ import annotations

import importlib.util
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import func, select

from xborder.share.facts import IndicatorFacts, NodeIdentity
from xborder.share.stix import identity_object, indicator_objects
from xborder.store.tables import audit_log, partner_objects

_spec = importlib.util.spec_from_file_location("share_serving_kit", Path(__file__).with_name("serving_kit.py"))
assert _spec is not None and _spec.loader is not None
kit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(kit)

KH = NodeIdentity("KH", "xborder-kh")
T0 = (datetime.now(timezone.utc) - timedelta(days=3)).replace(microsecond=0)


def kh_objects(kind: str = "phone", value: str = "+85512345678", tlp: str = "amber") -> list[dict]:
    facts = IndicatorFacts(kind=kind, value=value, first_seen=T0, last_seen=T0, modified=T0, report_count=2,
                           confidence=60, tlp=tlp, countries=("KH",))
    return indicator_objects(KH, facts)


def post(client, collection_id, headers, body, content_type=kit.TAXII):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.post(kit.objects_url(collection_id), content=data,
                       headers={**headers, "Content-Type": content_type})


def count(node, table) -> int:
    with node.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_a_partner_posts_objects_and_reads_the_status(node, client):
    kh, headers = kit.partner(node, "kh", kinds="phone,url,domain")
    envelope = {"objects": [identity_object(KH), *kh_objects()]}
    r = post(client, kh.collection_id, headers, envelope)
    assert r.status_code == 202 and r.headers["content-type"] == kit.TAXII, r.text
    status = r.json()
    assert status["status"] == "complete" and status["total_count"] == 5
    assert status["success_count"] == 5 and status["failure_count"] == 0 and status["pending_count"] == 0
    assert {s["id"] for s in status["successes"]} == {o["id"] for o in envelope["objects"]}
    assert {s["message"] for s in status["successes"]} == {"created"}
    again = client.get(f"/taxii2/api/status/{status['id']}/", headers=headers)
    assert again.status_code == 200 and again.json()["id"] == status["id"]
    assert again.json()["successes"] == status["successes"]
    _, other = kit.partner(node, "lao", country="LA")
    assert client.get(f"/taxii2/api/status/{status['id']}/", headers=other).status_code == 404
    # the same envelope again: every object is already here, and says so
    repeat = post(client, kh.collection_id, headers, envelope).json()
    assert repeat["success_count"] == 5 and {s["message"] for s in repeat["successes"]} == {"unchanged"}
    with node.engine.connect() as conn:
        kept = set(conn.execute(select(partner_objects.c.stix_id)).scalars())
    assert kept == {o["id"] for o in envelope["objects"]}


def test_objects_the_agreement_does_not_take_refuse_the_whole_envelope(node, client):
    kh, headers = kit.partner(node, "kh", kinds="phone,promptpay", tlp_max="green")
    allowed = kh_objects(tlp="green")
    cases = {
        "kind": kh_objects("email", "boss@scam-shop.com", tlp="green"),
        "tlp": kh_objects("phone", "+85512000111", tlp="amber"),
        "national id": kh_objects("promptpay", "1101700203450", tlp="green"),
        "provenance": [{**o, "created_by_ref": "identity--11111111-1111-4111-8111-111111111111"}
                       if "created_by_ref" in o else o for o in kh_objects("phone", "+85512000222", tlp="green")],
    }
    reasons = {"kind": "kind email is not in the agreement", "tlp": "TLP:AMBER is above",
               "national id": "national ID number", "provenance": "created_by_ref"}
    for case, refused in cases.items():
        r = post(client, kh.collection_id, headers, {"objects": [*allowed, *refused]})
        assert r.status_code == 422 and r.headers["content-type"] == kit.TAXII, (case, r.text)
        body = r.json()
        assert body["error_code"] == "not_in_agreement" and body["http_status"] == "422"
        errors = body["details"]["errors"]
        assert {e["id"] for e in errors} <= {o["id"] for o in refused} and errors, case
        assert all(e["field"] == f"objects[{e['index']}]" and e["index"] >= len(allowed) for e in errors)
        assert reasons[case] in body["description"], (case, body["description"])
        assert count(node, partner_objects) == 0, f"{case}: nothing of a refused envelope may be applied"
    with node.engine.connect() as conn:
        refused_rows = conn.execute(select(audit_log.c.details)
                                    .where(audit_log.c.action == "share_import_refused")).scalars().all()
    assert len(refused_rows) == len(cases)
    # the allowed objects alone go in
    ok = post(client, kh.collection_id, headers, {"objects": allowed})
    assert ok.status_code == 202 and ok.json()["success_count"] == len(allowed)


def test_bad_posts_are_refused_whole_with_taxii_errors_and_audited(node, client):
    kh, headers = kit.partner(node, "kh")
    admin = kit.admin_headers(node)
    good = {"objects": kh_objects()}
    malformed = {"objects": [*kh_objects(), {**kh_objects()[1], "pattern": "[phone-number:value = "}]}
    unknown = {"objects": [*kh_objects(), {"type": "x-unknown", "id": "x-unknown--7b0ad0f4-3e29-4c61-9f4e-2f4b7c1d9a85"}]}
    too_many = {"objects": [{"type": "phone-number"}] * 5001}  # small, but too many
    huge = b'{"objects": [' + b" " * (1024 * 1024 + 10) + b"]}"
    deep = b'{"objects": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"  # deeper than the JSON parser goes
    before = count(node, partner_objects)
    cases = [
        (post(client, kh.collection_id, headers, good, "application/json"), 415),
        (post(client, kh.collection_id, headers, b"{not json"), 400),
        (post(client, kh.collection_id, headers, deep), 400),
        (post(client, kh.collection_id, headers, b'{"objects": [{"type": "indicator", "confidence": NaN}]}'), 400),
        (post(client, kh.collection_id, headers, {"items": []}), 400),
        (post(client, kh.collection_id, headers, malformed), 400),
        (post(client, kh.collection_id, headers, unknown), 400),
        (post(client, kh.collection_id, headers, too_many), 413),
        (post(client, kh.collection_id, headers, huge), 413),
        (post(client, kh.collection_id, admin, good), 403),
    ]
    for response, status in cases:
        assert response.status_code == status, (status, response.text)
        assert response.headers["content-type"] == kit.TAXII
        assert response.json()["http_status"] == str(status)
    assert cases[7][0].json()["title"] == "Too many objects"
    assert "objects[4].pattern" in json.dumps(cases[5][0].json()["details"])
    assert count(node, partner_objects) == before == 0, "nothing of a refused envelope may be applied"
    with node.engine.connect() as conn:
        refused = conn.execute(select(audit_log.c.details)
                               .where(audit_log.c.action == "share_import_refused")).scalars().all()
    assert len(refused) >= 8, refused  # every refusal past the credential check is on the record
    assert post(client, kh.collection_id, headers, good).status_code == 202
