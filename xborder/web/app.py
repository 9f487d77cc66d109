"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from xborder import __version__
from xborder.node import Node
from xborder.web.api import check, graph, health, indicator_marks, indicators, keys, labels, networks, reports
from xborder.web.api import feeds, lookup
from xborder.web.api import misp_feed, partners
from xborder.web.errors import install_error_handlers
from xborder.web.limits import BodyLimit
from xborder.web.lookup_service import lookup_lifespan
from xborder.web.ratelimit import RateLimit
from xborder.web.relink_service import relink_lifespan
from xborder.web.taxii import MOUNT as TAXII_MOUNT
from xborder.web.taxii import create_taxii_app
from xborder.web.taxii.limits import TaxiiBodyLimit
from xborder.web.taxii.publishing import publish_lifespan
from xborder.web.sync_service import sync_lifespan
from xborder.web.ui import home

DESCRIPTION = """Shared scam intelligence node. File reports without a token;
everything else takes `Authorization: Bearer <token>` (roles: admin, analyst,
investigator, partner, bank, public). Errors are JSON: `{"error", "field", "errors"}`."""


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    async with lookup_lifespan(app), publish_lifespan(app), sync_lifespan(app), relink_lifespan(app):
        yield


def create_app(node: Node) -> FastAPI:
    # FastAPIOffline serves Swagger UI and ReDoc from the package, not a CDN.
    # The lifespan builds the lookup index and runs its poller (web/lookup_service.py),
    # runs the publisher of shared STIX objects (web/taxii/publishing.py) and the pull
    # from partners (web/sync_service.py) and finishes deferred linking (web/relink_service.py).
    app = FastAPIOffline(title="xborder", version=__version__, description=DESCRIPTION, lifespan=_lifespan)
    app.state.node = node
    install_error_handlers(app)
    app.add_middleware(BodyLimit)
    # Added last, so outermost: a caller over its limit is refused before its body is read.
    app.add_middleware(RateLimit)
    # Outside BodyLimit: an oversized POST under /taxii2/ gets a TAXII error message.
    app.add_middleware(TaxiiBodyLimit)
    for module in (reports, labels, check, indicator_marks, indicators, networks, graph, keys, health, home):
        app.include_router(module.router)
    for module in (lookup, feeds):
        app.include_router(module.router)
    for module in (partners, misp_feed):
        app.include_router(module.router)
    app.mount(TAXII_MOUNT, create_taxii_app(node))
    return app
