"""POST /api/v1/indicators/{kind}/{value}/confirm and /false-positive: an analyst's verdict."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from xborder.actions.indicator_marks import mark_indicator
from xborder.core.actors import Actor
from xborder.web.auth import access_labels, current_actor
from xborder.web.api.indicators import canonical_from_path
from xborder.web.errors import ApiError

# `{value:path}` because urls carry slashes; the GET route in indicators.py is
# just as greedy but answers another method, so these POSTs still match here.
router = APIRouter(prefix="/api/v1/indicators", tags=["indicators"])


class MarkIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    note: Annotated[str | None, Field(max_length=2000)] = None


@router.post("/{kind}/{value:path}/false-positive", status_code=201,
             summary="Mark an indicator a false positive: its risk drops to 0, then recovers slowly")
def post_false_positive(kind: str, value: str, request: Request, actor: Annotated[Actor, Depends(current_actor)],
                        body: MarkIn | None = None) -> dict[str, Any]:
    return _mark(request, actor, kind, value, "false_positive", body)


@router.post("/{kind}/{value:path}/confirm", status_code=201,
             summary="Confirm an indicator as scammers': raises its risk and lifts an earlier false-positive mark")
def post_confirm(kind: str, value: str, request: Request, actor: Annotated[Actor, Depends(current_actor)],
                 body: MarkIn | None = None) -> dict[str, Any]:
    return _mark(request, actor, kind, value, "confirmed", body)


def _mark(request: Request, actor: Actor, kind: str, value: str, verdict: str, body: MarkIn | None) -> dict[str, Any]:
    access_labels(actor)
    node = request.app.state.node
    canonical = canonical_from_path(kind, value, node.settings.node_country)
    note = None if body is None else body.note
    try:
        done = mark_indicator(node, kind, canonical, verdict, acting=actor, note=note)
    except LookupError:
        raise ApiError(404, f"{kind} {canonical} is not known to this node", "value") from None
    return {"kind": done.kind, "value": done.value, "verdict": done.verdict, "mark_id": done.mark_id,
            "note": note, "by": actor.label, "risk": done.risk}

