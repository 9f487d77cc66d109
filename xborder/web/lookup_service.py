"""The lookup index inside the web app: built at start, polled, cached feeds.

`lookup_lifespan` builds the index when the app starts and runs the poller
until it stops (XBORDER_LOOKUP_POLL_SECONDS; 0 = no poller). An app started
without its lifespan (a bare TestClient) builds the index on first use.

Once built (and the extraction code's lazy tables warmed up), everything
the process holds then is frozen out of the garbage collector's sight
(gc.freeze): the app, its libraries and models are a few hundred thousand
long-lived objects, and each full collection walked them all, 60-150 ms
with the event loop stopped, about once a second under load
(bench/lookup measured it). They live as long as the app anyway.
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Hashable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass

import anyio.to_thread
from fastapi import FastAPI

from xborder.lookup.feeds import iso
from xborder.lookup.index import LookupIndex
from xborder.lookup.query import QueryError
from xborder.lookup.resolve import resolve
from xborder.lookup.refresh import Poller, Refresher

log = logging.getLogger(__name__)

# Risk decays with time even when nothing is written, so a cached feed is
# rebuilt at least this often.
FEED_MAX_AGE_SECONDS = 60.0
FEED_CACHE_ENTRIES = 64


@dataclass(frozen=True)
class CachedBody:
    version: int
    built_at: float
    body: bytes
    etag: str
    _gzipped: list[bytes]

    def gzipped(self) -> bytes:
        # Compressed once, on the first client that asks for it.
        if not self._gzipped:
            self._gzipped.append(gzip.compress(self.body, compresslevel=6, mtime=0))
        return self._gzipped[0]


class FeedCache:
    """Rendered feeds per (feed, format, filters), valid while the index version holds."""

    def __init__(self, entries: int = FEED_CACHE_ENTRIES, max_age: float = FEED_MAX_AGE_SECONDS) -> None:
        self._entries: OrderedDict[Hashable, CachedBody] = OrderedDict()
        self._limit = entries
        self._max_age = max_age
        self._lock = threading.Lock()

    def get(self, key: Hashable, version: int, render: Callable[[], bytes]) -> CachedBody:
        now = time.monotonic()
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None and hit.version == version and now - hit.built_at < self._max_age:
                self._entries.move_to_end(key)
                return hit
        body = render()
        made = CachedBody(version, now, body, f'"{hashlib.sha256(body).hexdigest()[:32]}"', [])
        with self._lock:
            self._entries[key] = made
            self._entries.move_to_end(key)
            while len(self._entries) > self._limit:
                self._entries.popitem(last=False)
        return made


class LookupService:
    def __init__(self, refresher: Refresher, poll_seconds: float) -> None:
        self.refresher = refresher
        self.feeds = FeedCache()
        self.poller = Poller(refresher, poll_seconds) if poll_seconds > 0 else None
        self._zone: tuple[str, int, str] | None = None
        self._zone_lock = threading.Lock()

    @property
    def index(self) -> LookupIndex:
        return self.refresher.index

    def zone_serial(self, domains: Sequence[str], now: float) -> tuple[int, str]:
        """The RPZ zone's SOA serial and generation time: new only when its domains change.

        Resolvers transfer the zone again on a new serial, and clients
        revalidate by ETag; an unchanged list must keep both.
        """
        digest = hashlib.sha256("\n".join(domains).encode()).hexdigest()
        with self._zone_lock:
            if self._zone is None or self._zone[0] != digest:
                serial = int(now) if self._zone is None else max(int(now), self._zone[1] + 1)
                self._zone = (digest, serial, iso(now))
            return self._zone[1], self._zone[2]

    def start(self) -> None:
        if self.poller is not None:
            self.poller.start()

    def stop(self) -> None:
        if self.poller is not None:
            self.poller.stop()
        self.refresher.close()


# One value of each shape a lookup reads differently.
_WARM_UP = ("+66812345678", "081-234-5678", "1234567890", "example.com", "hxxps://example[.]com/a",
            "name@example.com", "@line_id", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "*948*1111*100#", "1.2.3.4")


def warm_up(index: LookupIndex) -> None:
    """Look up one value of each shape, so that the extraction code's lazily built
    tables (public suffixes, phone metadata) exist before the heap is frozen."""
    now = time.time()
    for q in _WARM_UP:
        try:
            resolve(index, q, now)
        except QueryError:
            log.warning("lookup warm-up: %r was not read", q)


_BUILD_LOCK = threading.Lock()


def service_of(app: FastAPI) -> LookupService:
    """The app's lookup service, built on first use if the lifespan did not run."""
    found: LookupService | None = getattr(app.state, "lookup", None)
    if found is not None:
        return found
    with _BUILD_LOCK:
        found = getattr(app.state, "lookup", None)
        if found is None:
            node = app.state.node
            # No poller here: without a lifespan nothing would ever stop it.
            found = LookupService(Refresher.open(node.engine), poll_seconds=0)
            app.state.lookup = found
    return found


def note_reports(app: FastAPI, report_ids: Sequence[int]) -> None:
    """Make reports this process just committed visible to lookups at once."""
    found: LookupService | None = getattr(app.state, "lookup", None)
    if found is None or not report_ids:
        return
    try:
        found.refresher.note_reports(report_ids)
    except Exception:
        # The report is stored; the poller will still pick it up.
        log.exception("lookup index: applying reports %s failed; the poller will retry", list(report_ids))


@asynccontextmanager
async def lookup_lifespan(app: FastAPI) -> AsyncIterator[None]:
    node = app.state.node
    refresher = await anyio.to_thread.run_sync(Refresher.open, node.engine)
    service = LookupService(refresher, node.settings.lookup_poll_seconds)
    app.state.lookup = service
    await anyio.to_thread.run_sync(warm_up, refresher.index)
    gc.collect()
    gc.freeze()
    service.start()
    try:
        yield
    finally:
        service.stop()
        app.state.lookup = None
        # Back under the collector: what this app leaves behind can go
        # (tests start many apps in one process).
        gc.unfreeze()
