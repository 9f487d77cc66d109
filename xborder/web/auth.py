"""Who is calling (bearer token -> Actor) and the access_* checks per object kind."""

from __future__ import annotations

from fastapi import Request

from xborder.core.actors import ANONYMOUS, Actor
from xborder.store.keys import find_token
from xborder.web.errors import ApiError

READ_REPORTS = frozenset({"admin", "analyst", "investigator"})
READ_PERSONAL_DATA = frozenset({"admin", "investigator"})
READ_INDICATORS = frozenset({"admin", "analyst", "investigator", "bank", "partner"})
READ_NETWORKS = frozenset({"admin", "analyst", "investigator"})
WRITE_LABELS = frozenset({"admin", "analyst", "investigator"})
CHECK_MESSAGES = frozenset({"admin", "analyst", "investigator", "partner", "bank", "public"})


def current_actor(request: Request) -> Actor:
    """The caller from `Authorization: Bearer <token>`; anonymous without one."""
    header = request.headers.get("authorization")
    if not header:
        return ANONYMOUS
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "use 'Authorization: Bearer <token>'", "authorization",
                       headers={"WWW-Authenticate": "Bearer"})
    node = request.app.state.node
    with node.engine.connect() as conn:
        row = find_token(conn, token.strip())
    if row is None or row.active is False:
        raise ApiError(401, "the token is unknown or revoked", "authorization",
                       headers={"WWW-Authenticate": "Bearer"})
    return Actor(kind="token", name=row.username or row.name, role=row.role, user_id=row.user_id, token_id=row.id)


def _require(actor: Actor, roles: frozenset[str], what: str) -> None:
    if actor.kind == "anonymous":
        raise ApiError(401, f"reading {what} needs a token", "authorization", headers={"WWW-Authenticate": "Bearer"})
    if actor.role not in roles:
        raise ApiError(403, f"the {actor.role} role may not read {what}", "authorization")


def access_reports(actor: Actor) -> None:
    _require(actor, READ_REPORTS, "reports")


def access_indicators(actor: Actor) -> None:
    _require(actor, READ_INDICATORS, "indicators")


def access_networks(actor: Actor) -> None:
    _require(actor, READ_NETWORKS, "networks")


def access_labels(actor: Actor) -> None:
    _require(actor, WRITE_LABELS, "or write labels")


def access_check(actor: Actor) -> None:
    _require(actor, CHECK_MESSAGES, "message checks")


def may_read_personal_data(actor: Actor) -> bool:
    return actor.role in READ_PERSONAL_DATA and actor.kind != "anonymous"
