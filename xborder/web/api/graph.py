"""Why reports are linked: one network as a bounded graph, and the chain between two reports."""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np
from fastapi import APIRouter, Depends, Query, Request

from xborder.core.actors import Actor
from xborder.link.network_graph import NetworkGraph, network_graph
from xborder.link.paths import shortest_path
from xborder.store.graph import (
    NetworkObservations,
    indicator_labels,
    member_count,
    network_observations,
    report_labels,
    report_network,
    unlinked_members,
)
from xborder.store.networks import get_network, resolve_network
from xborder.web.api._views import iso
from xborder.web.auth import access_networks, access_reports, current_actor
from xborder.web.errors import ApiError

router = APIRouter(tags=["graph"])

# The rule intake links with; a chain through a hub would explain nothing.


@router.get("/api/v1/networks/{network_id}/graph", summary="One network's reports and indicators as nodes and edges")
def read_network_graph(
    network_id: int,
    request: Request,
    actor: Annotated[Actor, Depends(current_actor)],
    limit: Annotated[int, Query(ge=2, le=2000, description="most nodes (reports + indicators) returned")] = 300,
) -> dict[str, Any]:
    access_networks(actor)
    node = request.app.state.node
    with node.engine.connect() as conn:
        row = get_network(conn, network_id)
        if row is None:
            raise ApiError(404, f"no network {network_id}", "network_id")
        if row.status != "active":
            return _retired_body(row, resolve_network(conn, network_id), limit)
        obs = network_observations(conn, network_id)
        members = member_count(conn, network_id)
        graph = network_graph(obs.obs_report, obs.obs_indicator, max_nodes=limit)
        room = limit - len(graph.report_ids) - len(graph.indicator_ids)
        alone = unlinked_members(conn, network_id, room) if room > 0 and members > graph.total_reports else []
        shown_reports = [*graph.report_ids.tolist(), *alone]
        reports = report_labels(conn, shown_reports)
        indicators = indicator_labels(conn, graph.indicator_ids.tolist())
    report_degree = _report_degrees(obs)
    nodes = [_report_node(reports[r]) | {"degree": report_degree.get(r, 0)} for r in shown_reports]
    nodes += [_indicator_node(indicators[i]) | {"degree": int(d)}
              for i, d in zip(graph.indicator_ids.tolist(), graph.indicator_reports)]
    return {"network_id": network_id, "status": row.status, "merged_into": None, "nodes": nodes,
            "edges": [{"report": int(r), "indicator": int(i)} for r, i in graph.edges],
            "summary": _summary(graph, members, len(shown_reports), obs.complete, limit)}


@router.get("/api/v1/reports/{a}/path/{b}", summary="The shortest chain of shared indicators between two reports")
def read_report_path(a: int, b: int, request: Request,
                     actor: Annotated[Actor, Depends(current_actor)]) -> dict[str, Any]:
    access_reports(actor)
    node = request.app.state.node
    with node.engine.connect() as conn:
        networks = {}
        for field, report_id in (("a", a), ("b", b)):
            found, networks[field] = report_network(conn, report_id)
            if not found:
                raise ApiError(404, f"no report {report_id}", field)
        body: dict[str, Any] = {"from": a, "to": b, "network_id": None, "path": None, "reason": None}
        if networks["a"] is None or networks["a"] != networks["b"]:
            # Reports share a linkable indicator only inside one network.
            return body | {"reason": "not in the same network"}
        body["network_id"] = networks["a"]
        obs = network_observations(conn, networks["a"])
        chain = shortest_path(obs.obs_report, obs.obs_indicator, a, b,
                              indicator_reports=obs.indicator_reports, params=node.settings.link_params)
        if chain is None:
            return body | {"reason": "no chain of linkable indicators inside the network"}
        reports = report_labels(conn, chain.reports)
        indicators = indicator_labels(conn, chain.indicators)
    steps = [_report_node(reports[chain.reports[0]])]
    for indicator_id, report_id in zip(chain.indicators, chain.reports[1:]):
        steps += [_indicator_node(indicators[indicator_id]), _report_node(reports[report_id])]
    return body | {"path": steps, "length": len(chain.indicators)}


def _report_node(row: Any) -> dict[str, Any]:
    at = iso(row.reported_at)
    return {"kind": "report", "id": row.id, "label": f"{row.country}, {row.scam_type}, {(at or '')[:10]}",
            "country": row.country, "scam_type": row.scam_type, "reported_at": at}


def _indicator_node(row: Any) -> dict[str, Any]:
    return {"kind": "indicator", "id": row.id, "label": f"{row.kind} {row.value}",
            "indicator_kind": row.kind, "value": row.value}


def _report_degrees(obs: NetworkObservations) -> dict[int, int]:
    # Rows are distinct (report, indicator) pairs: a report's row count is its degree.
    ids, counts = np.unique(obs.obs_report, return_counts=True)
    return dict(zip(ids.tolist(), counts.tolist()))


def _summary(graph: NetworkGraph, members: int, shown_reports: int, complete: bool, limit: int) -> dict[str, Any]:
    shown = {"reports": shown_reports, "indicators": len(graph.indicator_ids), "edges": len(graph.edges)}
    total = {"reports": members, "indicators": graph.total_indicators, "edges": graph.total_edges}
    left_out = {k: max(total[k] - shown[k], 0) for k in total}
    return {**total, "shown": shown, "left_out": left_out, "truncated": any(left_out.values()) or not complete,
            "complete": complete, "limit": limit}


def _retired_body(row: Any, live: int | None, limit: int) -> dict[str, Any]:
    # A merged network's reports now belong to another; point there instead of drawing nothing silently.
    empty = {"reports": 0, "indicators": 0, "edges": 0}
    return {"network_id": row.id, "status": row.status, "merged_into": row.merged_into, "live_network_id": live,
            "graph_url": None if live is None else f"/api/v1/networks/{live}/graph",
            "nodes": [], "edges": [],
            "summary": {**empty, "shown": empty, "left_out": empty, "truncated": False, "complete": True,
                        "limit": limit}}
