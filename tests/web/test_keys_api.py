"""/api/v1/keys, scopes and revocation: administrators manage organisations' keys."""

from dataclasses import replace

import pytest
from sqlalchemy import func, select, update

from xborder.actions.access import revoke_token
from xborder.core.actors import ANONYMOUS, CLI, Actor
from xborder.core.clock import utcnow
from xborder.core.scopes import KeyActor
from xborder.store.audit import verify_chain
from xborder.store.keys import token_digest
from xborder.store.tables import api_keys, audit_log, partners
from xborder.web.auth import access_feeds, access_lookup
from xborder.web.errors import ApiError

PHONE = "/api/v1/indicators/phone/0812345678"


def issue(client, headers, **body):
    r = client.post("/api/v1/keys", json=body, headers=headers["admin"])
    assert r.status_code == 201, r.text
    return r.json()


def bearer(key) -> dict[str, str]:
    return {"Authorization": f"Bearer {key['token']}"}


def audit_actions(node, key_id):
    with node.engine.connect() as conn:
        return conn.execute(select(audit_log.c.action).where(audit_log.c.object_type == "api_key",
                                                             audit_log.c.object_id == str(key_id))
                            .order_by(audit_log.c.seq)).scalars().all()


def test_an_admin_issues_lists_and_revokes_a_key(client, headers):
    node = client.app.state.node
    key = issue(client, headers, role="bank", name="kbank-prod", organisation="KBank",
                scopes=["lookup", "lookup:bulk"], rate_per_minute=6000)
    assert key["token"].startswith("xb_")
    assert (key["organisation"], key["scopes"], key["rate_per_minute"]) == ("KBank", ["lookup", "lookup:bulk"], 6000)
    assert client.get(PHONE, headers=bearer(key)).status_code == 403  # scoped to look-ups only

    listed = client.get("/api/v1/keys", headers=headers["admin"])
    assert listed.status_code == 200
    mine = [k for k in listed.json()["items"] if k["id"] == key["id"]]
    assert mine and mine[0] | {"created_at": None} == {
        "id": key["id"], "name": "kbank-prod", "role": "bank", "prefix": key["token"][:11],
        "organisation": "KBank", "scopes": ["lookup", "lookup:bulk"], "rate_per_minute": 6000,
        "effective_rate_per_minute": 6000, "partner": None, "user": None, "created_at": None,
        "revoked_at": None, "state": "live"}
    unscoped = [k for k in listed.json()["items"] if k["name"] == "test-bank"][0]
    assert unscoped["scopes"] == [] and unscoped["rate_per_minute"] is None
    assert unscoped["effective_rate_per_minute"] == node.settings.key_rates_per_minute["bank"]
    # Never the token nor its hash.
    assert key["token"] not in listed.text and token_digest(key["token"]) not in listed.text
    assert all("token" not in k and "token_hash" not in k for k in listed.json()["items"])

    gone = client.delete(f"/api/v1/keys/{key['id']}", headers=headers["admin"])
    assert gone.status_code == 200 and gone.json() == {"id": key["id"], "revoked": True}
    again = client.delete(f"/api/v1/keys/{key['id']}", headers=headers["admin"])
    assert again.status_code == 404 and again.json()["field"] == "key_id"
    assert client.delete("/api/v1/keys/99999999999999999999", headers=headers["admin"]).status_code == 422
    after = [k for k in client.get("/api/v1/keys", headers=headers["admin"]).json()["items"] if k["id"] == key["id"]]
    assert after[0]["state"] == "revoked" and after[0]["revoked_at"] is not None

    assert audit_actions(node, key["id"]) == ["create_token", "revoke_token"]
    with node.engine.connect() as conn:
        assert verify_chain(conn).ok


