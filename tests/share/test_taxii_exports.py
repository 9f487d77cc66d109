"""Victims' personal data never leaves by any export path; the MISP feed routes and files."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from pymisp import MISPEvent

from xborder.actions.agreements import suspend_agreement
from xborder.actions.misp_export import build_misp_feed, write_misp_feed
from xborder.core.actors import CLI

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
    assert client.get("/api/v1/feeds/misp/manifest.json").status_code == 401
    assert client.get("/api/v1/feeds/misp/manifest.json", headers=headers["public"]).status_code == 403
    assert client.get("/api/v1/feeds/misp/00000000-0000-4000-8000-000000000000.json",
                      headers=headers["bank"]).status_code == 404
    assert client.get("/api/v1/feeds/misp/nonsense.json", headers=headers["bank"]).status_code == 404
    suspend_agreement(node, "kh", acting=CLI)
    assert client.get("/api/v1/feeds/misp/manifest.json", headers=p_headers).status_code == 403
    files = write_misp_feed(build_misp_feed(node), tmp_path / "feed")
    assert "manifest.json" in files and "hashes.csv" in files and len(files) >= 3
