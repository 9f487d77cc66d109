"""TAXII response bodies: JSON in the TAXII media type, envelopes built from stored bodies."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from starlette.responses import Response

from xborder.core.clock import as_utc
from xborder.web.taxii.media import TAXII_MEDIA_TYPE


def taxii_json(body: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status, headers=headers, media_type=TAXII_MEDIA_TYPE)


def taxii_time(at: datetime) -> str:
    """date_added as TAXII writes it: UTC, microseconds, so that added_after resumes exactly."""
    return as_utc(at).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def date_headers(rows: Sequence[Any]) -> dict[str, str]:
    if not rows:
        return {}
    return {"X-TAXII-Date-Added-First": taxii_time(rows[0].date_added),
            "X-TAXII-Date-Added-Last": taxii_time(rows[-1].date_added)}


def envelope(rows: Sequence[Any], more: bool, next_token: str | None) -> Response:
    """An envelope of stored object bodies, joined as they are: no object is parsed on the way out."""
    head: dict[str, Any] = {"more": more}
    if more and next_token:
        head["next"] = next_token
    text = json.dumps(head)
    if rows:
        text = text[:-1] + ',"objects":[' + ",".join(r.body for r in rows) + "]}"
    return Response(text, 200, headers=date_headers(rows), media_type=TAXII_MEDIA_TYPE)