def test_only_admins_manage_keys_and_a_scoped_admin_needs_the_keys_scope(client, headers):
    assert client.get("/api/v1/keys").status_code == 401
    for role in ("analyst", "investigator", "bank", "partner", "public"):
        assert client.get("/api/v1/keys", headers=headers[role]).status_code == 403
        assert client.post("/api/v1/keys", json={"role": "bank"}, headers=headers[role]).status_code == 403
        assert client.delete("/api/v1/keys/1", headers=headers[role]).status_code == 403
    keeper = issue(client, headers, role="admin", scopes="keys")
    reader = issue(client, headers, role="admin", scopes="reports:read")
    assert client.get("/api/v1/keys", headers=bearer(keeper)).status_code == 200
    denied = client.get("/api/v1/keys", headers=bearer(reader))
    assert denied.status_code == 403 and "keys" in denied.json()["error"]
    assert client.get("/api/v1/reports", headers=bearer(reader)).status_code == 200


@pytest.mark.parametrize(("body", "field"), [
    ({"role": "bank", "scopes": ["lookup", "everything"]}, "scopes"),
    ({"role": "bank", "scopes": "lookup,root"}, "scopes"),
    ({"role": "bank", "rate_per_minute": 0}, "rate_per_minute"),
    ({"role": "bank", "rate_per_minute": 10_000_001}, "rate_per_minute"),
    ({"role": "bank", "rate_per_minute": "fast"}, "rate_per_minute"),
    ({"role": "bank", "rate_per_minute": 1.5}, "rate_per_minute"),
    ({"role": "superuser"}, "role"),
    ({"role": "bank", "partner": "KH"}, "partner"),
    ({"role": "partner", "partner": "nobody"}, "partner"),
    ({"role": "bank", "organisation": "x" * 101}, "organisation"),
    ({"role": "bank", "user": "nobody"}, "user"),
    ({"role": "bank", "colour": "red"}, "colour"),
    ({}, "role"),
])
def test_bad_key_requests_are_422_naming_the_field_and_write_nothing(client, headers, body, field):
    node = client.app.state.node
    with node.engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(api_keys)).scalar_one()
    r = client.post("/api/v1/keys", json=body, headers=headers["admin"])
    assert r.status_code == 422, r.text
    assert r.json()["field"] == field
    with node.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(api_keys)).scalar_one() == before


def test_a_partner_key_names_its_partner_node(client, headers):
    node = client.app.state.node
    with node.engine.begin() as conn:
        conn.execute(partners.insert().values(name="xborder-kh", country="KH", created_at=utcnow()))
    key = issue(client, headers, role="partner", partner="xborder-kh", scopes=["taxii"])
    assert key["partner"] == "xborder-kh"
    listed = {k["id"]: k for k in client.get("/api/v1/keys", headers=headers["admin"]).json()["items"]}
    assert listed[key["id"]]["partner"] == "xborder-kh"
    with node.engine.connect() as conn:
        partner_id = conn.execute(select(api_keys.c.partner_id).where(api_keys.c.id == key["id"])).scalar_one()
        assert partner_id == conn.execute(select(partners.c.id)).scalar_one()


def test_scopes_narrow_a_role_and_never_widen_it(client, headers):
    looks = issue(client, headers, role="bank", scopes=["lookup"])
    checks = issue(client, headers, role="bank", scopes=["check", "indicators:read"])
    # A key without scopes (every token made before scopes) keeps its role's rights.
    assert client.get(PHONE, headers=headers["bank"]).status_code == 404
    assert client.get(PHONE, headers=bearer(checks)).status_code == 404
    denied = client.get(PHONE, headers=bearer(looks))
    assert denied.status_code == 403 and denied.json()["field"] == "authorization"
    assert "indicators:read" in denied.json()["error"]
    message = {"text": "call 081-234-5678 now"}
    assert client.post("/api/v1/check", json=message, headers=bearer(checks)).status_code == 200
    assert client.post("/api/v1/check", json=message, headers=bearer(looks)).status_code == 403

    # A scope the role lacks grants nothing.
    banker = issue(client, headers, role="bank", scopes=["reports:read"])
    assert client.get("/api/v1/reports", headers=bearer(banker)).status_code == 403
    analyst = issue(client, headers, role="analyst", scopes="reports:read")
    assert client.get("/api/v1/reports", headers=bearer(analyst)).status_code == 200
    assert client.get("/api/v1/networks", headers=bearer(analyst)).status_code == 403
    assert client.get("/api/v1/networks", headers=headers["analyst"]).status_code == 200
    # Filing a report stays open to every caller, scoped or not.
    filed = client.post("/api/v1/reports", json={"country": "TH", "text": "โอนเงินไปที่ 0812345678"},
                        headers=bearer(looks))
    assert filed.status_code == 201


