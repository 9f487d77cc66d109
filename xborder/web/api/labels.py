"""POST /api/v1/reports/{report_id}/label: an analyst confirms or corrects a report."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator

from xborder.actions.labels import check_label, confirm_label
from xborder.core.actors import Actor
from xborder.web.auth import access_labels, current_actor
from xborder.web.errors import ApiError

router = APIRouter(prefix="/api/v1/reports", tags=["reports"])


class LabelIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    label: str = Field(description="a scam type, or not_scam")
    note: Annotated[str | None, Field(max_length=2000)] = None

    @field_validator("label")
    @classmethod
    def _label(cls, v: str) -> str:
        return check_label(v)


@router.post("/{report_id}/label", status_code=201, summary="Confirm or correct a report's label")
def post_label(report_id: int, body: LabelIn, request: Request,
               actor: Annotated[Actor, Depends(current_actor)]) -> dict[str, Any]:
    access_labels(actor)
    try:
        done = confirm_label(request.app.state.node, report_id, body.label, acting=actor, note=body.note)
    except LookupError:
        raise ApiError(404, f"no report {report_id}", "report_id") from None
    return {"report_id": report_id, "label": done.label, "previous": done.previous, "confirmed": done.confirmed,
            "by": actor.label}
