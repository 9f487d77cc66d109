"""Rate limits on the high-traffic routes: a token bucket per API key, and per
client address for callers without one.

An ASGI middleware keyed on path prefixes rather than a dependency on each
route, so that every router under those prefixes is covered the day it is
added. Buckets live in this process's memory: a node behind several workers
allows each worker's share, which is the price of answering without a shared
store on the path that must stay fastest.
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import anyio.to_thread
from fastapi.responses import JSONResponse

from xborder.core.scopes import key_rate
from xborder.settings import Settings
from xborder.store.keys import cached_key, resolve_key, token_digest
from xborder.web.errors import ApiError, error_body

LIMITED_PREFIXES: tuple[str, ...] = ("/api/v1/lookup", "/api/v1/feeds", "/api/v1/check")

# Past this many buckets, the ones that have refilled (and so say nothing a new
# bucket would not) are dropped; a flood from many addresses cannot grow memory
# without bound.
MAX_BUCKETS = 200_000

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(slots=True)
class _Bucket:
    tokens: float
    at: float


class Buckets:
    """Token buckets: each holds a minute's allowance and refills evenly over the minute."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, max_buckets: int = MAX_BUCKETS) -> None:
        self._clock = clock
        self._max = max_buckets
        self._buckets: dict[Hashable, _Bucket] = {}

    def __len__(self) -> int:
        return len(self._buckets)

    def take(self, key: Hashable, per_minute: int) -> float:
        """Spend one request from `key`'s bucket: 0.0 if allowed, else seconds until one is allowed."""
        now = self._clock()
        capacity = float(per_minute)
        refill = per_minute / 60.0
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= self._max:
                self._prune(now)
            bucket = self._buckets[key] = _Bucket(tokens=capacity, at=now)
        else:
            bucket.tokens = min(capacity, bucket.tokens + (now - bucket.at) * refill)
            bucket.at = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0.0
        return (1.0 - bucket.tokens) / refill

    def wait(self, key: Hashable, per_minute: int) -> float:
        """Seconds until `key` may spend a request (0.0: now), spending nothing."""
        bucket = self._buckets.get(key)
        if bucket is None:
            return 0.0
        refill = per_minute / 60.0
        tokens = min(float(per_minute), bucket.tokens + (self._clock() - bucket.at) * refill)
        return 0.0 if tokens >= 1.0 else (1.0 - tokens) / refill

    def _prune(self, now: float) -> None:
        # A bucket idle for a full minute is full again whatever its rate, so
        # forgetting it changes nothing.
        idle = [k for k, b in self._buckets.items() if now - b.at >= 60.0]
        for k in idle:
            del self._buckets[k]
        if len(self._buckets) >= self._max // 2:
            # Still mostly live callers: start again rather than scan on every new one.
            self._buckets.clear()


def retry_after(wait: float) -> int:
    """Whole seconds for a Retry-After header; never 0, which would invite an instant retry."""
    return max(1, math.ceil(wait))


def client_address(peer: str | None, forwarded_for: str | None, trusted: Sequence[Network]) -> str:
    """The caller's address: the connection's peer, unless that peer is a trusted
    proxy, in which case the right-most X-Forwarded-For hop that is not one."""
    candidate = peer or "unknown"
    if not trusted or not forwarded_for:
        return candidate
    for hop in reversed(forwarded_for.split(",")):
        if not _is_trusted(candidate, trusted):
            break
        hop = hop.strip()
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            # A hop nobody could have connected from: stop at the last proxy we believe.
            break
        candidate = hop
    return candidate


def address_key(address: str) -> str:
    """The bucket for an address: IPv6 callers by /64, since one host holds a whole /64."""
    if ":" not in address:
        # IPv4 (or a test client's name): as it is, without the cost of parsing.
        return address
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def _is_trusted(address: str, trusted: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in trusted)


def _bearer(headers: list[tuple[bytes, bytes]]) -> str | None:
    for name, value in headers:
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            if scheme.lower() != "bearer":
                return None
            return token.strip() or None
    return None


def _header(headers: list[tuple[bytes, bytes]], wanted: bytes) -> str | None:
    found = [value.decode("latin-1") for name, value in headers if name == wanted]
    # Several X-Forwarded-For headers read as one list, in order.
    return ",".join(found) if found else None


class RateLimit:
    """ASGI middleware: 429 with Retry-After once a caller's bucket is empty."""

    def __init__(self, app: Any, prefixes: tuple[str, ...] = LIMITED_PREFIXES,
                 buckets: Buckets | None = None) -> None:
        self.app = app
        self.prefixes = prefixes
        self.buckets = buckets or Buckets()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefixes):
            return await self.app(scope, receive, send)
        node = scope["app"].state.node
        settings: Settings = node.settings
        headers = scope.get("headers") or []
        token = _bearer(headers)
        key = None if token is None else cached_key(node.engine, token_digest(token))
        if token is not None and key is None:
            # A token not seen lately costs a database read. An address that
            # has used up its allowance of unknown tokens gets no more reads:
            # made-up tokens are limited like calls without one, and never
            # reach the database. Its real keys are not held up by it.
            guesses = ("guesses", self._address(scope, headers, settings))
            rate = settings.public_rate_per_minute
            if rate > 0 and self.buckets.wait(guesses, rate) > 0:
                return await self._refuse(scope, receive, send, rate, self.buckets.wait(guesses, rate))
            key = await anyio.to_thread.run_sync(resolve_key, node.engine, token, settings.token_cache_seconds)
            if (key is None or not key.usable) and rate > 0:
                self.buckets.take(guesses, rate)
        if key is not None and key.usable:
            bucket: Hashable = ("key", key.id)
            rate = key_rate(key.role, key.rate_per_minute, settings.key_rates_per_minute)
        else:
            bucket, rate = self._address(scope, headers, settings), settings.public_rate_per_minute
        if not await self._refused(scope, receive, send, bucket, rate):
            await self.app(scope, receive, send)

    @staticmethod
    def _address(scope: dict[str, Any], headers: list[tuple[bytes, bytes]], settings: Settings) -> Hashable:
        client = scope.get("client")
        peer = client[0] if client else None
        return ("addr", address_key(client_address(peer, _header(headers, b"x-forwarded-for"),
                                                   settings.trusted_proxies)))

    async def _refused(self, scope: dict[str, Any], receive: Any, send: Any, bucket: Hashable, rate: int) -> bool:
        """Spend one request from `bucket`; when it is empty, answer 429 and say so."""
        if rate <= 0:
            return False
        wait = self.buckets.take(bucket, rate)
        if wait <= 0:
            return False
        await self._refuse(scope, receive, send, rate, wait)
        return True

    @staticmethod
    async def _refuse(scope: dict[str, Any], receive: Any, send: Any, rate: int, wait: float) -> None:
        seconds = retry_after(wait)
        error = ApiError(429, f"too many requests: at most {rate} a minute; retry in {seconds} s", "rate",
                         headers={"Retry-After": str(seconds)})
        response = JSONResponse(error_body(error.message, error.field), error.status, headers=error.headers)
        await response(scope, receive, send)
