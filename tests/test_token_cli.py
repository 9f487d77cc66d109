"""`xborder token`: organisations' keys with scopes, rates and partners, driven as an operator would."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select
from typer.testing import CliRunner

from xborder.cli import app
from xborder.core.clock import utcnow
from xborder.node import open_node
from xborder.store.tables import api_keys, partners
from xborder.web.app import create_app


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    for key in list(os.environ):
        if key.startswith("XBORDER_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("XBORDER_HOME", str(tmp_path / "home"))
    assert CliRunner().invoke(app, ["init"]).exit_code == 0
    return tmp_path / "home"


def xb(*args: str):
    return CliRunner().invoke(app, list(args))


def stored_key(home: Path, key_id: int):
    engine = create_engine(f"sqlite:///{home / 'xborder.db'}")
    with engine.connect() as conn:
        row = conn.execute(select(api_keys).where(api_keys.c.id == key_id)).one()
    engine.dispose()
    return row


def test_a_bank_key_with_organisation_scopes_and_rate(home):
    made = xb("token", "create", "--role", "bank", "--name", "kbank", "--org", "KBank",
              "--scope", "lookup", "--scope", "feeds,lookup:bulk", "--rate", "600")
    assert made.exit_code == 0, made.stderr
    token = made.stdout.strip().splitlines()[-1]
    row = stored_key(home, 1)
    assert (row.organisation, row.scopes, row.rate_per_minute) == ("KBank", "feeds lookup lookup:bulk", 600)
    plain = xb("token", "create", "--role", "analyst", "--name", "somchai-laptop")
    assert plain.exit_code == 0 and stored_key(home, 2).scopes == ""

    listed = xb("token", "list").stdout
    kbank = next(line for line in listed.splitlines() if "kbank" in line)
    assert "org KBank" in kbank and "scopes feeds lookup lookup:bulk" in kbank and "rate 600/min" in kbank
    analyst = next(line for line in listed.splitlines() if "somchai-laptop" in line)
    assert "scopes (all of its role)" in analyst and "rate 1200/min (role)" in analyst
    assert token not in listed


@pytest.mark.parametrize(("args", "message"), [
    (["--role", "bank", "--scope", "lookup,everything"], "unknown scope 'everything'"),
    (["--role", "bank", "--rate", "0"], "rate must be between 1 and"),
    (["--role", "bank", "--partner", "xborder-kh"], "only a key of role partner"),
    (["--role", "partner", "--partner", "nobody"], "no partner 'nobody'"),
    (["--role", "root"], "unknown role 'root'"),
])
def test_bad_key_terms_are_a_clear_message_and_store_nothing(home, args, message):
    r = xb("token", "create", *args)
    assert r.exit_code == 1 and message in r.stderr and "Traceback" not in r.stderr
    assert "xb_" not in r.stdout
    assert xb("token", "list").stdout.strip() == ""


def test_a_partner_nodes_key_names_the_partner(home):
    engine = create_engine(f"sqlite:///{home / 'xborder.db'}")
    with engine.begin() as conn:
        partner_id = conn.execute(partners.insert().values(name="xborder-kh", country="KH", created_at=utcnow())
                                  .returning(partners.c.id)).scalar_one()
    engine.dispose()
    made = xb("token", "create", "--role", "partner", "--partner", "xborder-kh", "--scope", "taxii")
    assert made.exit_code == 0, made.stderr
    assert stored_key(home, 1).partner_id == partner_id
    assert "partner xborder-kh" in xb("token", "list").stdout


def test_scopes_set_on_the_command_line_bind_the_api_and_revoking_is_immediate(home):
    scoped = xb("token", "create", "--role", "bank", "--scope", "lookup").stdout.strip().splitlines()[-1]
    full = xb("token", "create", "--role", "bank").stdout.strip().splitlines()[-1]
    node = open_node()
    try:
        with TestClient(create_app(node)) as client:
            path = "/api/v1/indicators/phone/0812345678"
            assert client.get(path, headers={"Authorization": f"Bearer {scoped}"}).status_code == 403
            assert client.get(path, headers={"Authorization": f"Bearer {full}"}).status_code == 404
            # The server and the command in one process: the revocation clears the cached key.
            assert xb("token", "revoke", "2").exit_code == 0
            assert client.get(path, headers={"Authorization": f"Bearer {full}"}).status_code == 401
    finally:
        node.close()
