"""/api/v1/networks: gangs ranked by priority, and one network in detail."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from xborder.core.actors import Actor
from xborder.store.networks import (
    count_networks,
    get_network,
    list_networks,
    network_breakdown,
    network_history,
    network_indicators,
)
from xborder.store.tables import reports
from xborder.web.api._views import iso, network_summary
from xborder.web.auth import access_networks, current_actor
from xborder.web.errors import ApiError

router = APIRouter(prefix="/api/v1/networks", tags=["networks"])


@router.get("", summary="Active networks, highest priority first")
def page_networks(
    request: Request,
    actor: Annotated[Actor, Depends(current_actor)],
    min_reports: Annotated[int, Query(ge=1)] = 2,
    country: Annotated[str | None, Query(min_length=2, max_length=2)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> dict[str, Any]:
    access_networks(actor)
    node = request.app.state.node
    with node.engine.connect() as conn:
        rows = list_networks(conn, limit=limit, offset=offset, min_reports=min_reports,
                             country=country.upper() if country else None)
        total = count_networks(conn, min_reports)
    return {"items": [network_summary(r) for r in rows], "total": total, "offset": offset, "limit": limit}


@router.get("/{network_id}", summary="One network: summary, mix, key indicators, history")
def read_network(network_id: int, request: Request,
                 actor: Annotated[Actor, Depends(current_actor)]) -> dict[str, Any]:
    access_networks(actor)
    node = request.app.state.node
    with node.engine.connect() as conn:
        row = get_network(conn, network_id)
        if row is None:
            raise ApiError(404, f"no network {network_id}", "network_id")
        body = network_summary(row)
        body["scam_types"] = network_breakdown(conn, network_id, reports.c.scam_type)
        body["channels"] = network_breakdown(conn, network_id, reports.c.channel)
        body["languages"] = network_breakdown(conn, network_id, reports.c.language)
        body["provinces"] = network_breakdown(conn, network_id, reports.c.province)
        body["indicators"] = [
            {"kind": i.kind, "value": i.value, "warninglist": i.warninglist, "reports": i.reports_in_network}
            for i in network_indicators(conn, network_id)
        ]
        body["history"] = [
            {"event": e.event, "other_network_id": e.other_network_id, "report_id": e.report_id, "at": iso(e.at)}
            for e in network_history(conn, network_id)
        ]
    body["reports_url"] = f"/api/v1/reports?network_id={network_id}"
    return body
