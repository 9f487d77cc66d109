"""Victims' personal data never leaves by any export path; the MISP feed routes and files."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from pymisp import MISPEvent
from sqlalchemy import select

from xborder.actions.agreements import suspend_agreement
from xborder.actions.misp_export import build_misp_feed, write_misp_feed
from xborder.core.actors import CLI
from xborder.share.stix import indicator_id
from xborder.store.tables import audit_log, share_log

_spec = importlib.util.spec_from_file_location("share_serving_kit", Path(__file__).with_name("serving_kit.py"))
assert _spec is not None and _spec.loader is not None
kit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(kit)

VICTIMS = [
    {"name": "Somchai Jaidee", "phone": "089-999-9999", "email": "somchai.j@gmail.com",
     "national_id": "1101700203451"},
    {"name": "Sokha Chan", "phone": "+855 12 777 888", "email": "sokha.chan@yahoo.com",
     "national_id": "3100600123456"},
]
# Every way those values could be written out: as given, digits only, E.164, lower-case.
FORBIDDEN = {"Somchai", "Jaidee", "somchai.j@gmail.com", "0899999999", "+66899999999", "1101700203451",
             "Sokha", "sokha.chan@yahoo.com", "12777888", "+85512777888", "3100600123456"}
TEXTS = [
    ("TH", "Fake police officer called from 081-234-5678 and told me to pay KBANK account 123-4-56789-0. "
           "My name is Somchai Jaidee."),
    ("KH", "A job offer on Telegram t.me/fastjobs_kh asked me to pay a fee to ABA account 000 123 456"),
    ("TH", "Investment group LINE id: @richfast, wallet 1BoatSLRHtKNngkdXEeobR76b53LETtpyT, site "
           "https://rich-fast.example.com/join"),
]


def leaks(text: str) -> set[str]:
    return {v for v in FORBIDDEN if v.lower() in text.lower()}


def test_no_export_path_carries_a_victims_personal_data(node, client, headers, tmp_path):
    for (country, text), victim in zip(TEXTS, VICTIMS * 2):
        kit.file_report(node, text, country=country, reporter=victim)
    everything, p_headers = kit.partner(node, "kh", tlp_max="amber+strict", narratives="redacted")
    kit.partner(node, "lao", country="LA", kinds="phone", tlp_max="green")
    kit.publish(node, full=True)
    admin = kit.admin_headers(node)
    served: list[str] = []
    for collection in client.get("/taxii2/api/collections/", headers=admin).json()["collections"]:
        cid = collection["id"]
        objects = kit.read_all(client, cid, admin)
        served.append(json.dumps(objects, ensure_ascii=False))
        served.append(client.get(f"/taxii2/api/collections/{cid}/manifest/", headers=admin).text)
        for o in objects:
            served.append(client.get(kit.objects_url(cid) + o["id"] + "/versions/", headers=admin).text)
    partner_view = kit.read_all(client, everything.collection_id, p_headers)
    served.append(json.dumps(partner_view, ensure_ascii=False))
    assert any(o["type"] == "note" for o in partner_view), "the redacted narratives are part of what is checked"
    assert any(o["type"] == "grouping" for o in partner_view)
    for who in (headers["bank"], p_headers):
        manifest = client.get("/api/v1/feeds/misp/manifest.json", headers=who)
        assert manifest.status_code == 200
        served.append(manifest.text)
        served.append(client.get("/api/v1/feeds/misp/hashes.csv", headers=who).text)
        for event_uuid in manifest.json():
            served.append(client.get(f"/api/v1/feeds/misp/{event_uuid}.json", headers=who).text)
    write_misp_feed(build_misp_feed(node), tmp_path / "misp")
    served += [p.read_text(encoding="utf-8") for p in (tmp_path / "misp").iterdir()]
    whole = "\n".join(served)
    assert "+66812345678" in whole and "richfast" in whole  # the scammers' values do go out
    assert leaks(whole) == set()


def test_a_promptpay_id_that_is_a_national_id_number_never_leaves(node, client, headers, tmp_path):
    national = "1101700203450"  # a valid Thai ID number, here as the PromptPay ID of a mule's account
    kit.file_report(node, f"The fake officer told me to transfer to PromptPay {national} or PromptPay "
                          "081-234-5678 at once")
    kh, p_headers = kit.partner(node, "kh", kinds="promptpay,phone", narratives="redacted")
    kit.publish(node, full=True)
    objects = kit.read_all(client, kh.collection_id, p_headers)
    patterns = " ".join(o.get("pattern", "") for o in objects)
    assert "+66812345678" in patterns  # the PromptPay mobile number goes
    notes = [o for o in objects if o["type"] == "note"]
    assert notes and "[promptpay]" in notes[0]["content"]
    served = [json.dumps(objects, ensure_ascii=False)]
    for who in (headers["bank"], p_headers):
        manifest = client.get("/api/v1/feeds/misp/manifest.json", headers=who)
        served += [client.get(f"/api/v1/feeds/misp/{u}.json", headers=who).text for u in manifest.json()]
    write_misp_feed(build_misp_feed(node), tmp_path / "misp")
    served += [p.read_text(encoding="utf-8") for p in (tmp_path / "misp").iterdir()]
    whole = "\n".join(served)
    assert "+66812345678" in whole and national not in whole


def test_a_partner_key_reads_only_what_its_agreement_lets_out(node, client, headers):
    kit.file_report(node, "Secret source: the boss calls from 082-222-3333", tlp="red")
    kit.file_report(node, "Fake shop https://cheap-phones.example.com/pay", tlp="green")
    kh, p_headers = kit.partner(node, "kh", kinds="url", tlp_max="green")
    kit.publish(node)
    key = {"Authorization": p_headers["Authorization"]}
    # the node-wide views (every kind, every TLP, no suspension) are not a way round the agreement
    for path in ("/api/v1/indicators/phone/0822223333", "/api/v1/feeds/phone.csv", "/api/v1/feeds/phone.stix",
                 "/api/v1/feeds/rpz", "/api/v1/feeds/allowlist.json"):
        r = client.get(path, headers=key)
        assert r.status_code == 403 and r.json()["field"] == "authorization", (path, r.text)
        assert client.get(path, headers=headers["bank"]).status_code == 200, path
    bulk = client.post("/api/v1/lookup", json={"values": ["0822223333"]}, headers=key)
    assert bulk.status_code == 403 and "+66822223333" not in bulk.text
    # what the agreement lets out, it gets
    assert client.get("/api/v1/feeds/misp/manifest.json", headers=key).status_code == 200
    objects = kit.read_all(client, kh.collection_id, p_headers)
    assert any("cheap-phones.example.com" in o.get("pattern", "") for o in objects)
    assert "+66822223333" not in json.dumps(objects)


def test_the_misp_feed_follows_who_asks_and_loads_in_pymisp(node, client, headers, tmp_path):
    kit.file_report(node, TEXTS[0][1])
    kit.file_report(node, TEXTS[2][1], tlp="amber+strict")
    kh, p_headers = kit.partner(node, "kh", kinds="phone", tlp_max="amber+strict")
    kit.publish(node)
    bank = client.get("/api/v1/feeds/misp/manifest.json", headers=headers["bank"])
    assert bank.status_code == 200
    values = set()
    for event_uuid in bank.json():
        event = MISPEvent()
        event.load(client.get(f"/api/v1/feeds/misp/{event_uuid}.json", headers=headers["bank"]).json())
        values |= {a.value for a in event.attributes}
    # node-wide: up to TLP:AMBER, so the amber+strict report's values stay out
    assert "+66812345678" in values and "@richfast" not in values
    partner_values = set()
    for event_uuid in client.get("/api/v1/feeds/misp/manifest.json", headers=p_headers).json():
        body = client.get(f"/api/v1/feeds/misp/{event_uuid}.json", headers=p_headers).json()
        partner_values |= {a["value"] for a in body["Event"]["Attribute"]}
    assert partner_values == {"+66812345678"}  # its agreement: phones only
    # what the partner fetched is on the record, as a TAXII page would be; what the bank fetched is not an export
    with node.engine.connect() as conn:
        logged = conn.execute(select(share_log.c.partner_id, share_log.c.stix_id, share_log.c.direction)).all()
        audited = conn.execute(select(audit_log.c.details).where(audit_log.c.action == "share_export")).scalars().all()
    phone_id = indicator_id("TH", "phone", "+66812345678")
    assert {(r.partner_id, r.stix_id, r.direction) for r in logged} == {(kh.partner_id, phone_id, "export")}
    assert audited and all(json.loads(d)["endpoint"] == "misp" for d in audited)
    assert client.get("/api/v1/feeds/misp/manifest.json").status_code == 401
    assert client.get("/api/v1/feeds/misp/manifest.json", headers=headers["public"]).status_code == 403
    assert client.get("/api/v1/feeds/misp/00000000-0000-4000-8000-000000000000.json",
                      headers=headers["bank"]).status_code == 404
    assert client.get("/api/v1/feeds/misp/nonsense.json", headers=headers["bank"]).status_code == 404
    suspend_agreement(node, "kh", acting=CLI)
    assert client.get("/api/v1/feeds/misp/manifest.json", headers=p_headers).status_code == 403
    files = write_misp_feed(build_misp_feed(node), tmp_path / "feed")
    assert "manifest.json" in files and "hashes.csv" in files and len(files) >= 3
