"""/api/v1/reports: file a report, read one, page through them."""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from xborder.actions.reports import submit_report
from xborder.actions.personal import read_reporter
from xborder.core.actors import Actor
from xborder.core.indicators import check_kind
from xborder.core.intake import ReportIn
from xborder.extract import canonicalize
from xborder.store.indicators import get_indicator
from xborder.store.labels import report_labels
from xborder.store.networks import get_network
from xborder.store.reports import ReportFilter, get_report, list_reports, report_indicators
from xborder.web.api._views import indicator_view, iso, money, network_summary, report_summary
from xborder.web.auth import access_reports, current_actor, may_read_personal_data
from xborder.web.errors import ApiError
from xborder.web.lookup_service import note_reports

router = APIRouter(prefix="/api/v1/reports", tags=["reports"])


@router.post("", status_code=201, summary="File a report (open to everyone)")
def post_report(report: ReportIn, request: Request, response: Response,
                actor: Annotated[Actor, Depends(current_actor)]) -> dict[str, Any]:
    node = request.app.state.node
    done = submit_report(node, report, acting=actor, source="api")
    if done.created:
        note_reports(request.app, [done.report_id])  # visible to lookups before we answer
    else:
        response.status_code = 200
    body: dict[str, Any] = {"id": done.report_id, "created": done.created, "network_id": done.network_id,
                            "url": f"/api/v1/reports/{done.report_id}"}
    if done.created and done.classification is not None:
        body["indicators"] = [{"kind": i.kind, "value": i.value, "start": i.start, "end": i.end,
                               "warninglist": i.warninglist} for i in done.indicators]
        c = done.classification
        body["classification"] = {"language": c.language, "scam_probability": round(c.scam_probability, 4),
                                  "scam_type": c.scam_type, "explanation": c.explanation}
    return body


@router.get("/{report_id}", summary="One report with its indicators and network")
def read_report(report_id: int, request: Request, actor: Annotated[Actor, Depends(current_actor)]) -> dict[str, Any]:
    access_reports(actor)
    node = request.app.state.node
    with node.engine.connect() as conn:
        row = get_report(conn, report_id)
        if row is None:
            raise ApiError(404, f"no report {report_id}", "report_id")
        found = report_indicators(conn, report_id)
        history = report_labels(conn, report_id)
        network = get_network(conn, row.network_id) if row.network_id is not None else None
    body = {
        "id": row.id, "external_id": row.external_id, "country": row.country, "channel": row.channel,
        "language": row.language, "text": row.text, "scam_probability": round(row.scam_probability, 4),
        "scam_type": row.scam_type, "province": row.province,
        "loss": None if row.loss_amount is None else {
            "amount": money(row.loss_amount), "currency": row.loss_currency, "thb": money(row.loss_thb)},
        "reported_at": iso(row.reported_at), "incident_at": iso(row.incident_at), "created_at": iso(row.created_at),
        "source": row.source, "status": row.status, "tlp": row.tlp, "relink_needed": row.relink_needed,
        "network": None if network is None else network_summary(network),
        "indicators": [indicator_view(i) for i in found],
        "labels": [{"label": x.label, "by": x.actor, "note": x.note, "at": iso(x.created_at)} for x in history],
    }
    if may_read_personal_data(actor):
        body["reporter"] = read_reporter(node, report_id, acting=actor)
    return body


def _decode_cursor(cursor: str | None) -> int | None:
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor.encode() + b"=" * (-len(cursor) % 4)).decode()
        kind, _, value = raw.partition(":")
        if kind != "r" or not value.isdigit():
            raise ValueError
        return int(value)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ApiError(400, "cursor is not one this node issued", "cursor") from None


def _encode_cursor(report_id: int) -> str:
    return base64.urlsafe_b64encode(f"r:{report_id}".encode()).decode().rstrip("=")


@router.get("", summary="Reports, newest first, filtered, with cursor paging")
def page_reports(
    request: Request,
    actor: Annotated[Actor, Depends(current_actor)],
    country: Annotated[str | None, Query(max_length=2)] = None,
    channel: Annotated[str | None, Query(max_length=16)] = None,
    scam_type: Annotated[str | None, Query(max_length=24)] = None,
    language: Annotated[str | None, Query(max_length=8)] = None,
    network_id: int | None = None,
    indicator: Annotated[str | None, Query(max_length=600, description="kind:value, e.g. phone:+66812345678")] = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> dict[str, Any]:
    access_reports(actor)
    node = request.app.state.node
    before = _decode_cursor(cursor)
    with node.engine.connect() as conn:
        indicator_id = None
        if indicator is not None:
            indicator_id = _indicator_id(conn, indicator, node.settings.node_country)
            if indicator_id is None:
                return {"items": [], "next_cursor": None}
        flt = ReportFilter(country=country.upper() if country else None, channel=channel, scam_type=scam_type,
                           language=language, network_id=network_id, indicator_id=indicator_id,
                           since=since, until=until)
        rows = list_reports(conn, flt, before_id=before, limit=limit + 1)
    items = [report_summary(r) for r in rows[:limit]]
    next_cursor = _encode_cursor(rows[limit - 1].id) if len(rows) > limit else None
    return {"items": items, "next_cursor": next_cursor}


def _indicator_id(conn, spec: str, country: str) -> int | None:
    kind, sep, value = spec.partition(":")
    if not sep or not value:
        raise ApiError(422, "indicator must be kind:value, e.g. phone:+66812345678", "indicator")
    try:
        check_kind(kind)
        canonical = canonicalize(kind, value, country)
    except ValueError as exc:
        raise ApiError(422, str(exc), "indicator") from None
    row = get_indicator(conn, kind, canonical)
    return None if row is None else row.id
