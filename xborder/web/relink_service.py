"""Finishing deferred linking inside `xborder serve` (XBORDER_RELINK_SECONDS; 0 = none).

Two kinds of report wait for `link_pending`: one whose linking failed at
intake, and one that intake placed provisionally in a component above
giant_size. Running it here keeps the partition equal to `xborder link
--full` without an operator's cron job; a re-split of a large component
is seconds of database work, so it runs in a thread (xborder.web.periodic).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from xborder.actions.networks import link_pending
from xborder.actions.publish import node_actor
from xborder.node import Node
from xborder.web.periodic import PeriodicJob, running

log = logging.getLogger(__name__)


def _relink_once(node: Node) -> int:
    linked = link_pending(node, acting=node_actor(node))
    if linked:
        log.info("linked %d pending report(s)", linked)
    return linked


@asynccontextmanager
async def relink_lifespan(app: FastAPI) -> AsyncIterator[None]:
    node: Node = app.state.node
    seconds = node.settings.relink_seconds
    job = PeriodicJob("relink", seconds, lambda: _relink_once(node),
                      "the reports stay flagged for the next run") if seconds > 0 else None
    async with running(app, "relinker", job):
        yield
