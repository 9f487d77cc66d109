"""A job `xborder serve` runs in a thread of its own: at once, then every N seconds.

A thread, not an asyncio task: each run is database work that may take
seconds on a large node and must not hold up the event loop serving
requests. A failed run is logged and the next one starts over.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI

log = logging.getLogger(__name__)


class PeriodicJob:
    """Calls `work` (which returns how much it did) until stopped; `done` sums the answers."""

    def __init__(self, name: str, seconds: float, work: Callable[[], int], on_failure: str) -> None:
        self.name = name
        self.seconds = seconds
        self.runs = 0
        self.done = 0
        self._work = work
        self._on_failure = on_failure
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"xborder-{name}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=60)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.done += self._work()
            except Exception:
                log.exception("%s failed; %s", self.name, self._on_failure)
            self.runs += 1
            self._stop.wait(self.seconds)


@asynccontextmanager
async def running(app: FastAPI, state_name: str, job: PeriodicJob | None) -> AsyncIterator[None]:
    """Start `job` (None when its setting is 0) for the app's lifetime, as `app.state.<state_name>`."""
    setattr(app.state, state_name, job)
    if job is not None:
        job.start()
    try:
        yield
    finally:
        if job is not None:
            job.stop()
