"""Join a newly stored report into the networks of the indicators it shares.

Where the report goes is `xborder.link.incremental.plan_join`: an exact
union below giant_size, a provisional place (flagged for
`xborder link --pending`) in a component above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Connection, update

from xborder.link.incremental import JoinPlan, Neighbour, plan_join
from xborder.link.params import LinkParams
from xborder.link.priority import network_priority
from xborder.store.intake_writes import IntakeWriter, in_list
from xborder.store.tables import network_events, network_members, networks

# Members only ever point at live networks (a merge moves them, a recompute
# rewrites them), so no status filter: with one, SQLite walks every active
# network through the status index instead of the few the subquery names.
_NEIGHBOURS = (
    "SELECT id, report_count, loss_thb, countries, first_seen, last_seen, component FROM networks "
    "WHERE id IN (SELECT nm.network_id FROM observations o "
    "JOIN network_members nm ON nm.report_id = o.report_id WHERE o.indicator_id IN ({ids}))"
)
_ADD_MEMBER = "INSERT INTO network_members (report_id, network_id) VALUES (:report_id, :network_id)"
_NEW_NETWORK = (
    "INSERT INTO networks (status, report_count, loss_thb, countries, priority, first_seen, last_seen, "
    "created_at, updated_at) VALUES ('active', 1, :loss, :country, :priority, :seen, :seen, :now, :now) "
    "RETURNING id"
)
_STATS = ("UPDATE networks SET report_count = :count, loss_thb = :loss, countries = :countries, "
          "first_seen = :first, last_seen = :last, priority = :priority, updated_at = :now WHERE id = :id")


@dataclass(frozen=True)
class LinkResult:
    network_id: int
    merged: tuple[int, ...] = ()
    provisional: bool = False  # in a component above giant_size: `xborder link --pending` re-splits it


@dataclass
class _Neighbour:
    id: int
    report_count: int
    loss_thb: Decimal
    countries: str
    first_seen: datetime | None
    last_seen: datetime | None
    component: int | None = None


def link_report(conn: Connection, *, report_id: int, indicator_ids: list[int], country: str,
                loss_thb: Decimal | None, reported_at: datetime, now: datetime,
                params: LinkParams = LinkParams()) -> LinkResult:
    """Union the report with every network that shares a linkable indicator.

    `indicator_ids` must already exclude warninglisted indicators and hubs
    (`incremental.decide_links`): a bank's real hotline quoted by thousands
    of victims links none of them. The report is not a member of any network
    yet, so it cannot find itself.
    """
    db = IntakeWriter(conn)
    try:
        found = _neighbours(db, indicator_ids)
        plan = plan_join((Neighbour(n.id, n.report_count, n.component) for n in found), params)
        if plan.target is None:
            return LinkResult(_new_network(db, report_id, country, loss_thb, reported_at, now))
        db.run(_ADD_MEMBER, {"report_id": report_id, "network_id": plan.target})
        if plan.absorbed:
            _move_members(conn, plan.target, plan.absorbed, report_id, now)
        if plan.provisional:
            _key_component(conn, plan)
        # Every network keeps exact running totals, so the union's totals are
        # their sum: O(networks joined), however many reports they hold.
        joined = [n for n in found if n.id == plan.target or n.id in plan.absorbed]
        joined.sort(key=lambda n: n.id != plan.target)
        _add_one(db, _combined(joined), country, loss_thb, reported_at, now)
        return LinkResult(plan.target, plan.absorbed, plan.provisional)
    finally:
        db.close()


def _key_component(conn: Connection, plan: JoinPlan) -> None:
    if plan.regroup:
        conn.execute(update(networks).where(networks.c.id.in_(plan.regroup)).values(component=plan.component))
    if plan.rekey:
        conn.execute(update(networks).where(networks.c.component.in_(plan.rekey)).values(component=plan.component))


def _neighbours(db: IntakeWriter, indicator_ids: list[int]) -> list[_Neighbour]:
    if not indicator_ids:
        return []
    placeholders, names = in_list("i", len(indicator_ids))
    rows = db.all(_NEIGHBOURS.format(ids=placeholders), dict(zip(names, indicator_ids)))
    return [_Neighbour(r[0], r[1], Decimal(str(r[2] or 0)), r[3], db.parse_time(r[4]), db.parse_time(r[5]), r[6])
            for r in rows]


def _new_network(db: IntakeWriter, report_id: int, country: str, loss_thb: Decimal | None,
                 reported_at: datetime, now: datetime) -> int:
    loss = loss_thb or Decimal(0)
    row = db.one(_NEW_NETWORK, {"loss": loss, "country": country, "priority": network_priority(loss, 1, 1),
                                "seen": reported_at, "now": now})
    if row is None:
        raise RuntimeError("network insert returned no id")
    network_id: int = row[0]
    # No history row for a creation: created_at on the network says it, and
    # intake writes one row fewer per new report.
    db.run(_ADD_MEMBER, {"report_id": report_id, "network_id": network_id})
    return network_id


def _add_one(db: IntakeWriter, n: _Neighbour, country: str, loss_thb: Decimal | None,
             reported_at: datetime, now: datetime) -> None:
    # One more report: O(1) instead of re-aggregating a network of thousands.
    count = n.report_count + 1
    loss = n.loss_thb + (loss_thb or 0)
    countries = sorted(set(filter(None, n.countries.split(","))) | {country})
    first = reported_at if n.first_seen is None else min(n.first_seen, reported_at)
    last = reported_at if n.last_seen is None else max(n.last_seen, reported_at)
    db.run(_STATS, {"id": n.id, "count": count, "loss": loss, "countries": ",".join(countries), "first": first,
                    "last": last, "priority": network_priority(loss, count, len(countries)), "now": now})


def _combined(found: list[_Neighbour]) -> _Neighbour:
    """The target (first) network with the totals of all of them."""
    firsts = [n.first_seen for n in found if n.first_seen is not None]
    lasts = [n.last_seen for n in found if n.last_seen is not None]
    countries = sorted({c for n in found for c in n.countries.split(",") if c})
    return _Neighbour(found[0].id, sum(n.report_count for n in found), sum((n.loss_thb for n in found), Decimal(0)),
                      ",".join(countries), min(firsts) if firsts else None, max(lasts) if lasts else None)


def _move_members(conn: Connection, target: int, absorbed: tuple[int, ...], report_id: int, now: datetime) -> None:
    conn.execute(update(network_members).where(network_members.c.network_id.in_(absorbed))
                 .values(network_id=target))
    conn.execute(update(networks).where(networks.c.id.in_(absorbed))
                 .values(status="merged", merged_into=target, updated_at=now))
    conn.execute(network_events.insert(), [
        {"network_id": target, "event": "merged", "other_network_id": nid, "report_id": report_id, "at": now}
        for nid in absorbed
    ])
