"""Pseudo-reports: how a partner's word enters this node's intelligence, and leaves it.

A partner indicator (or network) becomes a report with source 'partner' and
the partner's country, observing the indicator values it vouches for. Being
a report, it joins networks through the same linking as a victim's report,
counts as the partner's sighting in indicator risk (store.marks), and shows
in lookups with the partner's country. Its text is a short line naming the
values it observes, so that observation spans point at real text; it never
holds anything of a victim.

Taking the partner's word back (revocation, withdrawal, retention) deletes
the pseudo-report: its observations and network membership go with it
(ON DELETE CASCADE), indicator counts drop, and the networks it sat in get
their totals again. Networks it held together are re-partitioned after the
commit by the caller (recompute.repartition_around), as intake does for hubs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Connection, Integer, bindparam, delete, func, select, update

from xborder.actions.reports import Submitted
from xborder.actions.reports import _store as store_report  # the intake write path, in the caller's transaction
from xborder.classify import Classification
from xborder.core.actors import Actor
from xborder.core.clock import as_utc
from xborder.core.indicators import Indicator
from xborder.core.intake import MAX_TEXT_BYTES, ReportIn
from xborder.core.taxonomy import SCAM_TYPES
from xborder.extract import warninglist_match
from xborder.link.priority import network_priority
from xborder.node import Node
from xborder.store.marks import PARTNER_SOURCE
from xborder.store.partner_objects import PartnerRow
from xborder.store.tables import indicators, network_members, networks, observations, reports

IN_CHUNK = 900
_MAX_EXTERNAL_ID = 128


@dataclass(frozen=True, slots=True)
class Vouched:
    """What one partner object says, as a pseudo-report will carry it."""

    stix_id: str
    what: str  # "indicator" or "network", for the text
    values: tuple[tuple[str, str], ...]  # (kind, canonical value)
    reported_at: datetime
    scam_types: tuple[str, ...]
    confidence: int | None
    tlp: str


def pseudo_external_id(partner: PartnerRow, stix_id: str) -> str:
    """`partner:<name>:<stix id>`; the partner's row id instead of its name when that would not fit."""
    made = f"partner:{partner.name}:{stix_id}"
    return made if len(made) <= _MAX_EXTERNAL_ID else f"partner:#{partner.id}:{stix_id}"


def file_pseudo_report(conn: Connection, node: Node, partner: PartnerRow, vouched: Vouched, *,
                       acting: Actor) -> Submitted:
    """Store and link the pseudo-report of one partner object, in the caller's transaction."""
    text, found = _text_and_spans(partner, vouched)
    report = ReportIn(country=partner.country, channel="other", text=text, reported_at=vouched.reported_at,
                      external_id=pseudo_external_id(partner, vouched.stix_id), tlp=vouched.tlp)
    scam_type = _scam_type(vouched.scam_types)
    verdict = Classification(
        language="en", scam_probability=_probability(vouched.confidence), scam_type=scam_type, type_scores={},
        explanation=f"shared by partner {partner.name} ({partner.country})", truncated=False, model_version="partner",
    )
    return store_report(conn, node, report, found, verdict, None, acting=acting, source=PARTNER_SOURCE)


def update_pseudo_report(conn: Connection, report_id: int, vouched: Vouched) -> None:
    """A newer version that vouches for the same values: its time, scam type and TLP, in place."""
    conn.execute(update(reports).where(reports.c.id == report_id).values(
        reported_at=vouched.reported_at, scam_type=_scam_type(vouched.scam_types),
        scam_probability=_probability(vouched.confidence), tlp=vouched.tlp))
    retime_pseudo_report(conn, report_id, vouched.reported_at)


