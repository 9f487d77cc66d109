"""Graph queries: one network's observations of linkable indicators, and node labels.

Warninglisted indicators are left out here, at the source: a bank's real call
centre quoted by two victims explains nothing about a gang. Every query is
bounded, so a network of 40,000 reports costs one capped read, not the node.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection, Row, exists, func, select

from xborder.store.tables import indicators, network_members, observations, reports

# About 16 MB of pairs in memory; a network this large is drawn from a sample
# and says so (`complete` is False).
MAX_OBSERVATIONS = 1_000_000

Ints = NDArray[np.int64]


@dataclass(frozen=True)
class NetworkObservations:
    obs_report: Ints  # obs_report[k] cites obs_indicator[k], one row per distinct pair
    obs_indicator: Ints
    indicator_reports: Ints  # per row: the indicator's report count over the whole store
    complete: bool  # False when the read stopped at the cap


def network_observations(conn: Connection, network_id: int,
                         limit: int = MAX_OBSERVATIONS) -> NetworkObservations:
    """The network's (report, indicator) pairs over indicators on no warninglist."""
    rows = conn.execute(
        select(observations.c.report_id, observations.c.indicator_id, indicators.c.report_count)
        .join(network_members, network_members.c.report_id == observations.c.report_id)
        .join(indicators, indicators.c.id == observations.c.indicator_id)
        .where(network_members.c.network_id == network_id, indicators.c.warninglist.is_(None))
        .distinct()
        .order_by(observations.c.report_id, observations.c.indicator_id)
        .limit(limit + 1)
    ).all()
    complete = len(rows) <= limit
    table = np.array([tuple(r) for r in rows[:limit]], dtype=np.int64).reshape(-1, 3)
    return NetworkObservations(table[:, 0].copy(), table[:, 1].copy(), table[:, 2].copy(), complete)


def member_count(conn: Connection, network_id: int) -> int:
    return int(conn.execute(
        select(func.count()).select_from(network_members).where(network_members.c.network_id == network_id)
    ).scalar_one())


def unlinked_members(conn: Connection, network_id: int, limit: int) -> list[int]:
    """Members citing no indicator off the warninglists (a report of one bank hotline), smallest ids first."""
    linked = exists().where(observations.c.report_id == network_members.c.report_id,
                            indicators.c.id == observations.c.indicator_id, indicators.c.warninglist.is_(None))
    ids: list[int] = list(conn.execute(
        select(network_members.c.report_id)
        .where(network_members.c.network_id == network_id, ~linked)
        .order_by(network_members.c.report_id).limit(limit)
    ).scalars())
    return ids


def report_network(conn: Connection, report_id: int) -> tuple[bool, int | None]:
    """(whether the report exists, its network id or None)."""
    row = conn.execute(
        select(reports.c.id, network_members.c.network_id)
        .outerjoin(network_members, network_members.c.report_id == reports.c.id)
        .where(reports.c.id == report_id)
    ).first()
    return (False, None) if row is None else (True, row.network_id)


def report_labels(conn: Connection, report_ids: Iterable[int]) -> dict[int, Row[Any]]:
    """id -> (id, country, scam_type, reported_at); callers pass at most a few thousand ids."""
    ids = sorted({int(i) for i in report_ids})
    if not ids:
        return {}
    rows = conn.execute(select(reports.c.id, reports.c.country, reports.c.scam_type, reports.c.reported_at)
                        .where(reports.c.id.in_(ids))).all()
    return {r.id: r for r in rows}


def indicator_labels(conn: Connection, indicator_ids: Iterable[int]) -> dict[int, Row[Any]]:
    """id -> (id, kind, value); callers pass at most a few thousand ids."""
    ids = sorted({int(i) for i in indicator_ids})
    if not ids:
        return {}
    rows = conn.execute(select(indicators.c.id, indicators.c.kind, indicators.c.value)
                        .where(indicators.c.id.in_(ids))).all()
    return {r.id: r for r in rows}