def _denied(check, actor) -> int:
    try:
        check(actor)
    except ApiError as exc:
        return exc.status
    return 0


def test_lookup_and_feed_access_by_role_and_scope():
    def key(role, *scopes):
        return KeyActor(kind="token", name="k", role=role, token_id=1, scopes=frozenset(scopes))

    def bulk(actor):
        access_lookup(actor, bulk=True)

    assert _denied(access_lookup, ANONYMOUS) == 0
    assert _denied(bulk, ANONYMOUS) == 401 and _denied(access_feeds, ANONYMOUS) == 401
    for role in ("admin", "analyst", "investigator", "bank"):
        plain = Actor(kind="token", name="k", role=role, token_id=1)
        assert (_denied(access_lookup, plain), _denied(bulk, plain), _denied(access_feeds, plain)) == (0, 0, 0)
    # a partner node reads what its agreement lets out (TAXII, its MISP feed), not the node-wide lists
    partner = Actor(kind="token", name="k", role="partner", token_id=1)
    assert (_denied(access_lookup, partner), _denied(bulk, partner), _denied(access_feeds, partner)) == (0, 403, 403)
    public = key("public")
    assert (_denied(access_lookup, public), _denied(bulk, public), _denied(access_feeds, public)) == (0, 403, 403)
    feeds_only = key("bank", "feeds")
    assert (_denied(access_lookup, feeds_only), _denied(bulk, feeds_only),
            _denied(access_feeds, feeds_only)) == (403, 403, 0)
    single = key("bank", "lookup")
    assert (_denied(access_lookup, single), _denied(bulk, single), _denied(access_feeds, single)) == (0, 403, 403)
    both = key("bank", "lookup", "lookup:bulk")
    assert (_denied(access_lookup, both), _denied(bulk, both)) == (0, 0)


def test_revocation_takes_effect_at_once_in_this_process(client, headers):
    node = client.app.state.node
    # A long cache lifetime: only the revocation's own clearing can make it show.
    node.settings = replace(node.settings, token_cache_seconds=3600)
    via_api = issue(client, headers, role="bank")
    via_action = issue(client, headers, role="bank")
    behind_our_back = issue(client, headers, role="bank")
    for key in (via_api, via_action, behind_our_back):
        assert client.get(PHONE, headers=bearer(key)).status_code == 404  # resolved, now cached

    # Revoked in the database by something else: the cache still answers (the documented delay)...
    with node.engine.begin() as conn:
        conn.execute(update(api_keys).where(api_keys.c.id == behind_our_back["id"])
                     .values(revoked_at=utcnow()))
    assert client.get(PHONE, headers=bearer(behind_our_back)).status_code == 404

    # ...but revoking through the API or the action (what the CLI calls) clears it.
    assert client.delete(f"/api/v1/keys/{via_api['id']}", headers=headers["admin"]).status_code == 200
    r = client.get(PHONE, headers=bearer(via_api))
    assert r.status_code == 401 and r.json()["field"] == "authorization"
    revoke_token(node, via_action["id"], acting=CLI)
    assert client.get(PHONE, headers=bearer(via_action)).status_code == 401
    assert client.get(PHONE, headers=bearer(behind_our_back)).status_code == 401
    assert client.get(PHONE, headers=headers["bank"]).status_code == 404
