"""/api/v1/indicators/{kind}/{value}: what this node knows about one indicator."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request

from xborder.core.actors import Actor
from xborder.core.clock import utcnow
from xborder.core.indicators import check_kind
from xborder.extract import canonicalize
from xborder.link.indicator_risk import explain_risk
from xborder.store.indicators import get_indicator, indicator_networks, indicator_reports
from xborder.store.marks import risk_evidence
from xborder.web.api._views import iso
from xborder.web.auth import access_indicators, current_actor
from xborder.web.errors import ApiError

router = APIRouter(prefix="/api/v1/indicators", tags=["indicators"])


@router.get("/{kind}/{value:path}", summary="One indicator: counts, networks, newest reports")
def read_indicator(kind: str, value: str, request: Request,
                   actor: Annotated[Actor, Depends(current_actor)]) -> dict[str, Any]:
    access_indicators(actor)
    node = request.app.state.node
    canonical = canonical_from_path(kind, value, node.settings.node_country)
    with node.engine.connect() as conn:
        row = get_indicator(conn, kind, canonical)
        if row is None:
            raise ApiError(404, f"{kind} {canonical} is not known to this node", "value")
        networks = indicator_networks(conn, row.id)
        seen_in = indicator_reports(conn, row.id, limit=50)
        risk = explain_risk(row.kind, row.warninglist, risk_evidence(conn, row.id), utcnow())
    return {
        "kind": row.kind, "value": row.value, "warninglist": row.warninglist,
        "report_count": row.report_count, "first_seen": iso(row.first_seen), "last_seen": iso(row.last_seen),
        "networks": networks, "risk": risk,
        "countries": sorted({r.country for r in seen_in}),
        "reports": [{"id": r.id, "country": r.country, "scam_type": r.scam_type,
                     "reported_at": iso(r.reported_at), "network_id": r.network_id} for r in seen_in],
    }


def canonical_from_path(kind: str, value: str, country: str) -> str:
    """The canonical value an /indicators/{kind}/{value} path names, or a 422 naming the part."""
    try:
        check_kind(kind)
    except ValueError as exc:
        raise ApiError(422, str(exc), "kind") from None
    if not value.strip() or len(value) > 512:
        raise ApiError(422, "value must be 1 to 512 characters", "value")
    try:
        return canonicalize(kind, value, country)
    except ValueError as exc:
        raise ApiError(422, str(exc), "value") from None
