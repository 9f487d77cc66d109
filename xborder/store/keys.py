"""API tokens and users: stored hashed, looked up by hash."""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection, select

from xborder.store.tables import api_keys, users

TOKEN_PREFIX = "xb_"


def token_digest(token: str) -> str:
    # Tokens carry 256 random bits, so a plain SHA-256 is enough: there is
    # nothing to brute-force that a slow hash would protect.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def find_token(conn: Connection, token: str):
    """The live api_keys row for a presented token, or None."""
    return conn.execute(
        select(api_keys.c.id, api_keys.c.name, api_keys.c.role, api_keys.c.user_id, users.c.username,
               users.c.active)
        .outerjoin(users, users.c.id == api_keys.c.user_id)
        .where(api_keys.c.token_hash == token_digest(token), api_keys.c.revoked_at.is_(None))
    ).first()


def find_user(conn: Connection, username: str):
    return conn.execute(select(users).where(users.c.username == username)).first()


def list_tokens(conn: Connection):
    return conn.execute(select(api_keys.c.id, api_keys.c.name, api_keys.c.role, api_keys.c.prefix,
                               api_keys.c.created_at, api_keys.c.revoked_at).order_by(api_keys.c.id)).all()
