"""The TAXII 2.1 server: discovery at /taxii2/, one API root at /taxii2/api/.

A sub-application mounted on the node's app, so that every answer under
/taxii2/ (an unknown path and a wrong method included) is a TAXII message in
application/taxii+json;version=2.1, never the node's own JSON error shape.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from starlette.exceptions import HTTPException
from starlette.responses import Response

from xborder.node import Node
from xborder.store.personal import load_key
from xborder.web.taxii import collections, objects, schemas
from xborder.web.taxii.cursor import cursor_key
from xborder.web.taxii.routing import from_http_error

MOUNT = "/taxii2"
API_ROOT = "api"


def create_taxii_app(node: Node) -> FastAPI:
    app = FastAPI(title="xborder TAXII 2.1", openapi_url=None, docs_url=None, redoc_url=None)
    app.state.node = node
    app.state.cursor_key = cursor_key(load_key(node.settings.secret_key, node.settings.secret_key_path, create=False))

    async def http_error(request: Request, exc: Exception) -> Response:
        if not isinstance(exc, HTTPException):
            raise exc
        return from_http_error(exc).response()

    app.add_exception_handler(HTTPException, http_error)
    for module in (collections, objects, schemas):
        app.include_router(module.router)
    return app
