"""Join a newly stored report into the networks of the indicators it shares."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Connection, func, insert, select, update

from xborder.core.clock import as_utc
from xborder.link.priority import network_priority
from xborder.store.tables import network_events, network_members, networks, observations, reports


@dataclass(frozen=True)
class LinkResult:
    network_id: int
    merged: tuple[int, ...] = ()


def link_report(conn: Connection, *, report_id: int, indicator_ids: list[int], country: str,
                loss_thb: Decimal | None, reported_at: datetime, now: datetime) -> LinkResult:
    """Union the report with every network that shares a linkable indicator.

    `indicator_ids` must already exclude warninglisted indicators: an official
    hotline mentioned by thousands of victims links none of them.
    """
    found: list[tuple[int, int]] = []
    if indicator_ids:
        found = conn.execute(
            select(networks.c.id, networks.c.report_count)
            .where(networks.c.id.in_(
                select(network_members.c.network_id)
                .join(observations, observations.c.report_id == network_members.c.report_id)
                .where(observations.c.indicator_id.in_(indicator_ids))
                .where(observations.c.report_id != report_id)
                .distinct()
                .scalar_subquery()
            ))
            .where(networks.c.status == "active")
        ).all()
    if not found:
        return LinkResult(_new_network(conn, report_id, country, loss_thb, reported_at, now))

    # The biggest network absorbs the others so that the most-cited id survives.
    found.sort(key=lambda row: (-row[1], row[0]))
    target = found[0][0]
    absorbed = tuple(nid for nid, _ in found[1:])
    conn.execute(insert(network_members).values(report_id=report_id, network_id=target))
    if absorbed:
        conn.execute(update(network_members).where(network_members.c.network_id.in_(absorbed))
                     .values(network_id=target))
        conn.execute(update(networks).where(networks.c.id.in_(absorbed))
                     .values(status="merged", merged_into=target, updated_at=now))
        conn.execute(insert(network_events), [
            {"network_id": target, "event": "merged", "other_network_id": nid, "report_id": report_id, "at": now}
            for nid in absorbed
        ])
    if absorbed:
        _refresh_stats(conn, target, now)
    else:
        _add_to_stats(conn, target, country, loss_thb, reported_at, now)
    return LinkResult(target, absorbed)


def _new_network(conn: Connection, report_id: int, country: str, loss_thb: Decimal | None,
                 reported_at: datetime, now: datetime) -> int:
    loss = loss_thb or Decimal(0)
    network_id = conn.execute(insert(networks).values(
        status="active", report_count=1, loss_thb=loss, countries=country,
        priority=network_priority(loss, 1, 1), first_seen=reported_at, last_seen=reported_at,
        created_at=now, updated_at=now,
    ).returning(networks.c.id)).scalar_one()
    conn.execute(insert(network_members).values(report_id=report_id, network_id=network_id))
    conn.execute(insert(network_events).values(network_id=network_id, event="created", report_id=report_id, at=now))
    return network_id


def _add_to_stats(conn: Connection, network_id: int, country: str, loss_thb: Decimal | None,
                  reported_at: datetime, now: datetime) -> None:
    # One more report: O(1) instead of re-aggregating a network of thousands.
    row = conn.execute(
        select(networks.c.report_count, networks.c.loss_thb, networks.c.countries,
               networks.c.first_seen, networks.c.last_seen).where(networks.c.id == network_id)
    ).one()
    count = row.report_count + 1
    loss = Decimal(row.loss_thb or 0) + (loss_thb or 0)
    countries = sorted(set(filter(None, row.countries.split(","))) | {country})
    first = reported_at if row.first_seen is None else min(as_utc(row.first_seen), as_utc(reported_at))
    last = reported_at if row.last_seen is None else max(as_utc(row.last_seen), as_utc(reported_at))
    conn.execute(update(networks).where(networks.c.id == network_id).values(
        report_count=count, loss_thb=loss, countries=",".join(countries), first_seen=first, last_seen=last,
        priority=network_priority(loss, count, len(countries)), updated_at=now,
    ))


def _refresh_stats(conn: Connection, network_id: int, now: datetime) -> None:
    members = select(network_members.c.report_id).where(network_members.c.network_id == network_id)
    agg = conn.execute(
        select(func.count(), func.coalesce(func.sum(reports.c.loss_thb), 0),
               func.min(reports.c.reported_at), func.max(reports.c.reported_at))
        .where(reports.c.id.in_(members.scalar_subquery()))
    ).one()
    countries = sorted(conn.execute(
        select(reports.c.country).where(reports.c.id.in_(members.scalar_subquery())).distinct()
    ).scalars())
    count, loss, first, last = agg
    conn.execute(update(networks).where(networks.c.id == network_id).values(
        report_count=count, loss_thb=loss, countries=",".join(countries), first_seen=first, last_seen=last,
        priority=network_priority(loss, count, len(countries)), updated_at=now,
    ))
