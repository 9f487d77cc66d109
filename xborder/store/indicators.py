"""Indicator rows: upsert on intake, look-ups by (kind, value)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, bindparam, case, select
from sqlalchemy.dialects import postgresql, sqlite

from xborder.store.tables import indicators, network_members, networks, observations, reports


def _upsert(dialect):
    stmt = dialect.insert(indicators).values(
        kind=bindparam("kind"), value=bindparam("value"), warninglist=bindparam("warninglist"),
        report_count=1, first_seen=bindparam("seen_at"), last_seen=bindparam("seen_at"),
    )
    new = stmt.excluded
    return stmt.on_conflict_do_update(
        index_elements=[indicators.c.kind, indicators.c.value],
        set_={
            "report_count": indicators.c.report_count + 1,
            "first_seen": case((new.first_seen < indicators.c.first_seen, new.first_seen),
                               else_=indicators.c.first_seen),
            "last_seen": case((new.last_seen > indicators.c.last_seen, new.last_seen),
                              else_=indicators.c.last_seen),
            "warninglist": new.warninglist,
        },
    ).returning(indicators.c.id)


# Built once: intake runs these thousands of times a second, and building a
# statement costs more than executing a cached one.
_UPSERT = {"sqlite": _upsert(sqlite), "postgresql": _upsert(postgresql)}


def upsert_indicator(conn: Connection, *, kind: str, value: str, warninglist: str | None,
                     seen_at: datetime) -> int:
    """Insert or count one more report for (kind, value); returns the row id."""
    params = {"kind": kind, "value": value, "warninglist": warninglist, "seen_at": seen_at}
    return conn.execute(_UPSERT[conn.dialect.name], params).scalar_one()


def get_indicator(conn: Connection, kind: str, value: str):
    return conn.execute(select(indicators).where(indicators.c.kind == kind, indicators.c.value == value)).first()


def indicator_reports(conn: Connection, indicator_id: int, limit: int = 50):
    """Newest reports that mention the indicator, with their network."""
    return conn.execute(
        select(reports.c.id, reports.c.country, reports.c.scam_type, reports.c.reported_at,
               network_members.c.network_id)
        .join(observations, observations.c.report_id == reports.c.id)
        .outerjoin(network_members, network_members.c.report_id == reports.c.id)
        .where(observations.c.indicator_id == indicator_id)
        .group_by(reports.c.id, reports.c.country, reports.c.scam_type, reports.c.reported_at,
                  network_members.c.network_id)
        .order_by(reports.c.id.desc())
        .limit(limit)
    ).all()


def indicator_networks(conn: Connection, indicator_id: int) -> list[int]:
    return list(conn.execute(
        select(network_members.c.network_id)
        .join(observations, observations.c.report_id == network_members.c.report_id)
        .join(networks, networks.c.id == network_members.c.network_id)
        .where(observations.c.indicator_id == indicator_id, networks.c.status == "active")
        .distinct().order_by(network_members.c.network_id)
    ).scalars())
