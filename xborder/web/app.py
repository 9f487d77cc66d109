"""The FastAPI application factory."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from xborder import __version__
from xborder.node import Node
from xborder.web.api import check, graph, health, indicator_marks, indicators, labels, networks, reports
from xborder.web.errors import install_error_handlers
from xborder.web.limits import BodyLimit
from xborder.web.ui import home

DESCRIPTION = """Shared scam intelligence node. File reports without a token;
everything else takes `Authorization: Bearer <token>` (roles: admin, analyst,
investigator, partner, bank, public). Errors are JSON: `{"error", "field", "errors"}`."""


def create_app(node: Node) -> FastAPI:
    # FastAPIOffline serves Swagger UI and ReDoc from the package, not a CDN.
    app = FastAPIOffline(title="xborder", version=__version__, description=DESCRIPTION)
    app.state.node = node
    install_error_handlers(app)
    app.add_middleware(BodyLimit)
    for module in (reports, labels, check, indicator_marks, indicators, networks, graph, health, home):
        app.include_router(module.router)
    return app
