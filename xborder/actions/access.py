"""Users and API tokens: add, create, revoke. Each one transaction + audit row."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlalchemy import insert, update

from xborder.core.actors import Actor
from xborder.core.clock import utcnow
from xborder.core.taxonomy import ROLES
from xborder.node import Node
from xborder.store.audit import append_audit
from xborder.store.keys import TOKEN_PREFIX, find_user, token_digest
from xborder.store.tables import api_keys, users

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


class AccessError(ValueError):
    pass


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccessError(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
    return role


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
                 username: str | None = None) -> NewToken:
    """A new API token; the clear token is returned once and only its hash kept."""
    check_role(role)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with node.engine.begin() as conn:
        user_id = None
        if username is not None:
            user = find_user(conn, username)
            if user is None:
                raise AccessError(f"no user {username!r}; add it with `xborder user add`")
            user_id = user.id
        now = utcnow()
        label = name or f"{role}-{now:%Y%m%d%H%M%S}"
        token_id: int = conn.execute(insert(api_keys).values(
            name=label, role=role, user_id=user_id, prefix=token[:11], token_hash=token_digest(token),
            created_at=now,
        ).returning(api_keys.c.id)).scalar_one()
        append_audit(conn, acting=acting, action="create_token", object_type="api_key", object_id=token_id,
                     details={"name": label, "role": role, "user_id": user_id}, at=now)
    return NewToken(id=token_id, token=token, role=role, name=label)


def revoke_token(node: Node, token_id: int, *, acting: Actor) -> None:
    with node.engine.begin() as conn:
        now = utcnow()
        done = conn.execute(update(api_keys).where(api_keys.c.id == token_id, api_keys.c.revoked_at.is_(None))
                            .values(revoked_at=now)).rowcount
        if not done:
            raise AccessError(f"no live token with id {token_id}")
        append_audit(conn, acting=acting, action="revoke_token", object_type="api_key", object_id=token_id, at=now)
