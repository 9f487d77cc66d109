"""Finishing deferred linking inside `xborder serve` (XBORDER_RELINK_SECONDS; 0 = none).

Two kinds of report wait for `link_pending`: one whose linking failed at
intake, and one that intake placed provisionally in a component above
giant_size. Running it here keeps the partition equal to `xborder link
--full` without an operator's cron job. A thread, like the publisher: a
re-split of a large component is seconds of database work.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from xborder.actions.networks import link_pending
from xborder.actions.publish import node_actor
from xborder.node import Node

log = logging.getLogger(__name__)


class RelinkLoop:
    def __init__(self, node: Node, seconds: float) -> None:
        self.node = node
        self.seconds = seconds
        self.runs = 0
        self.linked = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="xborder-relink", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=60)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                done = link_pending(self.node, acting=node_actor(self.node))
                self.linked += done
                if done:
                    log.info("linked %d pending report(s)", done)
            except Exception:
                log.exception("linking pending reports failed; they stay flagged for the next run")
            self.runs += 1
            self._stop.wait(self.seconds)


@asynccontextmanager
async def relink_lifespan(app: FastAPI) -> AsyncIterator[None]:
    node: Node = app.state.node
    seconds = node.settings.relink_seconds
    loop = RelinkLoop(node, seconds) if seconds > 0 else None
    app.state.relinker = loop
    if loop is not None:
        loop.start()
    try:
        yield
    finally:
        if loop is not None:
            loop.stop()
