"""GET /api/v1/feeds/...: block lists, the RPZ zone and the allowlist; ETag, gzip, access, bad input."""

from __future__ import annotations

import csv
import gzip
import io
import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

import dns.rdatatype
import dns.zone
import pytest
from fastapi.testclient import TestClient
from stix2validator import ValidationOptions, validate_string

from xborder.web.app import create_app

PHONE = "+66812345678"
OTHER = "+66898765432"


@pytest.fixture
def client(node):
    node.settings = replace(node.settings, lookup_poll_seconds=0)
    with TestClient(create_app(node)) as c:
        yield c


def file(client, text, times=1, reported_at=None):
    for _ in range(times):
        body = {"country": "TH", "text": text}
        if reported_at is not None:
            body["reported_at"] = reported_at
        r = client.post("/api/v1/reports", json=body)
        assert r.status_code == 201, r.text


@pytest.fixture
def seeded(client, headers):
    """Malicious: a phone (three reports), a domain (three), an account (confirmed once reported).
    Not: a phone reported once, the bank's real number, a shortener."""
    file(client, "Fake police called from 081-234-5678", times=3)
    file(client, "Pay at evil-bank.com now", times=3)
    file(client, "Call 089-876-5432 about your parcel")
    file(client, "Call KBANK 02 888 8888 and bit.ly/abc", times=3)
    file(client, "Transfer to account 123-4-56789-0")
    r = client.post("/api/v1/indicators/bank_account/1234567890/confirm", headers=headers["analyst"])
    assert r.status_code == 201, r.text
    client.app.state.lookup.refresher.refresh()
    return client


def get(client, path, headers, **kw):
    r = client.get(path, headers=headers, **kw)
    assert r.status_code == 200, r.text
    return r


def test_feeds_hold_exactly_the_values_lookups_call_malicious(seeded, headers):
    bank = headers["bank"]
    assert get(seeded, "/api/v1/feeds/phone.txt", bank).text == f"{PHONE}\n"
    assert get(seeded, "/api/v1/feeds/domain.txt", bank).text == "evil-bank.com\n"
    assert get(seeded, "/api/v1/feeds/bank_account.txt", bank).text == "1234567890\n"
    for value in (PHONE, "evil-bank.com", "1234567890"):
        assert seeded.get("/api/v1/lookup", params={"q": value}, headers=bank).json()["verdict"] == "malicious"
    for value in (OTHER, "+6628888888", "bit.ly"):
        assert seeded.get("/api/v1/lookup", params={"q": value}, headers=bank).json()["verdict"] != "malicious"
    assert get(seeded, "/api/v1/feeds/email.txt", bank).text == ""


def test_csv_and_json_carry_the_details(seeded, headers):
    r = get(seeded, "/api/v1/feeds/phone.csv", headers["bank"])
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 1
    row = rows[0]
    assert (row["kind"], row["value"], row["risk"], row["verdict"], row["report_count"]) == (
        "phone", PHONE, "45", "malicious", "3")
    assert row["countries"] == "TH" and row["network"].isdigit() and row["first_seen"].endswith("Z")
    doc = get(seeded, "/api/v1/feeds/bank_account.json", headers["analyst"]).json()
    assert doc["kind"] == "bank_account" and doc["count"] == 1
    (item,) = doc["items"]
    assert item["value"] == "1234567890" and item["risk"] == 75 and item["report_count"] == 1


def test_the_stix_feed_is_a_valid_bundle(seeded, headers):
    for path in ("/api/v1/feeds/domain.stix", "/api/v1/feeds/domain.stix.json"):
        r = get(seeded, path, headers["bank"])
        assert r.headers["content-type"].startswith("application/stix+json")
        result = validate_string(r.text, ValidationOptions())
        assert result.is_valid, [str(e) for e in result.errors]
        bundle = r.json()
        patterns = [o["pattern"] for o in bundle["objects"] if o["type"] == "indicator"]
        assert patterns == ["[domain-name:value = 'evil-bank.com']"]


def test_since_and_min_risk_filter(client, headers):
    old = (datetime.now(timezone.utc) - timedelta(days=20)).isoformat()
    file(client, "Old scam number 089-876-5432", times=5, reported_at=old)
    file(client, "New scam number 081-234-5678", times=6)
    bank = headers["bank"]
    assert get(client, "/api/v1/feeds/phone.txt", bank).text == f"{PHONE}\n{OTHER}\n"
    since = (datetime.now(timezone.utc) - timedelta(days=1)).isoformat()
    assert get(client, "/api/v1/feeds/phone.txt", bank, params={"since": since}).text == f"{PHONE}\n"
    # six fresh reports score 70; five 20 days old (a third of a phone's half-life) 55
    assert get(client, "/api/v1/feeds/phone.txt", bank, params={"min_risk": 60}).text == f"{PHONE}\n"
    assert get(client, "/api/v1/feeds/phone.txt", bank, params={"min_risk": 55}).text == f"{PHONE}\n{OTHER}\n"


