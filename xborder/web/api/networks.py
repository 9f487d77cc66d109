"""/api/v1/networks: gangs ranked by priority, and one network in detail."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from xborder.core.actors import Actor
from xborder.core.clock import utcnow
from xborder.core.money import convert
from xborder.link.centrality import key_indicators
from xborder.link.ranking import FORMULA as PRIORITY_FORMULA
from xborder.link.ranking import priority_scores
from xborder.store.graph import indicator_labels, network_observations
from xborder.store.networks import (
    count_networks,
    get_network,
    list_networks,
    network_breakdown,
    network_history,
    network_activity,
    network_indicators,
    network_victims,
)
from xborder.store.tables import reports
from xborder.web.api._views import iso, money, network_summary
from xborder.web.auth import access_networks, current_actor
from xborder.web.errors import ApiError

router = APIRouter(prefix="/api/v1/networks", tags=["networks"])

# Key indicators read at most this many (report, indicator) pairs: a network
# past it is ranked on the pairs read, by reports (betweenness needs them all).
KEY_OBSERVATIONS = 50_000


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
        body.update(_key_indicators(conn, network_id))
        body["victims"] = network_victims(conn, network_id)
        activity = network_activity(conn, network_id, utcnow())
        body["reports_activity"] = activity
        body.update(_priority_now(row, activity))
        body["loss_usd"] = money(convert(Decimal(row.loss_thb or 0), "THB", "USD", node.settings.rates_per_usd))
        body["history"] = [
            {"event": e.event, "other_network_id": e.other_network_id, "report_id": e.report_id, "at": iso(e.at)}
            for e in network_history(conn, network_id)
        ]
    body["reports_url"] = f"/api/v1/reports?network_id={network_id}"
    return body


def _key_indicators(conn: Any, network_id: int) -> dict[str, Any]:
    """The values to act on first: by betweenness where the network is small enough, else by reports."""
    obs = network_observations(conn, network_id, limit=KEY_OBSERVATIONS)
    ranked = key_indicators(obs.obs_report, obs.obs_indicator, limit=10) if len(obs.obs_report) else []
    if not obs.complete:
        ranked = [replace(k, betweenness=None) for k in ranked]
    names = indicator_labels(conn, [k.indicator_id for k in ranked])
    return {
        "key_indicators": [{"kind": names[k.indicator_id].kind, "value": names[k.indicator_id].value,
                            "reports": k.reports, "betweenness": k.betweenness} for k in ranked],
        "key_indicators_by": "betweenness" if ranked and ranked[0].betweenness is not None else "reports",
    }


def _priority_now(row: Any, activity: dict[str, int]) -> dict[str, Any]:
    """Today's priority with growth, term by term, so investigators see why."""
    countries = len([c for c in row.countries.split(",") if c])
    p = priority_scores([float(row.loss_thb or 0)], [row.report_count], [countries],
                        [activity["last_30_days"]], [activity["previous_30_days"]])
    return {
        "priority_now": float(p.total[0]),
        "priority_components": {"loss": float(p.loss[0]), "size": float(p.size[0]),
                                "border": float(p.border[0]), "growth": float(p.growth[0])},
        "priority_now_formula": PRIORITY_FORMULA,
    }
