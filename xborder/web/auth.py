"""Who is calling (bearer token -> Actor) and the access_* checks per object kind."""

from __future__ import annotations

import anyio.to_thread
from fastapi import Request

from xborder.core.actors import ANONYMOUS, Actor
from xborder.core.scopes import KeyActor, scopes_allow
from xborder.store.keys import cached_key, resolve_key, token_digest
from xborder.web.errors import ApiError

READ_REPORTS = frozenset({"admin", "analyst", "investigator"})
READ_PERSONAL_DATA = frozenset({"admin", "investigator"})
# Partner nodes are not in READ_INDICATORS, BULK_LOOKUP or READ_FEEDS: what they
# receive is what their agreement lets out (kinds, TLP ceiling, confidence,
# suspension), served by TAXII and by their own MISP feed, and logged as an
# export; the node-wide views would carry everything past all of that.
READ_INDICATORS = frozenset({"admin", "analyst", "investigator", "bank"})
READ_NETWORKS = frozenset({"admin", "analyst", "investigator"})
WRITE_LABELS = frozenset({"admin", "analyst", "investigator"})
CHECK_MESSAGES = frozenset({"admin", "analyst", "investigator", "partner", "bank", "public"})
LOOKUP = frozenset({"admin", "analyst", "investigator", "partner", "bank", "public"})
BULK_LOOKUP = frozenset({"admin", "analyst", "investigator", "bank"})
READ_FEEDS = frozenset({"admin", "analyst", "investigator", "bank"})
READ_MISP_FEED = READ_FEEDS | {"partner"}  # a partner's MISP feed follows its agreement
MANAGE_KEYS = frozenset({"admin"})


async def current_actor(request: Request) -> Actor:
    """The caller from `Authorization: Bearer <token>`; anonymous without one.

    Async so that a cached key costs no thread hand-off; only a cache miss
    reads the database, in a worker thread."""
    header = request.headers.get("authorization")
    if not header:
        return ANONYMOUS
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "use 'Authorization: Bearer <token>'", "authorization",
                       headers={"WWW-Authenticate": "Bearer"})
    node = request.app.state.node
    token = token.strip()
    key = cached_key(node.engine, token_digest(token))
    if key is None:
        key = await anyio.to_thread.run_sync(resolve_key, node.engine, token, node.settings.token_cache_seconds)
    if key is None or not key.usable:
        raise ApiError(401, "the token is unknown or revoked", "authorization",
                       headers={"WWW-Authenticate": "Bearer"})
    return KeyActor(kind="token", name=key.username or key.name, role=key.role, user_id=key.user_id,
                    token_id=key.id, scopes=key.scopes, organisation=key.organisation,
                    rate_per_minute=key.rate_per_minute, partner_id=key.partner_id)


def _require(actor: Actor, roles: frozenset[str], what: str, scope: str) -> None:
    if actor.kind == "anonymous":
        raise ApiError(401, f"reading {what} needs a token", "authorization", headers={"WWW-Authenticate": "Bearer"})
    if actor.role not in roles:
        raise ApiError(403, f"the {actor.role} role may not read {what}", "authorization")
    require_scope(actor, scope)


def require_scope(actor: Actor, scope: str) -> None:
    """403 unless the caller's key has `scope` (a key without scopes has its role's every right)."""
    if not scopes_allow(actor, scope):
        raise ApiError(403, f"this key's scopes do not include {scope!r}", "authorization")


def access_reports(actor: Actor) -> None:
    _require(actor, READ_REPORTS, "reports", "reports:read")


def access_indicators(actor: Actor) -> None:
    _require(actor, READ_INDICATORS, "indicators", "indicators:read")


def access_networks(actor: Actor) -> None:
    _require(actor, READ_NETWORKS, "networks", "networks:read")


def access_labels(actor: Actor) -> None:
    _require(actor, WRITE_LABELS, "or write labels", "labels")


def access_check(actor: Actor) -> None:
    _require(actor, CHECK_MESSAGES, "message checks", "check")


def access_lookup(actor: Actor, *, bulk: bool = False) -> None:
    """Single look-ups are open to everyone; bulk ones need a bank's or staff token."""
    if bulk:
        _require(actor, BULK_LOOKUP, "bulk look-ups", "lookup:bulk")
    elif actor.kind != "anonymous":
        _require(actor, LOOKUP, "look-ups", "lookup")


def access_feeds(actor: Actor) -> None:
    _require(actor, READ_FEEDS, "feeds", "feeds")


def access_misp_feed(actor: Actor) -> None:
    _require(actor, READ_MISP_FEED, "the MISP feed", "feeds")


def access_keys(actor: Actor) -> None:
    _require(actor, MANAGE_KEYS, "or manage API keys", "keys")


def may_read_personal_data(actor: Actor) -> bool:
    return actor.role in READ_PERSONAL_DATA and actor.kind != "anonymous"