def test_etag_answers_304_until_the_list_changes(seeded, headers):
    bank = headers["bank"]
    first = get(seeded, "/api/v1/feeds/phone.json", bank)
    tag = first.headers["etag"]
    same = seeded.get("/api/v1/feeds/phone.json", headers={**bank, "If-None-Match": tag})
    assert same.status_code == 304 and same.content == b"" and same.headers["etag"] == tag
    again = seeded.get("/api/v1/feeds/phone.json", headers={**bank, "If-None-Match": '"other", ' + tag})
    assert again.status_code == 304
    file(seeded, "Another scam from 089-876-5432", times=3)
    changed = seeded.get("/api/v1/feeds/phone.json", headers={**bank, "If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag
    assert [i["value"] for i in changed.json()["items"]] == [PHONE, OTHER]


def test_gzip_when_the_client_accepts_it(seeded, headers):
    bank = headers["bank"]
    plain = get(seeded, "/api/v1/feeds/phone.csv", {**bank, "Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    with seeded.stream("GET", "/api/v1/feeds/phone.csv", headers={**bank, "Accept-Encoding": "gzip"}) as zipped:
        raw = b"".join(zipped.iter_raw())  # as sent, before the client decodes it
    assert zipped.status_code == 200 and zipped.headers["content-encoding"] == "gzip"
    assert gzip.decompress(raw) == plain.content and len(raw) != len(plain.content)
    assert zipped.headers["etag"] != plain.headers["etag"] and "Accept-Encoding" in zipped.headers["vary"]
    refused = get(seeded, "/api/v1/feeds/phone.csv", {**bank, "Accept-Encoding": "gzip;q=0"})
    assert "content-encoding" not in refused.headers
    # either tag revalidates the same list
    for tag in (plain.headers["etag"], zipped.headers["etag"]):
        assert seeded.get("/api/v1/feeds/phone.csv", headers={**bank, "If-None-Match": tag}).status_code == 304


def test_rpz_zone_blocks_malicious_domains_and_nothing_official(seeded, headers):
    r = get(seeded, "/api/v1/feeds/rpz", headers["bank"])
    assert r.headers["content-type"].startswith("text/dns")
    zone = dns.zone.from_text(r.text, origin=None, relativize=False)
    origin = str(zone.origin)
    assert origin == "rpz.xborder-th."
    assert zone.find_rdataset(origin, dns.rdatatype.SOA) and zone.find_rdataset(origin, dns.rdatatype.NS)
    blocked = {str(n) for n, node in zone.nodes.items() if node.get_rdataset(dns.rdataclass.IN, dns.rdatatype.CNAME)}
    assert blocked == {f"evil-bank.com.{origin}", f"*.evil-bank.com.{origin}"}
    # unchanged list, unchanged serial and ETag
    again = get(seeded, "/api/v1/feeds/rpz", headers["bank"])
    assert again.text == r.text


def test_the_allowlist_tells_the_real_hotline_from_a_spoofed_one(client, headers):
    doc = get(client, "/api/v1/feeds/allowlist.json", headers["bank"]).json()
    by_value = {(i["kind"], i["value"]): i for i in doc["items"]}
    assert doc["count"] == len(doc["items"]) > 30
    assert by_value[("phone", "1441")]["label"].startswith("Anti Online Scam")
    assert by_value[("phone", "+6628888888")]["list"] == "bank-call-centres"
    assert by_value[("domain", "go.th")]["match"] == "hostname"
    assert ("domain", "bit.ly") not in by_value and ("domain", "facebook.com") not in by_value
    rows = list(csv.DictReader(io.StringIO(get(client, "/api/v1/feeds/allowlist.csv", headers["bank"]).text)))
    assert {(r["kind"], r["value"]) for r in rows} == set(by_value)


def test_feeds_need_a_bank_or_staff_token(client, headers):
    paths = ["/api/v1/feeds/phone.csv", "/api/v1/feeds/rpz", "/api/v1/feeds/allowlist.json"]
    for path in paths:
        assert client.get(path).status_code == 401
        # a partner node gets what its agreement allows, over TAXII or its MISP feed, not the node-wide lists
        for role in ("public", "partner"):
            assert client.get(path, headers=headers[role]).status_code == 403, (path, role)
        for role in ("bank", "analyst", "investigator", "admin"):
            assert client.get(path, headers=headers[role]).status_code == 200, (path, role)


@pytest.mark.parametrize("path, params, status, field", [
    ("/api/v1/feeds/pager.csv", {}, 404, "kind"),
    ("/api/v1/feeds/national_id.csv", {}, 404, "kind"),
    ("/api/v1/feeds/phone.xml", {}, 404, "format"),
    ("/api/v1/feeds/allowlist.txt", {}, 404, "format"),
    ("/api/v1/feeds/phone.csv", {"since": "last tuesday"}, 422, "since"),
    ("/api/v1/feeds/phone.csv", {"min_risk": "101"}, 422, "min_risk"),
    ("/api/v1/feeds/phone.csv", {"min_risk": "high"}, 422, "min_risk"),
])
def test_bad_feed_requests_are_4xx_naming_the_field(client, headers, path, params, status, field):
    r = client.get(path, params=params, headers=headers["bank"])
    assert r.status_code == status, r.text
    assert r.json()["field"] == field


def test_url_values_with_commas_stay_one_csv_cell(client, headers):
    url = "http://evil-shop.com/a,b/c"
    file(client, f"Click {url} now", times=3)
    rows = list(csv.DictReader(io.StringIO(get(client, "/api/v1/feeds/url.csv", headers["bank"]).text)))
    assert [(r["value"], r["verdict"]) for r in rows] == [(url, "malicious")]
    r = client.get(f"/api/v1/lookup?q={quote(url)}", headers=headers["bank"])
    assert json.loads(r.text)["verdict"] == "malicious"
