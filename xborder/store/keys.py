"""API tokens and users: stored hashed, looked up by hash, live keys cached briefly."""

from __future__ import annotations

import hashlib
import threading
import time
import weakref
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, select

from xborder.core.scopes import stored_scopes
from xborder.store.tables import api_keys, partners, users

TOKEN_PREFIX = "xb_"

# Past this many cached keys the cache starts again empty: a flood of distinct
# tokens must not grow the process without bound.
MAX_CACHED_KEYS = 50_000


def token_digest(token: str) -> str:
    # Tokens carry 256 random bits, so a plain SHA-256 is enough: there is
    # nothing to brute-force that a slow hash would protect.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class KeyRow:
    """A live key as the request path needs it."""

    id: int
    name: str
    role: str
    user_id: int | None
    username: str | None
    user_active: bool | None
    organisation: str | None
    scopes: frozenset[str]
    rate_per_minute: int | None
    partner_id: int | None

    @property
    def usable(self) -> bool:
        # A key acting for a user dies with the user's account.
        return self.user_active is not False


_KEY_COLUMNS = (api_keys.c.id, api_keys.c.name, api_keys.c.role, api_keys.c.user_id, users.c.username,
                users.c.active, api_keys.c.organisation, api_keys.c.scopes, api_keys.c.rate_per_minute,
                api_keys.c.partner_id)


def find_token(conn: Connection, token: str) -> Any:
    """The live api_keys row for a presented token, or None."""
    return _find_digest(conn, token_digest(token))


def _find_digest(conn: Connection, digest: str) -> Any:
    return conn.execute(
        select(*_KEY_COLUMNS)
        .outerjoin(users, users.c.id == api_keys.c.user_id)
        .where(api_keys.c.token_hash == digest, api_keys.c.revoked_at.is_(None))
    ).first()


class _KeyCache:
    """digest -> (expiry on the monotonic clock, KeyRow), per engine.

    The look-up path serves thousands of requests a second; a database round
    trip per request to resolve the same few bank keys would dominate it.
    Revocation in this process clears every cache at once (`forget_keys`);
    another process's revocation is seen when the entry expires.
    """

    def __init__(self) -> None:
        self._by_engine: weakref.WeakKeyDictionary[Engine, dict[str, tuple[float, KeyRow]]] = \
            weakref.WeakKeyDictionary()
        self._lock = threading.Lock()
        # Bumped by every clear, so that a database read begun before a
        # revocation cannot put the revoked key back afterwards.
        self.generation = 0

    def get(self, engine: Engine, digest: str) -> KeyRow | None:
        entries = self._by_engine.get(engine)
        hit = None if entries is None else entries.get(digest)
        if hit is None or hit[0] < time.monotonic():
            return None
        return hit[1]

    def put(self, engine: Engine, digest: str, row: KeyRow, ttl: float, generation: int) -> None:
        with self._lock:
            if generation != self.generation:
                return
            entries = self._by_engine.setdefault(engine, {})
            if len(entries) >= MAX_CACHED_KEYS:
                entries.clear()
            entries[digest] = (time.monotonic() + ttl, row)

    def clear(self) -> None:
        with self._lock:
            self.generation += 1
            for entries in self._by_engine.values():
                entries.clear()


_CACHE = _KeyCache()


def cached_key(engine: Engine, digest: str) -> KeyRow | None:
    """The key for a token digest if this process resolved it lately; never touches the database."""
    return _CACHE.get(engine, digest)


def resolve_key(engine: Engine, token: str, ttl: float) -> KeyRow | None:
    """The live key for a presented token (cached for `ttl` seconds), or None."""
    digest = token_digest(token)
    hit = _CACHE.get(engine, digest)
    if hit is not None:
        return hit
    generation = _CACHE.generation
    with engine.connect() as conn:
        row = _find_digest(conn, digest)
    if row is None:
        return None
    key = KeyRow(id=row.id, name=row.name, role=row.role, user_id=row.user_id, username=row.username,
                 user_active=row.active, organisation=row.organisation, scopes=stored_scopes(row.scopes),
                 rate_per_minute=row.rate_per_minute, partner_id=row.partner_id)
    if ttl > 0:
        _CACHE.put(engine, digest, key, ttl, generation)
    return key


def forget_keys() -> None:
    """Drop every cached key: a revocation in this process takes effect at once."""
    _CACHE.clear()


def find_user(conn: Connection, username: str) -> Any:
    return conn.execute(select(users).where(users.c.username == username)).first()


def find_partner(conn: Connection, name: str) -> Any:
    return conn.execute(select(partners.c.id, partners.c.name).where(partners.c.name == name)).first()


def list_tokens(conn: Connection) -> list[Any]:
    """Every key, newest last, without its hash."""
    return list(conn.execute(
        select(api_keys.c.id, api_keys.c.name, api_keys.c.role, api_keys.c.prefix, api_keys.c.created_at,
               api_keys.c.revoked_at, api_keys.c.organisation, api_keys.c.scopes, api_keys.c.rate_per_minute,
               api_keys.c.user_id, users.c.username, api_keys.c.partner_id, partners.c.name.label("partner"))
        .outerjoin(users, users.c.id == api_keys.c.user_id)
        .outerjoin(partners, partners.c.id == api_keys.c.partner_id)
        .order_by(api_keys.c.id)).all())
