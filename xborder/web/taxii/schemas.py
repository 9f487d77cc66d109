"""The JSON schemas of xborder's STIX extensions, where their extension-definitions say they are.

Public (no key): they describe a format, not intelligence, and a third
party's validator must be able to fetch them.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.exceptions import HTTPException
from starlette.responses import Response

from xborder.share.extensions import schema_text

router = APIRouter()


@router.get("/schemas/{name}.json")
def get_schema(name: str) -> Response:
    try:
        text = schema_text(name)
    except KeyError:
        raise HTTPException(404, f"no extension schema {name!r}") from None
    return Response(text, media_type="application/schema+json")
