"""A route class that answers every failure of a TAXII endpoint with a TAXII error body."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from xborder.web.taxii.errors import TaxiiError
from xborder.web.taxii.media import TAXII_MEDIA_TYPE, accepts_taxii

log = logging.getLogger(__name__)


def from_http_error(exc: HTTPException) -> TaxiiError:
    titles = {404: "Not found", 405: "Method not allowed", 413: "Request too large"}
    return TaxiiError(exc.status_code, titles.get(exc.status_code, "Request failed"), str(exc.detail),
                      headers=getattr(exc, "headers", None))


class TaxiiRoute(APIRoute):
    """Checks Accept first (406), and turns whatever an endpoint raises into a TAXII error message."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        endpoint = super().get_route_handler()

        async def handler(request: Request) -> Response:
            try:
                if not accepts_taxii(request.headers.get("accept")):
                    raise TaxiiError(406, "Not acceptable", f"this server answers in {TAXII_MEDIA_TYPE}",
                                     code="not_acceptable")
                return await endpoint(request)
            except TaxiiError as exc:
                return exc.response()
            except HTTPException as exc:
                return from_http_error(exc).response()
            except RequestValidationError as exc:
                first = exc.errors()[0] if exc.errors() else {}
                return TaxiiError(400, "Invalid request", str(first.get("msg", "invalid request"))).response()
            except Exception:
                # A bug must not show a traceback to a partner; it goes to the node's log.
                log.exception("TAXII %s %s failed", request.method, request.url.path)
                return TaxiiError(500, "Internal error", "the node's operators have the details").response()

        return handler
