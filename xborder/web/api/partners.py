"""/api/v1/partners: administrators manage partner nodes and their sharing agreements."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from xborder.actions.agreements import (
    AgreementError,
    Terms,
    UnknownPartner,
    add_partner,
    resume_agreement,
    revoke_agreement,
    set_agreement,
    suspend_agreement,
    terms_record,
)
from xborder.core.actors import Actor
from xborder.store.partners import AgreementRow, find_partner, latest_agreement, list_partners, live_agreement
from xborder.web.api._views import iso
from xborder.web.auth import current_actor
from xborder.web.errors import ApiError

router = APIRouter(prefix="/api/v1/partners", tags=["partners"])


def access_partners(actor: Actor) -> None:
    if actor.kind == "anonymous":
        raise ApiError(401, "managing partners needs a token", "authorization", headers={"WWW-Authenticate": "Bearer"})
    if actor.role != "admin":
        raise ApiError(403, f"the {actor.role} role may not manage partners or agreements", "authorization")


class PartnerIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Annotated[str, Field(max_length=100, description="a short name, e.g. kh-moi")]
    country: Annotated[str, Field(max_length=8, description="the partner's country, e.g. KH")]
    taxii_url: Annotated[str | None, Field(max_length=500, description="the partner's TAXII API root")] = None
    pull_collection: Annotated[str | None, Field(max_length=100, description="its collection we pull")] = None
    pull_token: Annotated[str | None, Field(max_length=1000, description="our token for its server; "
                                                                         "stored encrypted, never shown")] = None


class AgreementIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kinds: Annotated[list[str] | str | None, Field(description="indicator kinds the partner may receive")] = None
    tlp_max: Annotated[str | None, Field(max_length=20, description="clear, green, amber or amber+strict")] = None
    min_confidence: Annotated[int | None, Field(strict=True, description="0-100")] = None
    narratives: Annotated[str | None, Field(max_length=20, description="none or redacted")] = None
    purpose: Annotated[str | None, Field(max_length=2000)] = None
    retention_days: Annotated[int | None, Field(strict=True, description="partner data older than this is "
                                                                         "purged")] = None


def _agreement_view(row: AgreementRow | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {**terms_record(row), "created_at": iso(row.created_at), "updated_at": iso(row.updated_at),
            "revoked_at": iso(row.revoked_at)}


def _partner_view(p: Any, agreement: AgreementRow | None) -> dict[str, Any]:
    return {"id": p.id, "name": p.name, "country": p.country, "taxii_url": p.taxii_url,
            "pull_collection": p.pull_collection, "pull_credential": p.pull_credential is not None,
            "created_at": iso(p.created_at), "agreement": _agreement_view(agreement)}


@router.get("", summary="Partner nodes and their agreements")
def get_partners(request: Request, actor: Annotated[Actor, Depends(current_actor)]) -> dict[str, Any]:
    access_partners(actor)
    with request.app.state.node.engine.connect() as conn:
        return {"items": [_partner_view(p, latest_agreement(conn, p.id)) for p in list_partners(conn)]}


@router.post("", status_code=201, summary="Add a partner node")
def post_partner(body: PartnerIn, request: Request, actor: Annotated[Actor, Depends(current_actor)]) -> dict[str, Any]:
    access_partners(actor)
    node = request.app.state.node
    try:
        add_partner(node, body.name, country=body.country, taxii_url=body.taxii_url,
                    pull_collection=body.pull_collection, pull_token=body.pull_token, acting=actor)
    except AgreementError as exc:
        raise ApiError(422, str(exc), exc.field) from None
    with node.engine.connect() as conn:
        return _partner_view(find_partner(conn, body.name), None)


def _partner_id(request: Request, name: str) -> int:
    with request.app.state.node.engine.connect() as conn:
        p = find_partner(conn, name)
    if p is None:
        raise ApiError(404, f"no partner {name!r}", "name")
    return int(p.id)


@router.get("/{name}/agreement", summary="A partner's agreement: terms, collection, state")
def get_agreement(name: str, request: Request, actor: Annotated[Actor, Depends(current_actor)]) -> dict[str, Any]:
    access_partners(actor)
    partner_id = _partner_id(request, name)
    with request.app.state.node.engine.connect() as conn:
        row = live_agreement(conn, partner_id) or latest_agreement(conn, partner_id)
    if row is None:
        raise ApiError(404, f"{name} has no agreement", "name")
    return _agreement_view(row) or {}


def _run(fn: Any, request: Request, name: str, *args: Any, actor: Actor) -> dict[str, Any]:
    try:
        row = fn(request.app.state.node, name, *args, acting=actor)
    except UnknownPartner as exc:
        raise ApiError(404, str(exc), "name") from None
    except AgreementError as exc:
        raise ApiError(404 if exc.field == "partner" else 422, str(exc), exc.field) from None
    return _agreement_view(row) or {}


@router.put("/{name}/agreement", summary="Set the agreement's terms (omitted terms stay as they are)")
def put_agreement(name: str, body: AgreementIn, request: Request,
                  actor: Annotated[Actor, Depends(current_actor)]) -> dict[str, Any]:
    access_partners(actor)
    terms = Terms(kinds=body.kinds, tlp_max=body.tlp_max, min_confidence=body.min_confidence,
                  narratives=body.narratives, purpose=body.purpose, retention_days=body.retention_days)
    return _run(set_agreement, request, name, terms, actor=actor)


@router.post("/{name}/agreement/suspend", summary="Stop all export to the partner at once")
def post_suspend(name: str, request: Request, actor: Annotated[Actor, Depends(current_actor)]) -> dict[str, Any]:
    access_partners(actor)
    return _run(suspend_agreement, request, name, actor=actor)


@router.post("/{name}/agreement/resume", summary="Resume a suspended agreement")
def post_resume(name: str, request: Request, actor: Annotated[Actor, Depends(current_actor)]) -> dict[str, Any]:
    access_partners(actor)
    return _run(resume_agreement, request, name, actor=actor)


@router.post("/{name}/agreement/revoke", summary="End the agreement for good; the partner's keys stop working")
def post_revoke(name: str, request: Request, actor: Annotated[Actor, Depends(current_actor)]) -> dict[str, Any]:
    access_partners(actor)
    return _run(revoke_agreement, request, name, actor=actor)
