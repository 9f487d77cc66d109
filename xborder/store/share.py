"""What the publisher reads and writes: watermarks, the rows facts are made of, object versions.

Nothing here reads reporter_contacts: sharing is built from intelligence
tables only (reports' metadata, observations, indicators, marks, networks).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Column, Connection, bindparam, func, insert, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from xborder.core.clock import as_utc
from xborder.store.marks import PARTNER_SOURCE
from xborder.store.tables import (
    indicator_marks,
    indicators,
    labels,
    network_members,
    networks,
    node_state,
    observations,
    reports,
    share_objects,
)

# IN lists stay well under SQLite's and psycopg's parameter limits.
CHUNK = 5000
# An id missing below the highest one read may belong to a transaction that
# has not committed yet (PostgreSQL hands out ids before commit); such gaps
# are read again on each run for this long, then taken to be rollbacks.
GAP_TTL = timedelta(minutes=10)
MAX_GAPS = 200
ONE_MICROSECOND = timedelta(microseconds=1)
# Any constant: the key of the PostgreSQL advisory lock publishers take.
_PUBLISH_LOCK = 7_204_311_906


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


# --- named watermarks ---------------------------------------------------------------

def read_state(conn: Connection, name: str) -> Any:
    """The JSON value stored under `name`, or None."""
    raw = conn.execute(select(node_state.c.value).where(node_state.c.name == name)).scalar_one_or_none()
    return None if raw is None else json.loads(raw)


def write_state(conn: Connection, name: str, value: Any, now: datetime) -> None:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(node_state).values(name=name, value=json.dumps(value, sort_keys=True), updated_at=now)
    conn.execute(stmt.on_conflict_do_update(index_elements=[node_state.c.name],
                                            set_={"value": stmt.excluded.value, "updated_at": now}))


@dataclass
class IdMark:
    """How far a table has been read by id: everything up to `last`, except the gaps."""

    last: int = 0
    gaps: tuple[tuple[int, int, str], ...] = ()  # (low, high, first noticed, ISO time)

    @classmethod
    def load(cls, value: Any) -> IdMark:
        if not value:
            return cls()
        return cls(int(value["last"]), tuple((int(lo), int(hi), str(at)) for lo, hi, at in value.get("gaps", [])))

    def dump(self) -> dict[str, Any]:
        return {"last": self.last, "gaps": [list(g) for g in self.gaps]}

    def window(self, column: Column[Any]) -> Any:
        """The rows not read yet: above `last`, or in a gap."""
        return or_(column > self.last, *(column.between(lo, hi) for lo, hi, _ in self.gaps))

    def advance(self, found: Iterable[int], now: datetime) -> IdMark:
        """The mark after reading `found` from this window."""
        seen = sorted(set(found))
        top = max([self.last, *seen[-1:]])
        fresh = [(lo, hi, at) for lo, hi, at in self.gaps if as_utc(datetime.fromisoformat(at)) > now - GAP_TTL]
        stamp = now.isoformat()
        above = [i for i in seen if i > self.last]
        fresh += _missing(self.last, above, stamp)
        inside = set(seen)
        gaps: list[tuple[int, int, str]] = []
        for lo, hi, at in fresh:
            gaps += _split(lo, hi, at, inside)
        # Oldest dropped first when there are too many: they are the likeliest rollbacks.
        gaps.sort(key=lambda g: g[2])
        return IdMark(top, tuple(gaps[-MAX_GAPS:]))


def _missing(last: int, ids: list[int], stamp: str) -> list[tuple[int, int, str]]:
    out, prev = [], last
    for i in ids:
        if i > prev + 1:
            out.append((prev + 1, i - 1, stamp))
        prev = max(prev, i)
    return out


def _split(lo: int, hi: int, at: str, found: set[int]) -> list[tuple[int, int, str]]:
    if hi - lo > 10_000:
        return [(lo, hi, at)]  # a rolled-back bulk import: nothing to split cheaply, wait for the TTL
    out, start = [], None
    for i in range(lo, hi + 1):
        if i in found:
            if start is not None:
                out.append((start, i - 1, at))
                start = None
        elif start is None:
            start = i
    if start is not None:
        out.append((start, hi, at))
    return out


# --- what changed ---------------------------------------------------------------------

def new_report_indicators(conn: Connection, mark: IdMark) -> tuple[set[int], list[int]]:
    """Indicators of reports filed since `mark` (local ones), and every report id read."""
    rows = conn.execute(
        select(reports.c.id, reports.c.source, observations.c.indicator_id)
        .outerjoin(observations, observations.c.report_id == reports.c.id)
        .where(mark.window(reports.c.id))
    ).all()
    found = {r.indicator_id for r in rows if r.indicator_id is not None and r.source != PARTNER_SOURCE}
    return found, [r.id for r in rows]


def new_label_indicators(conn: Connection, mark: IdMark) -> tuple[set[int], list[int]]:
    """Indicators of reports whose label changed since `mark` (a scam type is part of the facts)."""
    rows = conn.execute(
        select(labels.c.id, observations.c.indicator_id)
        .outerjoin(observations, observations.c.report_id == labels.c.report_id)
        .where(mark.window(labels.c.id))
    ).all()
    return {r.indicator_id for r in rows if r.indicator_id is not None}, [r.id for r in rows]


def new_mark_indicators(conn: Connection, mark: IdMark) -> tuple[set[int], list[int]]:
    rows = conn.execute(select(indicator_marks.c.id, indicator_marks.c.indicator_id)
                        .where(mark.window(indicator_marks.c.id))).all()
    return {r.indicator_id for r in rows}, [r.id for r in rows]


def tlp_overrides(conn: Connection) -> dict[int, str]:
    """Every analyst TLP on an indicator (few: most take their reports' TLP)."""
    return {r.id: r.tlp for r in conn.execute(select(indicators.c.id, indicators.c.tlp)
                                              .where(indicators.c.tlp.is_not(None)))}


def all_local_indicator_ids(conn: Connection) -> list[int]:
    """Every indicator a local report mentions: what a full publish looks at."""
    local = select(reports.c.id).where(reports.c.source != PARTNER_SOURCE)
    return list(conn.execute(select(observations.c.indicator_id).where(observations.c.report_id.in_(local))
                             .distinct().order_by(observations.c.indicator_id)).scalars())


def networks_changed_since(conn: Connection, since: datetime | None) -> list[tuple[int, datetime]]:
    q = select(networks.c.id, networks.c.updated_at)
    if since is not None:
        q = q.where(networks.c.updated_at > since)
    return [(r.id, as_utc(r.updated_at)) for r in conn.execute(q.order_by(networks.c.id))]


def networks_of_indicators(conn: Connection, indicator_ids: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for part in chunks(indicator_ids):
        found.update(conn.execute(
            select(network_members.c.network_id).distinct()
            .join(observations, observations.c.report_id == network_members.c.report_id)
            .where(observations.c.indicator_id.in_(part))).scalars())
    return found


# --- the rows facts are made of -------------------------------------------------------

@dataclass(frozen=True)
class IndicatorRows:
    """One chunk of indicators with their local reports and analysts' marks."""

    indicators: list[Any]  # id, kind, value, warninglist, tlp
    reports: list[Any]  # indicator_id, report_id, reported_at, country, tlp, scam_type
    marks: list[Any]  # indicator_id, verdict, actor, created_at


def indicator_rows(conn: Connection, ids: Sequence[int]) -> IndicatorRows:
    found = conn.execute(select(indicators.c.id, indicators.c.kind, indicators.c.value, indicators.c.warninglist,
                                indicators.c.tlp).where(indicators.c.id.in_(ids)).order_by(indicators.c.id)).all()
    cited = conn.execute(
        select(observations.c.indicator_id, reports.c.id.label("report_id"), reports.c.reported_at,
               reports.c.country, reports.c.tlp, reports.c.scam_type).distinct()
        .join(reports, reports.c.id == observations.c.report_id)
        .where(observations.c.indicator_id.in_(ids), reports.c.source != PARTNER_SOURCE)
    ).all()
    marks = conn.execute(select(indicator_marks.c.indicator_id, indicator_marks.c.verdict, indicator_marks.c.actor,
                                indicator_marks.c.created_at)
                         .where(indicator_marks.c.indicator_id.in_(ids))).all()
    return IndicatorRows(list(found), list(cited), list(marks))


@dataclass(frozen=True)
class NetworkRows:
    network: Any  # id, status, first_seen, last_seen
    reports: list[Any]  # report_id, reported_at, country, scam_type, loss_thb, tlp (local only)
    indicator_ids: list[int]  # every indicator its local reports cite


def network_rows(conn: Connection, ids: Sequence[int]) -> list[NetworkRows]:
    out: list[NetworkRows] = []
    for part in chunks(ids, 1000):
        nets = conn.execute(select(networks.c.id, networks.c.status).where(networks.c.id.in_(part))).all()
        members = conn.execute(
            select(network_members.c.network_id, reports.c.id.label("report_id"), reports.c.reported_at,
                   reports.c.country, reports.c.scam_type, reports.c.loss_thb, reports.c.tlp)
            .join(reports, reports.c.id == network_members.c.report_id)
            .where(network_members.c.network_id.in_(part), reports.c.source != PARTNER_SOURCE)).all()
        cited = conn.execute(
            select(network_members.c.network_id, observations.c.indicator_id).distinct()
            .join(observations, observations.c.report_id == network_members.c.report_id)
            .join(reports, reports.c.id == network_members.c.report_id)
            .where(network_members.c.network_id.in_(part), reports.c.source != PARTNER_SOURCE)).all()
        by_net: dict[int, list[Any]] = {}
        for m in members:
            by_net.setdefault(m.network_id, []).append(m)
        ind_by_net: dict[int, list[int]] = {}
        for c in cited:
            ind_by_net.setdefault(c.network_id, []).append(c.indicator_id)
        out += [NetworkRows(n, by_net.get(n.id, []), ind_by_net.get(n.id, [])) for n in nets]
    return out


def indicator_keys(conn: Connection, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    out: dict[int, tuple[str, str]] = {}
    for part in chunks(ids):
        out.update({r.id: (r.kind, r.value) for r in conn.execute(
            select(indicators.c.id, indicators.c.kind, indicators.c.value).where(indicators.c.id.in_(part)))})
    return out


# --- object versions ------------------------------------------------------------------

@dataclass(frozen=True)
class Version:
    """The newest stored version of one object for one audience."""

    seq: int
    stix_id: str
    modified: str
    tlp: str
    confidence: int | None
    revoked: bool
    audience: int | None
    body: str


@dataclass(frozen=True)
class NewVersion:
    stix_id: str
    stix_type: str
    modified: str
    kind: str | None
    tlp: str
    confidence: int | None
    revoked: bool
    body: str
    audience: int | None = None
    replaces: int | None = None  # seq of the version it supersedes


def lock_publishing(conn: Connection) -> None:
    """Serialise publishers, so that seq and date_added grow in commit order.

    SQLite already has one writer at a time (BEGIN IMMEDIATE). On PostgreSQL
    a transaction-scoped advisory lock: a TAXII reader that has seen seq n
    can then never later see a committed seq below n appear.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PUBLISH_LOCK})


def latest_versions(conn: Connection, stix_ids: Iterable[str]) -> dict[tuple[str, int | None], Version]:
    """(stix_id, audience) -> its newest version."""
    out: dict[tuple[str, int | None], Version] = {}
    c = share_objects.c
    for part in chunks(sorted(set(stix_ids))):
        # By stix_id alone, so that the planner takes the (stix_id, modified)
        # index; with `latest` in the WHERE, SQLite scans every latest row.
        for r in conn.execute(select(c.seq, c.stix_id, c.modified, c.tlp, c.confidence, c.revoked, c.audience, c.body,
                                     c.latest).where(c.stix_id.in_(part))):
            if not r.latest:
                continue
            out[(r.stix_id, r.audience)] = Version(r.seq, r.stix_id, r.modified, r.tlp, r.confidence, bool(r.revoked),
                                                   r.audience, r.body)
    return out


def latest_modified(conn: Connection, stix_ids: Iterable[str]) -> dict[str, str]:
    """stix_id -> the `modified` of its newest version for any audience (versions must still grow)."""
    out: dict[str, str] = {}
    c = share_objects.c
    for part in chunks(sorted(set(stix_ids))):
        for r in conn.execute(select(c.stix_id, c.modified).where(c.stix_id.in_(part))
                              .order_by(c.seq)):
            out[r.stix_id] = r.modified
    return out


def audience_latest(conn: Connection, audience: int, stix_type: str) -> dict[str, Version]:
    """Newest version of every object of one type built for one agreement."""
    c = share_objects.c
    rows = conn.execute(select(c.seq, c.stix_id, c.modified, c.tlp, c.confidence, c.revoked, c.audience, c.body)
                        .where(c.latest.is_(True), c.audience == audience, c.stix_type == stix_type)).all()
    return {r.stix_id: Version(r.seq, r.stix_id, r.modified, r.tlp, r.confidence, bool(r.revoked), r.audience,
                               r.body) for r in rows}


def add_versions(conn: Connection, rows: Sequence[NewVersion], now: datetime) -> int:
    """Store new versions (the old ones stop being latest); call under lock_publishing.

    date_added grows strictly with seq, one microsecond apart at least, so
    that a client paging by `added_after` (the X-TAXII-Date-Added-Last of its
    last page) can neither skip nor repeat an object.
    """
    if not rows:
        return 0
    replaced = [{"old": r.replaces} for r in rows if r.replaces is not None]
    if replaced:
        conn.execute(update(share_objects).where(share_objects.c.seq == bindparam("old"))
                     .values(latest=False), replaced)
    last = conn.execute(select(func.max(share_objects.c.date_added))).scalar_one_or_none()
    start = now if last is None else max(now, as_utc(last) + ONE_MICROSECOND)
    conn.execute(insert(share_objects), [
        {"stix_id": r.stix_id, "stix_type": r.stix_type, "spec_version": "2.1", "modified": r.modified,
         "date_added": start + i * ONE_MICROSECOND, "latest": True, "kind": r.kind, "tlp": r.tlp,
         "confidence": r.confidence, "revoked": r.revoked, "body": r.body, "audience": r.audience}
        for i, r in enumerate(rows)
    ])
    return len(rows)


def refresh_statistics(conn: Connection) -> None:
    """After a large publication, let PostgreSQL's planner know share_objects' new size.

    With the statistics of a near-empty table it pages a collection by
    sorting every matching row instead of walking the seq index.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("ANALYZE share_objects"))
