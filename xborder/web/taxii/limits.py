"""Refuse an oversized POST under /taxii2/ with a TAXII error (413) before the node's own body limit does.

The node-wide BodyLimit answers in the node's JSON error shape; a TAXII
client must get a TAXII error message, so this check runs outside it for
TAXII paths, on the declared Content-Length. A body that declares none is
counted by BodyLimit as it streams, and the TAXII route turns that into a
TAXII error too.
"""

from __future__ import annotations

from typing import Any

from xborder.web.limits import MAX_BODY_BYTES
from xborder.web.taxii.errors import TaxiiError

PREFIX = "/taxii2/"


class TaxiiBodyLimit:
    def __init__(self, app: Any, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("path", "").startswith(PREFIX):
            declared = dict(scope.get("headers") or ()).get(b"content-length")
            error = None
            if declared is not None:
                try:
                    if int(declared) > self.max_bytes:
                        error = TaxiiError(413, "Request too large", f"at most {self.max_bytes} bytes per request")
                except ValueError:
                    error = TaxiiError(400, "Bad request", "Content-Length is not a number")
            if error is not None:
                response = error.response()
                response.headers["Connection"] = "close"
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
