"""/api/v1/keys: administrators issue, list and revoke organisations' API keys."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from xborder.actions.access import AccessError, KeyNotFound, check_key_terms, create_token, revoke_token
from xborder.core.actors import Actor
from xborder.core.scopes import key_rate, stored_scopes
from xborder.settings import Settings
from xborder.store.keys import list_tokens
from xborder.web.api._views import iso
from xborder.web.auth import access_keys, current_actor
from xborder.web.errors import ApiError

router = APIRouter(prefix="/api/v1/keys", tags=["keys"])

BIGINT_MAX = 2**63 - 1


class KeyIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    role: str = Field(description="admin, analyst, investigator, partner, bank or public")
    name: Annotated[str | None, Field(max_length=100, description="a label for the key")] = None
    organisation: Annotated[str | None, Field(max_length=100, description="the bank, telco or agency")] = None
    scopes: Annotated[list[str] | str | None,
                      Field(description="what the key may do, e.g. [\"lookup\", \"feeds\"]; none = its role's rights")
                      ] = None
    rate_per_minute: Annotated[int | None, Field(strict=True, description="its own limit; null = the role's")] = None
    partner: Annotated[str | None, Field(max_length=100, description="the partner node (role partner only)")] = None
    user: Annotated[str | None, Field(max_length=64, description="the user the key acts for")] = None


@router.post("", status_code=201, summary="Issue an API key; the token is in this answer and never again")
def post_key(body: KeyIn, request: Request, actor: Annotated[Actor, Depends(current_actor)]) -> dict[str, Any]:
    access_keys(actor)
    try:
        terms = check_key_terms(body.role, organisation=body.organisation, scopes=body.scopes,
                                rate=body.rate_per_minute, partner=body.partner)
        made = create_token(request.app.state.node, body.role, acting=actor, name=body.name, username=body.user,
                            terms=terms)
    except AccessError as exc:
        raise ApiError(422, str(exc), exc.field) from None
    return {"id": made.id, "name": made.name, "role": made.role, "organisation": terms.organisation,
            "scopes": sorted(terms.scopes), "rate_per_minute": terms.rate_per_minute, "partner": terms.partner,
            "user": body.user, "token": made.token}


@router.get("", summary="Every API key with its organisation, scopes and rate (never the token)")
def list_keys(request: Request, actor: Annotated[Actor, Depends(current_actor)]) -> dict[str, Any]:
    access_keys(actor)
    node = request.app.state.node
    with node.engine.connect() as conn:
        rows = list_tokens(conn)
    return {"items": [_key_view(row, node.settings) for row in rows]}


@router.delete("/{key_id}", summary="Revoke an API key; it stops working at once on this node")
def delete_key(key_id: Annotated[int, Path(ge=1, le=BIGINT_MAX)], request: Request,
               actor: Annotated[Actor, Depends(current_actor)]) -> dict[str, Any]:
    access_keys(actor)
    try:
        revoke_token(request.app.state.node, key_id, acting=actor)
    except KeyNotFound as exc:
        raise ApiError(404, str(exc), "key_id") from None
    return {"id": key_id, "revoked": True}


def _key_view(row: Any, settings: Settings) -> dict[str, Any]:
    return {
        "id": row.id, "name": row.name, "role": row.role, "prefix": row.prefix,
        "organisation": row.organisation, "scopes": sorted(stored_scopes(row.scopes)),
        "rate_per_minute": row.rate_per_minute,
        "effective_rate_per_minute": key_rate(row.role, row.rate_per_minute, settings.key_rates_per_minute),
        "partner": row.partner, "user": row.username,
        "created_at": iso(row.created_at), "revoked_at": iso(row.revoked_at),
        "state": "revoked" if row.revoked_at else "live",
    }