def retime_pseudo_report(conn: Connection, report_id: int, at: datetime) -> None:
    """Move the report's time (a newer sighting) and widen its network's first/last seen to it."""
    conn.execute(update(reports).where(reports.c.id == report_id).values(reported_at=at))
    network_id = conn.execute(select(network_members.c.network_id)
                              .where(network_members.c.report_id == report_id)).scalar_one_or_none()
    if network_id is not None:
        row = conn.execute(select(networks.c.first_seen, networks.c.last_seen)
                           .where(networks.c.id == network_id)).one()
        first = at if row.first_seen is None else min(as_utc(row.first_seen), at)
        last = at if row.last_seen is None else max(as_utc(row.last_seen), at)
        conn.execute(update(networks).where(networks.c.id == network_id).values(first_seen=first, last_seen=last))


def observed_values(conn: Connection, report_id: int) -> set[tuple[str, str]]:
    return {(r.kind, r.value) for r in conn.execute(
        select(indicators.c.kind, indicators.c.value).join(observations, observations.c.indicator_id == indicators.c.id)
        .where(observations.c.report_id == report_id))}


def reports_by_external_id(conn: Connection, external_ids: Sequence[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    ordered = sorted(set(external_ids))
    for start in range(0, len(ordered), IN_CHUNK):
        part = ordered[start:start + IN_CHUNK]
        out.update({r.external_id: r.id for r in conn.execute(
            select(reports.c.external_id, reports.c.id).where(reports.c.external_id.in_(part)))})
    return out


def partner_reports_citing(conn: Connection, partner: PartnerRow, indicator_ids: Iterable[int],
                           stix_type: str) -> list[tuple[int, int, str]]:
    """(report_id, indicator_id, STIX id) of this partner's pseudo-reports for objects of `stix_type` citing these."""
    prefixes = (f"partner:{partner.name}:", f"partner:#{partner.id}:")
    ids = sorted(set(indicator_ids))
    out: list[tuple[int, int, str]] = []
    for start in range(0, len(ids), IN_CHUNK):
        for r in conn.execute(
            select(observations.c.report_id, observations.c.indicator_id, reports.c.external_id)
            .join(reports, reports.c.id == observations.c.report_id)
            .where(observations.c.indicator_id.in_(ids[start:start + IN_CHUNK]), reports.c.source == PARTNER_SOURCE)
        ):
            for prefix in prefixes:
                if r.external_id and r.external_id.startswith(prefix + stix_type + "--"):
                    out.append((int(r.report_id), int(r.indicator_id), r.external_id[len(prefix):]))
    return out


def still_cited(conn: Connection, indicator_ids: Iterable[int]) -> set[int]:
    """The indicators some report still cites: only their networks can need re-partitioning."""
    ordered = sorted(set(indicator_ids))
    out: set[int] = set()
    for start in range(0, len(ordered), IN_CHUNK):
        found: list[int] = list(conn.execute(select(observations.c.indicator_id).where(
            observations.c.indicator_id.in_(ordered[start:start + IN_CHUNK])).distinct()).scalars())
        out.update(found)
    return out


def withdraw_reports(conn: Connection, report_ids: Iterable[int], now: datetime) -> set[int]:
    """Delete pseudo-reports and undo what they added; returns the indicators they observed."""
    ids = sorted(set(report_ids))
    if not ids:
        return set()
    cited: Counter[int] = Counter()
    touched_networks: set[int] = set()
    for start in range(0, len(ids), IN_CHUNK):
        part = ids[start:start + IN_CHUNK]
        for r in conn.execute(select(observations.c.report_id, observations.c.indicator_id)
                              .where(observations.c.report_id.in_(part)).distinct()):
            cited[int(r.indicator_id)] += 1
        nets: list[int] = list(conn.execute(select(network_members.c.network_id)
                                            .where(network_members.c.report_id.in_(part)).distinct()).scalars())
        touched_networks.update(nets)
        conn.execute(delete(reports).where(reports.c.id.in_(part)))
    _uncount(conn, cited)
    refresh_networks(conn, touched_networks, now)
    return set(cited)


def drop_observations(conn: Connection, pairs: Iterable[tuple[int, int]], now: datetime) -> set[int]:
    """Remove (report_id, indicator_id) observations; a report left observing nothing is withdrawn."""
    by_report: dict[int, set[int]] = defaultdict(set)
    for report_id, indicator_id in pairs:
        by_report[report_id].add(indicator_id)
    if not by_report:
        return set()
    conn.execute(delete(observations).where(observations.c.report_id == bindparam("rid"),
                                            observations.c.indicator_id == bindparam("iid")),
                 [{"rid": r, "iid": i} for r, ind in by_report.items() for i in ind])
    _uncount(conn, Counter(i for ind in by_report.values() for i in ind))
    empty = [r for r in by_report if conn.execute(
        select(func.count()).select_from(observations).where(observations.c.report_id == r)).scalar_one() == 0]
    touched = {i for ind in by_report.values() for i in ind}
    return touched | withdraw_reports(conn, empty, now)


def _uncount(conn: Connection, cited: Counter[int]) -> None:
    if not cited:
        return
    less = indicators.c.report_count - bindparam("n", type_=Integer)
    floor = func.max(less, 0) if conn.dialect.name == "sqlite" else func.greatest(less, 0)
    conn.execute(update(indicators).where(indicators.c.id == bindparam("iid")).values(report_count=floor),
                 [{"iid": i, "n": n} for i, n in sorted(cited.items())])


def refresh_networks(conn: Connection, network_ids: Iterable[int], now: datetime) -> None:
    """Totals of networks that lost members, from the members left; an emptied network is retired."""
    for network_id in sorted(set(network_ids)):
        members = select(network_members.c.report_id).where(network_members.c.network_id == network_id)
        agg = conn.execute(
            select(func.count(), func.coalesce(func.sum(reports.c.loss_thb), 0), func.min(reports.c.reported_at),
                   func.max(reports.c.reported_at)).where(reports.c.id.in_(members.scalar_subquery()))
        ).one()
        count = int(agg[0])
        if count == 0:
            conn.execute(update(networks).where(networks.c.id == network_id).values(
                status="retired", report_count=0, loss_thb=0, priority=0, updated_at=now))
            continue
        countries: list[str] = list(conn.execute(select(reports.c.country).where(
            reports.c.id.in_(members.scalar_subquery())).distinct()).scalars())
        seen = sorted(countries)
        loss = Decimal(str(agg[1]))
        conn.execute(update(networks).where(networks.c.id == network_id).values(
            report_count=count, loss_thb=loss, countries=",".join(seen), first_seen=agg[2], last_seen=agg[3],
            priority=network_priority(loss, count, len(seen)), updated_at=now))


def _text_and_spans(partner: PartnerRow, vouched: Vouched) -> tuple[str, list[Indicator]]:
    head = f"{vouched.what.capitalize()} shared by partner {partner.name} ({partner.country}): "
    text, found = head, []
    for i, (kind, value) in enumerate(vouched.values):
        if i:
            text += "; "
        text += f"{kind} "
        found.append(_indicator(kind, value, len(text), len(text) + len(value)))
        text += value
    if len(text.encode("utf-8")) <= MAX_TEXT_BYTES:
        return text, found
    # A network too large to list: the text says so and every observation
    # points at the start of it (observations are keyed by indicator, so
    # equal spans do not collide).
    text = f"{head}{len(vouched.values)} indicators"
    return text, [_indicator(kind, value, 0, 0) for kind, value in vouched.values]


def _indicator(kind: str, value: str, start: int, end: int) -> Indicator:
    listed = warninglist_match(kind, value)
    return Indicator(kind, value, start, end, {"warninglist": listed} if listed else {})


def _scam_type(scam_types: Sequence[str]) -> str:
    known = [t for t in scam_types if t in SCAM_TYPES]
    return sorted(known, key=SCAM_TYPES.index)[0] if known else "other"


def _probability(confidence: int | None) -> float:
    return 0.5 if confidence is None else max(0.0, min(confidence / 100, 1.0))
