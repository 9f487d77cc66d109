"""POST /api/v1/check: "is this a scam?" for a pasted message."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator

from xborder.classify import classify_text, explanation_for
from xborder.core.actors import Actor
from xborder.core.geo import check_country
from xborder.core.intake import check_message_text
from xborder.extract import extract
from xborder.lookup.verdict import is_official
from xborder.store.indicators import get_indicator, indicator_networks
from xborder.web.api._views import iso
from xborder.web.auth import access_check, current_actor
from xborder.web.language import answer_language

router = APIRouter(prefix="/api/v1", tags=["check"])


class CheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="the message, link, number or account to check")
    language: Literal["th", "km", "en"] | None = Field(None, description="language of the answer")
    country: str | None = Field(None, description="default region for national phone numbers")

    @field_validator("text")
    @classmethod
    def _text(cls, v: str) -> str:
        return check_message_text(v)

    @field_validator("country")
    @classmethod
    def _country(cls, v: str | None) -> str | None:
        return None if v is None else check_country(v)


def _answer_language(body: CheckIn, request: Request, detected: str) -> str:
    return answer_language(body.language, request.headers.get("accept-language", ""), detected)


def _status(warninglist: str | None, report_count: int) -> str:
    if warninglist:
        return "official" if is_official(warninglist) else "common"
    return "reported" if report_count else "unknown"


@router.post("/check", summary="Is this a scam? Classification, indicators and what this node knows")
def check_message(body: CheckIn, request: Request, actor: Annotated[Actor, Depends(current_actor)]) -> dict[str, Any]:
    access_check(actor)
    node = request.app.state.node
    country = body.country or node.settings.node_country
    found = extract(body.text, country=country)
    verdict = classify_text(body.text, indicators=found)
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    with node.engine.connect() as conn:
        for ind in found:
            if (ind.kind, ind.value) in seen:
                continue
            row = get_indicator(conn, ind.kind, ind.value)
            count = 0 if row is None else row.report_count
            seen[(ind.kind, ind.value)] = {
                "kind": ind.kind, "value": ind.value, "start": ind.start, "end": ind.end,
                "status": _status(ind.warninglist, count),
                "warninglist": ind.warninglist,
                "report_count": count,
                "first_seen": None if row is None else iso(row.first_seen),
                "last_seen": None if row is None else iso(row.last_seen),
                "networks": [] if row is None or row.warninglist else indicator_networks(conn, row.id),
            }
    answer_in = _answer_language(body, request, verdict.language)
    return {
        "language": verdict.language,
        "scam_probability": round(verdict.scam_probability, 4),
        "scam_type": verdict.scam_type,
        "type_scores": {k: round(v, 4) for k, v in verdict.type_scores.items()},
        "truncated": verdict.truncated,
        "model_version": verdict.model_version,
        "explanation": verdict.explanation,
        "answer": {"language": answer_in, "text": explanation_for(verdict, answer_in)},
        "indicators": list(seen.values()),
    }
