"""Partners and agreements through the admin API and the CLI; the MOU record of what crossed the border."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from xborder.cli import app
from xborder.store.tables import api_keys, audit_log, partners

_spec = importlib.util.spec_from_file_location("share_serving_kit", Path(__file__).with_name("serving_kit.py"))
assert _spec is not None and _spec.loader is not None
kit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(kit)


@pytest.fixture
def xb(node, monkeypatch):
    """Run `xborder ...` against the test node's database (SQLite or PostgreSQL)."""
    for key in list(os.environ):
        if key.startswith("XBORDER_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("XBORDER_HOME", str(node.settings.home))
    monkeypatch.setenv("XBORDER_DATABASE_URL", node.settings.database_url)
    monkeypatch.setenv("XBORDER_SECRET_KEY", node.settings.secret_key or "")

    # Each command opens the node and leaves it to the process's end; here the
    # process goes on, so close what each command opened.
    from xborder import cli

    opened = []
    real = cli.open_node

    def tracked(*args, **kwargs):
        made = real(*args, **kwargs)
        opened.append(made)
        return made

    monkeypatch.setattr(cli, "open_node", tracked)

    def run(*args: str):
        try:
            return CliRunner().invoke(app, list(args))
        finally:
            while opened:
                opened.pop().close()

    return run


def test_admins_manage_partners_and_agreements_over_the_api(node, client, headers):
    admin = headers["admin"]
    body = {"name": "kh-moi", "country": "KH", "taxii_url": "https://kh.example/taxii2/api",
            "pull_collection": "c1", "pull_token": "their-secret-token"}
    assert client.post("/api/v1/partners", json=body).status_code == 401
    assert client.post("/api/v1/partners", json=body, headers=headers["analyst"]).status_code == 403
    r = client.post("/api/v1/partners", json=body, headers=admin)
    assert r.status_code == 201, r.text
    assert r.json()["pull_credential"] is True and "their-secret-token" not in r.text
    assert r.json()["taxii_url"] == "https://kh.example/taxii2/api/"
    with node.engine.connect() as conn:
        sealed = conn.execute(select(partners.c.pull_credential)).scalar_one()
    assert b"their-secret-token" not in bytes(sealed) and node.box.open(sealed) == {"token": "their-secret-token"}
    bad = [
        ({**body, "name": "kh-2", "country": "XX"}, "country"),
        (body, "name"),  # already there
        ({**body, "name": "x"}, "name"),
        ({**body, "name": "kh-3", "taxii_url": "ftp://kh.example"}, "taxii_url"),
        ({"name": "kh-4"}, "country"),
    ]
    for payload, field in bad:
        r = client.post("/api/v1/partners", json=payload, headers=admin)
        assert r.status_code == 422 and r.json()["field"] == field, r.text
    url = "/api/v1/partners/kh-moi/agreement"
    assert client.get(url, headers=admin).status_code == 404
    for payload, field in (({"tlp_max": "amber"}, "kinds"), ({"kinds": ["phone", "national_id"]}, "kinds"),
                           ({"kinds": "phone,fax"}, "kinds"), ({"kinds": "phone", "tlp_max": "red"}, "tlp_max"),
                           ({"kinds": "phone", "min_confidence": 150}, "min_confidence"),
                           ({"kinds": "phone", "min_confidence": "high"}, "min_confidence"),
                           ({"kinds": "phone", "narratives": "full"}, "narratives"),
                           ({"kinds": "phone", "retention_days": 0}, "retention_days")):
        r = client.put(url, json=payload, headers=admin)
        assert r.status_code == 422 and r.json()["field"] == field, (payload, r.text)
    r = client.put(url, json={"kinds": ["phone", "url"], "tlp_max": "green", "min_confidence": 40,
                              "purpose": "MOU 2025 art. 4"}, headers=admin)
    assert r.status_code == 200 and r.json()["kinds"] == ["phone", "url"] and r.json()["min_confidence"] == 40
    collection = r.json()["collection_id"]
    r = client.put(url, json={"min_confidence": 60}, headers=admin)  # the rest stays
    assert r.json()["kinds"] == ["phone", "url"] and r.json()["collection_id"] == collection
    assert client.post(url + "/suspend", headers=admin).json()["suspended"] is True
    assert client.post(url + "/resume", headers=admin).json()["suspended"] is False
    assert client.post("/api/v1/partners/nobody/agreement/suspend", headers=admin).status_code == 404
    listed = client.get("/api/v1/partners", headers=admin).json()["items"]
    assert [p["name"] for p in listed] == ["kh-moi"] and listed[0]["agreement"]["tlp_max"] == "green"
    assert client.post(url + "/revoke", headers=admin).json()["revoked"] is True
    assert client.post(url + "/revoke", headers=admin).status_code == 404  # nothing in force any more
    with node.engine.connect() as conn:
        actions = conn.execute(select(audit_log.c.action, audit_log.c.details)
                               .where(audit_log.c.object_type == "agreement")).all()
    assert [a for a, _ in actions] == ["set_agreement", "set_agreement", "suspend_agreement", "resume_agreement",
                                       "revoke_agreement"]
    assert json.loads(actions[1][1])["min_confidence"] == 60  # every row carries the terms after it


def test_revoking_an_agreement_revokes_the_partners_keys(node):
    from xborder.actions.agreements import revoke_agreement
    from xborder.core.actors import CLI

    kh, partner_headers = kit.partner(node, "kh")
    revoke_agreement(node, "kh", acting=CLI)
    with node.engine.connect() as conn:
        keys = conn.execute(select(api_keys.c.revoked_at).where(api_keys.c.partner_id == kh.partner_id)).all()
    assert keys and all(k.revoked_at is not None for k in keys)


def test_the_cli_manages_partners_and_exports_the_mou_record(node, client, xb, tmp_path):
    token_file = tmp_path / "kh.token"
    token_file.write_text("pull-token-123\n")
    r = xb("partner", "add", "kh", "--country", "KH", "--taxii-url", "https://kh.example/taxii2/api/",
           "--pull-collection", "c-1", "--pull-token-file", str(token_file))
    assert r.exit_code == 0, r.output
    assert xb("partner", "add", "kh", "--country", "KH").exit_code == 1
    r = xb("agreement", "set", "kh", "--kinds", "phone,national_id")
    assert r.exit_code == 1 and "national_id never leaves the node" in r.stderr
    r = xb("agreement", "set", "kh", "--kinds", "phone,bank_account", "--tlp-max", "amber", "--min-confidence", "0",
           "--narratives", "none", "--purpose", "MOU", "--retention-days", "90")
    assert r.exit_code == 0 and "phone,bank_account" in r.output, r.output
    assert "in force" in xb("partner", "list").output
    show = xb("agreement", "show", "kh").output
    assert "retention_days  90" in show
    kit.file_report(node, "Fake police called from 081-234-5678, pay KBANK 123-4-56789-0")
    r = xb("share", "publish")
    assert r.exit_code == 0 and "2 changed" in r.output, r.output
    from xborder.actions.access import check_key_terms, create_token
    from xborder.core.actors import CLI

    token = create_token(node, "partner", acting=CLI, terms=check_key_terms("partner", partner="kh")).token
    kh = kit.agreement(node, "kh")
    served = kit.read_all(client, kh.collection_id, {"Authorization": f"Bearer {token}", "Accept": kit.TAXII})
    assert xb("agreement", "suspend", "kh").exit_code == 0
    assert "suspended" in xb("partner", "list").output
    r = xb("audit", "export", "--partner", "kh")
    assert r.exit_code == 0, r.output
    records = [json.loads(line) for line in r.stdout.splitlines()]
    assert records[0] == {"record": "partner", "name": "kh", "country": "KH", "since": None}
    terms = [x for x in records if x["record"] == "terms"]
    assert [t["action"] for t in terms] == ["set_agreement", "suspend_agreement"]
    objects = [x for x in records if x["record"] == "object"]
    assert [o["stix_id"] for o in objects] == [o["id"] for o in served]
    assert {o["direction"] for o in objects} == {"export"} and {o["terms_seq"] for o in objects} == {terms[0]["seq"]}
    r = xb("audit", "export", "--partner", "kh", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(table) == len(served) and table[0]["kinds"] == "phone,bank_account" and table[0]["suspended"] == "False"
    assert xb("audit", "export", "--partner", "kh", "--since", "2999-01-01").stdout.count('"object"') == 0
    assert xb("audit", "export", "--partner", "nobody").exit_code == 1
    assert xb("audit", "export", "--partner", "kh", "--since", "soon").exit_code != 0
    assert xb("agreement", "revoke", "kh").exit_code == 0
    assert xb("agreement", "resume", "kh").exit_code == 1
