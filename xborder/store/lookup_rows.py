"""Queries that load and refresh the lookup index (xborder.lookup).

Times are selected as they are stored (text on SQLite, timestamptz on
PostgreSQL) and turned into seconds by the caller in bulk: parsing millions
of datetimes one by one dominated the index build.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Column, Connection, Engine, String, Table, create_engine, event, func, select, type_coerce

from xborder.store.tables import (
    audit_log,
    indicator_marks,
    indicators,
    labels,
    network_events,
    network_members,
    observations,
    reports,
)
from xborder.store.marks import PARTNER_SOURCE

# Bound parameters per IN list: far below SQLite's limit, small plans on PostgreSQL.
IN_CHUNK = 900


def _raw(col: Column[Any]) -> Any:
    return type_coerce(col, String).label(col.name)


def chunks(ids: Sequence[int], size: int = IN_CHUNK) -> Iterator[list[int]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), size):
        yield ordered[start:start + size]


def indicator_batches(conn: Connection, size: int) -> Iterator[Sequence[Any]]:
    """(id, kind, value, warninglist, report_count, first_seen, last_seen), by id, in batches."""
    stmt = (select(indicators.c.id, indicators.c.kind, indicators.c.value, indicators.c.warninglist,
                   indicators.c.report_count, _raw(indicators.c.first_seen), _raw(indicators.c.last_seen))
            .order_by(indicators.c.id))
    yield from conn.execution_options(yield_per=size).execute(stmt).partitions()


_CITED = (observations.c.indicator_id, observations.c.report_id, _raw(reports.c.reported_at), reports.c.source,
          reports.c.country, reports.c.scam_type, network_members.c.network_id)


def _cited_from(stmt: Any) -> Any:
    return (stmt.select_from(observations)
            .join(reports, reports.c.id == observations.c.report_id)
            .outerjoin(network_members, network_members.c.report_id == observations.c.report_id))


def citation_batches(conn: Connection, size: int) -> Iterator[Sequence[Any]]:
    """(indicator_id, report_id, reported_at, source, country, scam_type, network_id) for every observation.

    In (report_id, indicator_id) order, the primary key's: an indicator
    written twice in one report gives adjacent rows, which the caller drops.
    """
    stmt = _cited_from(select(*_CITED)).order_by(observations.c.report_id, observations.c.indicator_id)
    yield from conn.execution_options(yield_per=size).execute(stmt).partitions()


def all_marks(conn: Connection) -> Sequence[Any]:
    """(indicator_id, verdict, actor, created_at) of every analyst mark."""
    return conn.execute(select(indicator_marks.c.indicator_id, indicator_marks.c.verdict, indicator_marks.c.actor,
                               _raw(indicator_marks.c.created_at))).all()


def partner_sightings(conn: Connection) -> Sequence[Any]:
    """(indicator_id, reported_at, country) of every report that came from a partner."""
    return conn.execute(
        select(observations.c.indicator_id, _raw(reports.c.reported_at), reports.c.country)
        .join(reports, reports.c.id == observations.c.report_id)
        .where(reports.c.source == PARTNER_SOURCE)
    ).all()


# -- change streams: tables whose ids say what is new -----------------------

STREAMS: dict[str, Table] = {"reports": reports, "marks": indicator_marks, "labels": labels,
                             "network_events": network_events}


def stream_tail(conn: Connection, stream: str, window: int) -> tuple[int, list[int]]:
    """The highest id of a stream and every id within `window` below it."""
    table = STREAMS[stream]
    high = int(conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one())
    recent: list[int] = list(conn.execute(select(table.c.id).where(table.c.id > high - window)).scalars())
    return high, recent


def _new(table: Table, high: int, gaps: Sequence[int]) -> Iterator[Any]:
    yield table.c.id > high
    for part in chunks(gaps):
        yield table.c.id.in_(part)


def new_citations(conn: Connection, high: int, gaps: Sequence[int],
                  only: Sequence[int] | None = None) -> list[Any]:
    """New reports (above `high`, or among `gaps`, or exactly `only`) with the indicators they cite.

    (report_id, indicator_id, kind, value, warninglist, report_count, first_seen, last_seen,
    reported_at, source, country, scam_type, network_id); a report citing nothing comes once
    with indicator_id None.
    """
    base = (select(reports.c.id, indicators.c.id, indicators.c.kind, indicators.c.value, indicators.c.warninglist,
                   indicators.c.report_count, _raw(indicators.c.first_seen), _raw(indicators.c.last_seen),
                   _raw(reports.c.reported_at), reports.c.source, reports.c.country, reports.c.scam_type,
                   network_members.c.network_id)
            .select_from(reports)
            .outerjoin(observations, observations.c.report_id == reports.c.id)
            .outerjoin(indicators, indicators.c.id == observations.c.indicator_id)
            .outerjoin(network_members, network_members.c.report_id == reports.c.id))
    conditions = [reports.c.id.in_(part) for part in chunks(only)] if only is not None else _new(reports, high, gaps)
    out: list[Any] = []
    for cond in conditions:
        out.extend(conn.execute(base.where(cond).order_by(reports.c.id)).all())
    return out


def new_marks(conn: Connection, high: int, gaps: Sequence[int]) -> list[Any]:
    """(mark id, indicator_id, kind, value) of marks not seen yet."""
    base = (select(indicator_marks.c.id, indicators.c.id, indicators.c.kind, indicators.c.value)
            .join(indicators, indicators.c.id == indicator_marks.c.indicator_id))
    return [r for cond in _new(indicator_marks, high, gaps) for r in conn.execute(base.where(cond)).all()]


def new_labels(conn: Connection, high: int, gaps: Sequence[int]) -> list[Any]:
    """(label id, report_id) of labels not seen yet."""
    base = select(labels.c.id, labels.c.report_id)
    return [r for cond in _new(labels, high, gaps) for r in conn.execute(base.where(cond)).all()]


def new_network_events(conn: Connection, high: int, gaps: Sequence[int]) -> list[Any]:
    """(event id, network_id, event, other_network_id) of history rows not seen yet."""
    base = select(network_events.c.id, network_events.c.network_id, network_events.c.event,
                  network_events.c.other_network_id)
    return [r for cond in _new(network_events, high, gaps) for r in conn.execute(base.where(cond)).all()]


# -- reloads for indicators whose derived fields changed ----------------------

def evidence_of(conn: Connection, indicator_ids: Sequence[int]) -> tuple[list[Any], list[Any]]:
    """Partner sightings (indicator_id, reported_at, country) and marks
    (indicator_id, verdict, actor, created_at) of these indicators."""
    sightings: list[Any] = []
    for part in chunks(indicator_ids):
        sightings += conn.execute(
            select(observations.c.indicator_id, _raw(reports.c.reported_at), reports.c.country)
            .join(reports, reports.c.id == observations.c.report_id)
            .where(observations.c.indicator_id.in_(part), reports.c.source == PARTNER_SOURCE)
        ).all()
    return sightings, marks_of(conn, indicator_ids)


def indicators_of_reports(conn: Connection, report_ids: Sequence[int]) -> list[int]:
    """Ids of the indicators these reports cite."""
    out: list[int] = []
    for part in chunks(report_ids):
        out += conn.execute(select(observations.c.indicator_id).where(observations.c.report_id.in_(part))
                            .distinct()).scalars()
    return out


def indicators_in_networks(conn: Connection, network_ids: Sequence[int]) -> list[int]:
    """Ids of the indicators cited by the reports of these networks."""
    out: list[int] = []
    for part in chunks(network_ids):
        members = select(network_members.c.report_id).where(network_members.c.network_id.in_(part))
        out += conn.execute(select(observations.c.indicator_id).where(observations.c.report_id.in_(members))
                            .distinct()).scalars()
    return out


def stored_indicators(conn: Connection, indicator_ids: Sequence[int]) -> list[Any]:
    """(id, kind, value, warninglist, report_count, first_seen, last_seen) of these indicators."""
    out: list[Any] = []
    for part in chunks(indicator_ids):
        out += conn.execute(
            select(indicators.c.id, indicators.c.kind, indicators.c.value, indicators.c.warninglist,
                   indicators.c.report_count, _raw(indicators.c.first_seen), _raw(indicators.c.last_seen))
            .where(indicators.c.id.in_(part))
        ).all()
    return out


def citations_of(conn: Connection, indicator_ids: Sequence[int]) -> list[Any]:
    """(indicator_id, report_id, reported_at, source, country, scam_type, network_id) of every
    observation of these indicators (an indicator written twice in a report comes twice)."""
    out: list[Any] = []
    for part in chunks(indicator_ids):
        out += conn.execute(_cited_from(select(*_CITED)).where(observations.c.indicator_id.in_(part))).all()
    return out


def marks_of(conn: Connection, indicator_ids: Sequence[int]) -> list[Any]:
    """(indicator_id, verdict, actor, created_at) of the analysts' marks of these indicators."""
    out: list[Any] = []
    for part in chunks(indicator_ids):
        out += conn.execute(
            select(indicator_marks.c.indicator_id, indicator_marks.c.verdict, indicator_marks.c.actor,
                   _raw(indicator_marks.c.created_at))
            .where(indicator_marks.c.indicator_id.in_(part))
        ).all()
    return out


def audit_high(conn: Connection) -> int:
    """The newest audit seq; the chain grows one committed row at a time, so no id is skipped."""
    return int(conn.execute(select(func.coalesce(func.max(audit_log.c.seq), 0))).scalar_one())


# -- reading without queueing behind writers --------------------------------

def reader_engine(engine: Engine) -> Engine:
    """An engine whose transactions only read.

    The node's SQLite engine opens every transaction with BEGIN IMMEDIATE (the
    write lock, so writers queue instead of failing); the index's build and
    its poller only read, and in WAL mode a plain BEGIN gives them a snapshot
    without holding writers up. PostgreSQL readers never block writers, so
    there the node's engine is used as it is.
    """
    url = engine.url
    if engine.dialect.name != "sqlite" or url.database in (None, "", ":memory:"):
        return engine
    reader = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=2,
                           max_overflow=2)

    @event.listens_for(reader, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA query_only=ON")
        cur.close()

    @event.listens_for(reader, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return reader


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection whose queries all see one consistent state of the database."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn
