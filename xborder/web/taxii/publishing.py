"""The publisher inside `xborder serve`: publish_changes every XBORDER_PUBLISH_SECONDS, in a thread.

A thread, not an asyncio task: a run is database work that may take
seconds on a large node, and must not hold up the event loop serving
requests. A failed run is logged and the next one starts over from the
same watermarks.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from xborder.actions.publish import node_actor, publish_changes
from xborder.node import Node

log = logging.getLogger(__name__)


class PublishLoop:
    def __init__(self, node: Node, seconds: float) -> None:
        self.node = node
        self.seconds = seconds
        self.runs = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="xborder-publisher", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=60)

    def _run(self) -> None:
        # The first run at once: changes made while the node was down go out now.
        while not self._stop.is_set():
            try:
                done = publish_changes(self.node, acting=node_actor(self.node))
                if done.versions:
                    log.info("published %d object versions (%d indicators)", done.versions, done.indicators)
            except Exception:
                log.exception("publishing failed; the next run retries from the same point")
            self.runs += 1
            self._stop.wait(self.seconds)


@asynccontextmanager
async def publish_lifespan(app: FastAPI) -> AsyncIterator[None]:
    node: Node = app.state.node
    loop = PublishLoop(node, node.settings.publish_seconds) if node.settings.publish_seconds > 0 else None
    app.state.publisher = loop
    if loop is not None:
        loop.start()
    try:
        yield
    finally:
        if loop is not None:
            loop.stop()
