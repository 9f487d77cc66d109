"""The TAXII 2.1 server through its HTTP interface: resources, credentials, filters per agreement, paging, errors."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from sqlalchemy import select

from xborder.actions.agreements import resume_agreement, revoke_agreement, suspend_agreement
from xborder.core.actors import CLI
from xborder.store.audit import verify_chain
from xborder.store.tables import audit_log, share_log

_spec = importlib.util.spec_from_file_location("share_serving_kit", Path(__file__).with_name("serving_kit.py"))
assert _spec is not None and _spec.loader is not None
kit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(kit)

TAXII = kit.TAXII
SCAM = "Fake police officer called from 081-234-5678 and told me to pay KBANK account 123-4-56789-0"


def test_discovery_api_root_and_collections_speak_taxii_21(node, client):
    kh, headers = kit.partner(node, "kh")
    kit.partner(node, "lao", country="LA")
    r = client.get("/taxii2/", headers=headers)
    assert r.status_code == 200 and r.headers["content-type"] == TAXII
    assert r.json()["api_roots"] == ["http://testserver/taxii2/api/"] and r.json()["default"]
    root = client.get("/taxii2/api/", headers=headers).json()
    assert root["versions"] == [TAXII] and root["max_content_length"] == 1024 * 1024
    listed = client.get("/taxii2/api/collections/", headers=headers).json()["collections"]
    # a partner sees its own collection only; another partner's is "not found", not "forbidden"
    assert [c["id"] for c in listed] == [kh.collection_id]
    assert listed[0]["can_read"] and listed[0]["can_write"]
    lao = kit.agreement(node, "lao")
    assert client.get(f"/taxii2/api/collections/{lao.collection_id}/", headers=headers).status_code == 404
    admin = kit.admin_headers(node)
    assert {c["id"] for c in client.get("/taxii2/api/collections/", headers=admin).json()["collections"]} == {
        kh.collection_id, lao.collection_id}
    assert client.get(f"/taxii2/api/collections/{kh.collection_id}/", headers=headers).json()["id"] == kh.collection_id


def test_credentials_are_checked_and_every_error_is_a_taxii_message(node, client, headers):
    kh, partner = kit.partner(node, "kh")
    url = kit.objects_url(kh.collection_id)
    cases = [
        (client.get(url, headers={"Accept": TAXII}), 401),
        (client.get(url, headers={"Accept": TAXII, "Authorization": "Bearer xb_nonsense"}), 401),
        (client.get(url, headers={**headers["bank"], "Accept": TAXII}), 403),
        (client.get(url, headers={**headers["analyst"], "Accept": TAXII}), 403),
        (client.get(url, headers={**partner, "Accept": "application/json"}), 406),
        (client.get("/taxii2/api/collections/not-a-uuid/objects/", headers=partner), 404),
        (client.get("/taxii2/api/nowhere/", headers=partner), 404),
        (client.delete(url + "indicator--6cc1daef-6c24-56ea-923d-b3e5319c78fa/", headers=partner), 405),
        (client.get(url, params={"limit": "many"}, headers=partner), 400),
        (client.get(url, params={"added_after": "yesterday"}, headers=partner), 400),
        # RFC 3339 digits are ASCII: Thai (or full-width) digits are no timestamp
        (client.get(url, params={"added_after": "๒๐๒๕-01-01T00:00:00Z"}, headers=partner), 400),
        (client.get(url, params={"match[spec_version]": "๒.๑"}, headers=partner), 400),
        (client.get(url, params={"match[id]": "not-an-id"}, headers=partner), 400),
        (client.get(url, params={"match[version]": "newest"}, headers=partner), 400),
        (client.get(url, params={"match[relationship_type]": "x"}, headers=partner), 400),
    ]
    for response, status in cases:
        assert response.status_code == status, (status, response.text)
        assert response.headers["content-type"] == TAXII
        body = response.json()
        assert body["http_status"] == str(status) and body["title"] and body["error_id"]
    assert cases[0][0].headers["www-authenticate"] == "Bearer"
    # the node's own API keeps its own error shape
    assert "error" in client.get("/api/v1/partners", headers=headers["bank"]).json()


def test_each_collection_serves_what_its_agreement_lets_out_and_never_tlp_red(node, client):
    kit.file_report(node, SCAM)  # phone + bank account, TLP amber by default
    kit.file_report(node, "Fake shop https://cheap-phones.example.com/pay", tlp="green")
    kit.file_report(node, "Secret source: wallet call 082-222-3333", tlp="red")
    kit.file_report(node, "Investment group on LINE id: @richfast", tlp="amber+strict")
    # three more reports push the phone's confidence above the others'
    for _ in range(3):
        kit.file_report(node, "They called again from 0812345678")
    kit.publish(node)
    phones, p_headers = kit.partner(node, "phones", kinds="phone", tlp_max="amber+strict")
    green, g_headers = kit.partner(node, "green", tlp_max="green")
    sure, s_headers = kit.partner(node, "sure", min_confidence=40)
    kit.publish(node)

    def kinds(agreement, headers):
        objects = kit.read_all(client, agreement.collection_id, headers)
        found = {o["extensions"][next(iter(o["extensions"]))]["kind"] for o in objects if o["type"] == "indicator"}
        markings = {m for o in objects for m in o.get("object_marking_refs", [])}
        return found, markings

    got, markings = kinds(phones, p_headers)
    assert got == {"phone"}
    got, markings = kinds(green, g_headers)
    assert got == {"url", "domain"}
    assert markings == {"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"}  # TLP:GREEN only
    got, _ = kinds(sure, s_headers)
    assert got == {"phone"}  # the only value with confidence >= 40
    # TLP:RED: the phone of the red report (+66822223333) is in no collection, not even for an admin
    for agreement, headers in ((phones, p_headers), (green, g_headers), (sure, s_headers),
                               (phones, kit.admin_headers(node))):
        text = json.dumps(kit.read_all(client, agreement.collection_id, headers))
        assert "+66822223333" not in text and "e828b379-4e03-4974-9ac4-e53a884c97c1\"]" not in text


def test_paging_stays_exact_while_objects_are_published_between_pages(node, client):
    for i in range(12):
        kit.file_report(node, f"Scam call from 08{i}-555-01{i:02d} about a parcel")
    kit.publish(node)
    kh, headers = kit.partner(node, "kh")
    url = kit.objects_url(kh.collection_id)
    seen: list[tuple[str, str]] = []
    # the first page: the reference objects and the first indicator's four objects
    page = client.get(url, params={"limit": 21}, headers=headers).json()
    seen += [(o["id"], o.get("modified", "")) for o in page["objects"]]
    assert any("+66805550100" in o.get("pattern", "") for o in page["objects"])
    # between pages: new values, and a new version of one already served (one more report)
    for i in range(5):
        kit.file_report(node, f"New scam line 09{i}-777-02{i:02d}")
    kit.file_report(node, "Again from 080-555-0100")
    kit.publish(node)
    while page["more"]:
        page = client.get(url, params={"limit": 21, "next": page["next"]}, headers=headers).json()
        kit.assert_valid(page.get("objects", []))
        seen += [(o["id"], o.get("modified", "")) for o in page.get("objects", [])]
    assert len(seen) == len(set(seen)), "an object version was served twice"
    latest = {(o["id"], o.get("modified", "")) for o in kit.read_all(client, kh.collection_id, headers)}
    assert latest <= set(seen), "an object published between pages was lost"
    assert len(latest) < len(seen)  # the new version of an object already served came on a later page


def test_match_filters_object_versions_and_manifest(node, client):
    kit.file_report(node, SCAM)
    kit.publish(node)
    kh, headers = kit.partner(node, "kh")
    kit.publish(node)
    kit.file_report(node, "Again a call from 0812345678")
    kit.publish(node)
    url = kit.objects_url(kh.collection_id)
    indicators = client.get(url, params={"match[type]": "indicator"}, headers=headers).json()["objects"]
    assert {o["type"] for o in indicators} == {"indicator"} and len(indicators) == 2
    phone = next(o for o in indicators if "phone-number" in o["pattern"])
    assert phone["confidence"] > 0
    one = client.get(url + phone["id"] + "/", headers=headers)
    assert one.status_code == 200 and [o["id"] for o in one.json()["objects"]] == [phone["id"]]
    versions = client.get(url + phone["id"] + "/versions/", headers=headers)
    assert versions.status_code == 200 and len(versions.json()["versions"]) == 2
    assert versions.json()["versions"][-1] == phone["modified"]
    first = client.get(url, params={"match[id]": phone["id"], "match[version]": "first"}, headers=headers).json()
    assert first["objects"][0]["modified"] == versions.json()["versions"][0]
    every = client.get(url, params={"match[id]": phone["id"], "match[version]": "all"}, headers=headers).json()
    assert [o["modified"] for o in every["objects"]] == versions.json()["versions"]
    exact = client.get(url, params={"match[id]": phone["id"], "match[version]": versions.json()["versions"][0]},
                       headers=headers).json()
    assert [o["modified"] for o in exact["objects"]] == versions.json()["versions"][:1]
    assert client.get(url, params={"match[spec_version]": "2.0"}, headers=headers).json() == {"more": False}
    r = client.get(url, headers=headers)
    last = r.headers["x-taxii-date-added-last"]
    assert client.get(url, params={"added_after": last}, headers=headers).json() == {"more": False}
    manifest = client.get(f"/taxii2/api/collections/{kh.collection_id}/manifest/", headers=headers)
    records = manifest.json()["objects"]
    assert {m["id"] for m in records} == {o["id"] for o in r.json()["objects"]}
    assert all(m["media_type"] == "application/stix+json;version=2.1" for m in records)
    assert manifest.headers["x-taxii-date-added-first"] == r.headers["x-taxii-date-added-first"]
    missing = "indicator--00000000-0000-4000-8000-000000000000"
    assert client.get(url + missing + "/", headers=headers).status_code == 404
    assert client.get(url + missing + "/versions/", headers=headers).status_code == 404


def test_forged_stale_and_misused_cursors_are_refused(node, client):
    from xborder.store.personal import load_key
    from xborder.web.taxii.cursor import cursor_key, make_cursor

    for i in range(4):
        kit.file_report(node, f"Scam call from 08{i}-555-01{i:02d}")
    kit.publish(node)
    kh, headers = kit.partner(node, "kh")
    other, _ = kit.partner(node, "other", country="LA")
    url = kit.objects_url(kh.collection_id)
    page = client.get(url, params={"limit": 3}, headers=headers).json()
    token = page["next"]
    ok = client.get(url, params={"limit": 3, "next": token}, headers=headers)
    assert ok.status_code == 200
    payload, tag = token.split(".")
    forged = payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB") + "." + tag
    key = cursor_key(load_key(node.settings.secret_key, node.settings.secret_key_path, create=False))
    stale = make_cursor(key, kh.collection_id, json.loads(__import__("base64").urlsafe_b64decode(
        payload + "=" * (-len(payload) % 4)))[2], 3, now=0)
    admin = kit.admin_headers(node)
    for params, hdrs, code in (
        ({"next": forged}, headers, "invalid_cursor"),
        ({"next": "garbage"}, headers, "invalid_cursor"),
        ({"next": token, "match[type]": "indicator"}, headers, "cursor_filters_mismatch"),
        ({"next": stale}, headers, "stale_cursor"),
    ):
        r = client.get(url, params=params, headers=hdrs)
        assert r.status_code == 400 and r.json()["error_code"] == code, r.text
    # a cursor of one collection is no key to another
    r = client.get(kit.objects_url(other.collection_id), params={"next": token}, headers=admin)
    assert r.status_code == 400 and r.json()["error_code"] == "invalid_cursor"


def test_suspend_stops_every_collection_endpoint_and_revoke_kills_the_keys(node, client):
    kit.file_report(node, SCAM)
    kit.publish(node)
    kh, headers = kit.partner(node, "kh")
    admin = kit.admin_headers(node)
    base = f"/taxii2/api/collections/{kh.collection_id}/"
    endpoints = [base, base + "objects/", base + "manifest/"]
    assert all(client.get(u, headers=headers).status_code == 200 for u in endpoints)
    suspend_agreement(node, "kh", acting=CLI)
    for u in endpoints:
        for h in (headers, admin):
            r = client.get(u, headers=h)
            assert r.status_code == 403 and r.json()["error_code"] == "agreement_suspended", r.text
    post = client.post(base + "objects/", headers={**headers, "Content-Type": TAXII}, content=b'{"objects": []}')
    assert post.status_code == 403
    listed = client.get("/taxii2/api/collections/", headers=headers).json()["collections"]
    assert listed[0]["can_read"] is False
    resume_agreement(node, "kh", acting=CLI)
    assert client.get(base + "objects/", headers=headers).status_code == 200
    revoke_agreement(node, "kh", acting=CLI)
    r = client.get(base + "objects/", headers=headers)
    assert r.status_code == 401 and r.headers["content-type"] == TAXII
    r = client.get(base + "objects/", headers=admin)
    assert r.status_code == 403 and r.json()["error_code"] == "agreement_revoked"
    assert client.get("/taxii2/api/collections/", headers=admin).json() == {}


def test_every_page_served_to_a_partner_is_logged_with_a_chained_audit_row(node, client):
    for i in range(5):
        kit.file_report(node, f"Scam call from 08{i}-555-01{i:02d}")
    kit.publish(node)
    kh, headers = kit.partner(node, "kh")
    served = kit.read_all(client, kh.collection_id, headers, limit=10)
    kit.read_all(client, kh.collection_id, kit.admin_headers(node))  # an operator's look is not an export
    with node.engine.connect() as conn:
        logged = conn.execute(select(share_log.c.stix_id, share_log.c.modified, share_log.c.direction,
                                     share_log.c.audit_seq).order_by(share_log.c.id)).all()
        rows = conn.execute(select(audit_log).where(audit_log.c.action == "share_export")
                            .order_by(audit_log.c.seq)).all()
        assert verify_chain(conn).ok
    assert [r.stix_id for r in logged] == [o["id"] for o in served]
    assert all(r.modified == o["modified"] for r, o in zip(logged, served) if "modified" in o)
    assert {r.direction for r in logged} == {"export"}
    assert len(rows) == -(-len(served) // 10)
    from xborder.actions.share_exports import batch_digest

    first = json.loads(rows[0].details)
    batch = [(r.stix_id, r.modified) for r in logged if r.audit_seq == rows[0].seq]
    assert first["digest"] == batch_digest(batch) and first["objects"] == len(batch) == 10
    assert first["partner"] == "kh"
