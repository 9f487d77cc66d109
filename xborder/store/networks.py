"""Network queries: one network with its members and key indicators, ranked lists."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Row, func, select

from xborder.store.tables import (
    indicators,
    network_events,
    network_members,
    networks,
    observations,
    reporter_contacts,
    reports,
)


def get_network(conn: Connection, network_id: int):
    return conn.execute(select(networks).where(networks.c.id == network_id)).first()


def list_networks(conn: Connection, *, limit: int, offset: int, min_reports: int = 1,
                  country: str | None = None) -> Sequence[Row[Any]]:
    q = (select(networks).where(networks.c.status == "active", networks.c.report_count >= min_reports))
    if country:
        q = q.where(networks.c.countries.contains(country))
    q = q.order_by(networks.c.priority.desc(), networks.c.id).limit(limit).offset(offset)
    return conn.execute(q).all()


def count_networks(conn: Connection, min_reports: int = 1) -> int:
    return conn.execute(
        select(func.count()).select_from(networks)
        .where(networks.c.status == "active", networks.c.report_count >= min_reports)
    ).scalar_one()


def network_indicators(conn: Connection, network_id: int, limit: int = 50) -> Sequence[Row[Any]]:
    """The network's indicators, most-reported within the network first."""
    in_network = func.count(observations.c.report_id.distinct()).label("reports_in_network")
    return conn.execute(
        select(indicators.c.kind, indicators.c.value, indicators.c.warninglist, in_network)
        .join(observations, observations.c.indicator_id == indicators.c.id)
        .join(network_members, network_members.c.report_id == observations.c.report_id)
        .where(network_members.c.network_id == network_id)
        .group_by(indicators.c.id, indicators.c.kind, indicators.c.value, indicators.c.warninglist)
        .order_by(in_network.desc(), indicators.c.kind, indicators.c.value)
        .limit(limit)
    ).all()


def network_breakdown(conn: Connection, network_id: int, column) -> dict[str, int]:
    rows = conn.execute(
        select(column, func.count())
        .join(network_members, network_members.c.report_id == reports.c.id)
        .where(network_members.c.network_id == network_id)
        .group_by(column)
    ).all()
    return {str(k): cast(int, n) for k, n in rows if k is not None}


def network_history(conn: Connection, network_id: int, limit: int = 50) -> Sequence[Row[Any]]:
    return conn.execute(
        select(network_events).where(network_events.c.network_id == network_id)
        .order_by(network_events.c.id.desc()).limit(limit)
    ).all()


def resolve_network(conn: Connection, network_id: int) -> int | None:
    """Follow merged_into to the live network an old id now belongs to."""
    seen = set()
    current: int | None = network_id
    while current is not None and current not in seen:
        seen.add(current)
        row = conn.execute(select(networks.c.status, networks.c.merged_into)
                           .where(networks.c.id == current)).first()
        if row is None:
            return None
        if row.status == "active":
            return current
        current = row.merged_into
    return None


def network_activity(conn: Connection, network_id: int, now: datetime) -> dict[str, int]:
    """Reports in the last 7 and 30 days and in the 30 days before those."""
    day = timedelta(days=1)
    members = select(network_members.c.report_id).where(network_members.c.network_id == network_id)

    def between(start: datetime, end: datetime) -> int:
        return int(conn.execute(
            select(func.count()).select_from(reports)
            .where(reports.c.id.in_(members.scalar_subquery()),
                   reports.c.reported_at >= start, reports.c.reported_at < end)
        ).scalar_one())

    return {"last_7_days": between(now - 7 * day, now + day), "last_30_days": between(now - 30 * day, now + day),
            "previous_30_days": between(now - 60 * day, now - 30 * day)}


def network_victims(conn: Connection, network_id: int) -> int:
    """Distinct victims: one per victim key, plus one per report that names no one."""
    members = select(network_members.c.report_id).where(network_members.c.network_id == network_id)
    keyed = conn.execute(
        select(func.count(reporter_contacts.c.victim_key.distinct()))
        .where(reporter_contacts.c.report_id.in_(members.scalar_subquery()))
    ).scalar_one()
    unnamed = conn.execute(
        select(func.count()).select_from(network_members)
        .outerjoin(reporter_contacts, reporter_contacts.c.report_id == network_members.c.report_id)
        .where(network_members.c.network_id == network_id, reporter_contacts.c.victim_key.is_(None))
    ).scalar_one()
    return int(keyed) + int(unnamed)
