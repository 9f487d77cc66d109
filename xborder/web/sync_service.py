"""The periodic pull from partners inside `xborder serve` (XBORDER_SYNC_SECONDS; 0 = none).

A thread, like the publisher: a pull is network and database work that must
not hold up the event loop serving requests.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from xborder.actions.publish import node_actor
from xborder.actions.sync import SyncLoop
from xborder.node import Node


@asynccontextmanager
async def sync_lifespan(app: FastAPI) -> AsyncIterator[None]:
    node: Node = app.state.node
    loop = SyncLoop(node, node.settings.sync_seconds, acting=node_actor(node))
    app.state.sync_loop = loop
    loop.start()
    try:
        yield
    finally:
        loop.stop()
