"""Report queries: one report with its indicators, filtered pages, counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, func, select

from xborder.store.tables import indicators, network_members, observations, reporter_contacts, reports


@dataclass(frozen=True)
class ReportFilter:
    country: str | None = None
    channel: str | None = None
    scam_type: str | None = None
    language: str | None = None
    network_id: int | None = None
    indicator_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None


def get_report(conn: Connection, report_id: int):
    return conn.execute(
        select(reports, network_members.c.network_id)
        .outerjoin(network_members, network_members.c.report_id == reports.c.id)
        .where(reports.c.id == report_id)
    ).first()


def report_indicators(conn: Connection, report_id: int) -> Sequence[Row[Any]]:
    return conn.execute(
        select(indicators.c.kind, indicators.c.value, indicators.c.warninglist, indicators.c.report_count,
               observations.c.span_start, observations.c.span_end)
        .join(observations, observations.c.indicator_id == indicators.c.id)
        .where(observations.c.report_id == report_id)
        .order_by(observations.c.span_start)
    ).all()


def reporter_ciphertext(conn: Connection, report_id: int) -> bytes | None:
    return conn.execute(
        select(reporter_contacts.c.ciphertext).where(reporter_contacts.c.report_id == report_id)
    ).scalar_one_or_none()


def list_reports(conn: Connection, flt: ReportFilter, *, before_id: int | None, limit: int) -> Sequence[Row[Any]]:
    """Newest first; `before_id` is the keyset cursor (ids only grow)."""
    q = (select(reports.c.id, reports.c.external_id, reports.c.country, reports.c.channel, reports.c.language,
                reports.c.scam_type, reports.c.scam_probability, reports.c.province, reports.c.loss_amount,
                reports.c.loss_currency, reports.c.reported_at, reports.c.text, network_members.c.network_id)
         .outerjoin(network_members, network_members.c.report_id == reports.c.id))
    if flt.country:
        q = q.where(reports.c.country == flt.country)
    if flt.channel:
        q = q.where(reports.c.channel == flt.channel)
    if flt.scam_type:
        q = q.where(reports.c.scam_type == flt.scam_type)
    if flt.language:
        q = q.where(reports.c.language == flt.language)
    if flt.network_id is not None:
        q = q.where(network_members.c.network_id == flt.network_id)
    if flt.indicator_id is not None:
        q = q.where(reports.c.id.in_(
            select(observations.c.report_id).where(observations.c.indicator_id == flt.indicator_id)
        ))
    if flt.since is not None:
        q = q.where(reports.c.reported_at >= flt.since)
    if flt.until is not None:
        q = q.where(reports.c.reported_at < flt.until)
    if before_id is not None:
        q = q.where(reports.c.id < before_id)
    return conn.execute(q.order_by(reports.c.id.desc()).limit(limit)).all()


def count_reports(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(reports)).scalar_one()
