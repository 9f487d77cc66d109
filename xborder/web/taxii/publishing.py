"""The publisher inside `xborder serve`: publish_changes every XBORDER_PUBLISH_SECONDS.

The first run is at once, so changes made while the node was down go out
now; a failed run is retried from the same watermarks (xborder.web.periodic).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from xborder.actions.publish import node_actor, publish_changes
from xborder.node import Node
from xborder.web.periodic import PeriodicJob, running

log = logging.getLogger(__name__)


def _publish_once(node: Node) -> int:
    done = publish_changes(node, acting=node_actor(node))
    if done.versions:
        log.info("published %d object versions (%d indicators)", done.versions, done.indicators)
    return done.versions


@asynccontextmanager
async def publish_lifespan(app: FastAPI) -> AsyncIterator[None]:
    node: Node = app.state.node
    seconds = node.settings.publish_seconds
    job = PeriodicJob("publisher", seconds, lambda: _publish_once(node),
                      "the next run retries from the same point") if seconds > 0 else None
    async with running(app, "publisher", job):
        yield
