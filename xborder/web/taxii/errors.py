"""TAXII 2.1 error messages (section 3.6.1): every failure answers with one, in the TAXII media type."""

from __future__ import annotations

import json
import uuid
from typing import Any

from starlette.responses import Response

from xborder.web.taxii.media import TAXII_MEDIA_TYPE

# HTTP status -> the error_code xborder puts in the body when a check gives none.
_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
          406: "not_acceptable", 413: "too_large", 415: "unsupported_media_type", 422: "unprocessable",
          500: "internal_error"}


class TaxiiError(Exception):
    """An error a TAXII endpoint answers with; `code` is a stable machine-readable name."""

    def __init__(self, status: int, title: str, description: str | None = None, *, code: str | None = None,
                 details: dict[str, Any] | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(title)
        self.status = status
        self.title = title
        self.description = description
        self.code = code or _CODES.get(status, "error")
        self.details = details
        self.headers = headers

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {"title": self.title, "error_id": str(uuid.uuid4()), "error_code": self.code,
                               "http_status": str(self.status)}
        if self.description:
            out["description"] = self.description
        if self.details:
            out["details"] = self.details
        return out

    def response(self) -> Response:
        return Response(json.dumps(self.body(), ensure_ascii=False), self.status, headers=self.headers,
                        media_type=TAXII_MEDIA_TYPE)


def unauthorized(description: str) -> TaxiiError:
    return TaxiiError(401, "Authentication required", description, headers={"WWW-Authenticate": "Bearer"})
