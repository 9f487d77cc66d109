"""Users and API tokens: add, create, revoke. Each one transaction + audit row."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlalchemy import insert, update

from xborder.core.actors import Actor
from xborder.core.clock import utcnow
from xborder.core.scopes import check_rate, check_scopes, format_scopes
from xborder.core.taxonomy import ROLES
from xborder.node import Node
from xborder.store.audit import append_audit
from xborder.store.keys import TOKEN_PREFIX, find_partner, find_user, forget_keys, token_digest
from xborder.store.tables import api_keys, users

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


class AccessError(ValueError):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class KeyNotFound(AccessError):
    pass


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccessError(f"unknown role {role!r}; roles: {', '.join(ROLES)}", "role")
    return role


@dataclass(frozen=True)
class KeyTerms:
    """Who a key is for and what it may do; empty scopes keep the role's rights."""

    organisation: str | None = None
    scopes: frozenset[str] = frozenset()
    rate_per_minute: int | None = None
    partner: str | None = None


def check_key_terms(role: str, *, organisation: str | None = None, scopes: str | list[str] | None = None,
                    rate: int | str | None = None, partner: str | None = None) -> KeyTerms:
    """Validated terms for a new key; AccessError names the bad field."""
    check_role(role)
    org = (organisation or "").strip() or None
    if org is not None and len(org) > 100:
        raise AccessError("organisation must be at most 100 characters", "organisation")
    try:
        granted = check_scopes(scopes or [])
    except ValueError as exc:
        raise AccessError(str(exc), "scopes") from None
    try:
        per_minute = None if rate is None else check_rate(rate)
    except ValueError as exc:
        raise AccessError(str(exc), "rate_per_minute") from None
    partner_name = (partner or "").strip() or None
    _check_partner_role(role, partner_name)
    return KeyTerms(organisation=org, scopes=granted, rate_per_minute=per_minute, partner=partner_name)


def _check_partner_role(role: str, partner: str | None) -> None:
    # A partner node's key reads that partner's collections; any other role
    # tied to a partner would be a key whose meaning nobody could tell.
    if partner is not None and role != "partner":
        raise AccessError(f"only a key of role partner can act for a partner node, not a {role} key", "partner")


@dataclass(frozen=True)
class NewToken:
    id: int
    token: str
    role: str
    name: str


def add_user(node: Node, username: str, role: str, *, acting: Actor, display_name: str | None = None) -> int:
    check_role(role)
    if not USERNAME.match(username):
        raise AccessError("username must be 2-64 characters: lower-case letters, digits, '.', '_' or '-'")
    with node.engine.begin() as conn:
        if find_user(conn, username) is not None:
            raise AccessError(f"user {username!r} already exists")
        now = utcnow()
        user_id: int = conn.execute(insert(users).values(
            username=username, display_name=display_name, role=role, active=True, created_at=now,
        ).returning(users.c.id)).scalar_one()
        append_audit(conn, acting=acting, action="add_user", object_type="user", object_id=user_id,
                     details={"username": username, "role": role}, at=now)
    return user_id


def create_token(node: Node, role: str, *, acting: Actor, name: str | None = None,
                 username: str | None = None, terms: KeyTerms | None = None) -> NewToken:
    """A new API token; the clear token is returned once and only its hash kept."""
    check_role(role)
    terms = terms or KeyTerms()
    _check_partner_role(role, terms.partner)
    if name is not None and len(name.strip()) > 100:
        raise AccessError("name must be at most 100 characters", "name")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with node.engine.begin() as conn:
        user_id = None
        if username is not None:
            user = find_user(conn, username)
            if user is None:
                raise AccessError(f"no user {username!r}; add it with `xborder user add`", "user")
            user_id = user.id
        partner_id = None
        if terms.partner is not None:
            found = find_partner(conn, terms.partner)
            if found is None:
                raise AccessError(f"no partner {terms.partner!r} on this node", "partner")
            partner_id = found.id
        now = utcnow()
        label = (name or "").strip() or f"{role}-{now:%Y%m%d%H%M%S}"
        token_id: int = conn.execute(insert(api_keys).values(
            name=label, role=role, user_id=user_id, prefix=token[:11], token_hash=token_digest(token),
            created_at=now, organisation=terms.organisation, scopes=format_scopes(terms.scopes),
            rate_per_minute=terms.rate_per_minute, partner_id=partner_id,
        ).returning(api_keys.c.id)).scalar_one()
        append_audit(conn, acting=acting, action="create_token", object_type="api_key", object_id=token_id,
                     details={"name": label, "role": role, "user_id": user_id, "organisation": terms.organisation,
                              "scopes": format_scopes(terms.scopes), "rate_per_minute": terms.rate_per_minute,
                              "partner_id": partner_id}, at=now)
    return NewToken(id=token_id, token=token, role=role, name=label)


def revoke_token(node: Node, token_id: int, *, acting: Actor) -> None:
    with node.engine.begin() as conn:
        now = utcnow()
        done = conn.execute(update(api_keys).where(api_keys.c.id == token_id, api_keys.c.revoked_at.is_(None))
                            .values(revoked_at=now)).rowcount
        if not done:
            raise KeyNotFound(f"no live token with id {token_id}", "key_id")
        append_audit(conn, acting=acting, action="revoke_token", object_type="api_key", object_id=token_id, at=now)
    # Cached keys would otherwise outlive the revocation by the cache's lifetime.
    forget_keys()
