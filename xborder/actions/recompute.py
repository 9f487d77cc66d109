"""xborder link --full: recompute every network from the stored observations.

The whole swap is one transaction: readers see the old partition until the
commit and the new one after it; a crash half-way leaves the old one intact.
Network ids are kept where a new network is substantially an old one
(xborder.link.stable_ids); merges and splits become history rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import numpy as np
from sqlalchemy import Connection, Select, bindparam, delete, func, insert, or_, select, text, true, update

from xborder.core.actors import Actor
from xborder.core.clock import utcnow
from xborder.link.params import LinkParams
from xborder.link.partition import Partition, partition
from xborder.link.priority import network_priority
from xborder.link.stable_ids import match_ids
from xborder.node import Node
from xborder.store.audit import append_audit
from xborder.store.tables import indicators, network_events, network_members, networks, observations, reports


_CHUNK = 5000


@dataclass(frozen=True)
class Recomputed:
    reports: int
    networks: int
    kept_ids: int
    new_ids: int
    retired: int
    events: int


def recompute_networks(node: Node, *, acting: Actor) -> Recomputed:
    """Every network, from every stored observation."""
    with node.engine.begin() as conn:
        report_ids = np.fromiter(conn.execute(select(reports.c.id).order_by(reports.c.id)).scalars(), np.int64)
        obs = conn.execute(
            select(observations.c.report_id, observations.c.indicator_id, indicators.c.report_count)
            .join(indicators, indicators.c.id == observations.c.indicator_id)
            .where(indicators.c.warninglist.is_(None))
        ).all()
        old = conn.execute(select(network_members.c.report_id, network_members.c.network_id)).all()
        done = _repartition(conn, report_ids, obs, old, node.settings.link_params, scoped=False)
        append_audit(conn, acting=acting, action="recompute_networks", object_type="networks",
                     details=asdict(done))
    return done


def repartition_around(node: Node, indicator_ids: Sequence[int], *, acting: Actor) -> Recomputed:
    """Re-partition only the components of the networks that cite these indicators.

    Intake calls this when an indicator becomes a hub: the links it made while
    it was specific must go, as the full recompute would drop them. The scope
    is whole components (`_whole_components`) and degrees are store-wide, so
    the result is what `recompute_networks` would give.
    """
    touched = (select(network_members.c.network_id)
               .join(observations, observations.c.report_id == network_members.c.report_id)
               .where(observations.c.indicator_id.in_(list(indicator_ids))))
    return _repartition_scope(node, touched, acting=acting, action="repartition_networks",
                              details={"hubs": [int(i) for i in indicator_ids]})


def resplit_pending(node: Node, *, acting: Actor) -> Recomputed | None:
    """Re-partition the components that hold provisionally placed reports.

    Intake places a report that reaches a component above giant_size in one
    of its pieces and flags it (`xborder.link.incremental.plan_join`); this
    re-splits each such component whole, as `recompute_networks` would, and
    clears the flags. None when no report waits.
    """
    flagged = (select(network_members.c.network_id)
               .join(reports, reports.c.id == network_members.c.report_id)
               .where(reports.c.relink_needed.is_(True)))
    with node.engine.connect() as conn:
        if conn.execute(flagged.limit(1)).first() is None:
            return None
    return _repartition_scope(node, flagged, acting=acting, action="resplit_networks", details={})


def _whole_components(network_ids: Select[Any]) -> Select[Any]:
    """These networks and every other piece of the components they belong to."""
    ids = network_ids.scalar_subquery()
    keys = select(networks.c.component).where(networks.c.id.in_(ids), networks.c.component.is_not(None))
    return select(networks.c.id).where(or_(networks.c.id.in_(ids),
                                           networks.c.component.in_(keys.scalar_subquery())))


def _repartition_scope(node: Node, network_ids: Select[Any], *, acting: Actor, action: str,
                       details: dict[str, Any]) -> Recomputed:
    scope_networks = _whole_components(network_ids).scalar_subquery()
    with node.engine.begin() as conn:
        old = conn.execute(select(network_members.c.report_id, network_members.c.network_id)
                           .where(network_members.c.network_id.in_(scope_networks))
                           .order_by(network_members.c.report_id)).all()
        report_ids = np.fromiter((r for r, _ in old), np.int64, len(old))
        scope = select(network_members.c.report_id).where(network_members.c.network_id.in_(scope_networks))
        obs = conn.execute(
            select(observations.c.report_id, observations.c.indicator_id, indicators.c.report_count)
            .join(indicators, indicators.c.id == observations.c.indicator_id)
            .where(indicators.c.warninglist.is_(None), observations.c.report_id.in_(scope.scalar_subquery()))
        ).all()
        done = _repartition(conn, report_ids, obs, old, node.settings.link_params, scoped=True)
        append_audit(conn, acting=acting, action=action, object_type="networks",
                     details={**asdict(done), **details})
    return done


def _repartition(conn: Connection, report_ids: np.ndarray, obs: Sequence[Any], old: Sequence[Any],
                 params: LinkParams, *, scoped: bool) -> Recomputed:
    """Partition `report_ids` and write it over their old membership `old`."""
    obs_report = np.fromiter((o[0] for o in obs), np.int64, len(obs))
    obs_indicator = np.fromiter((o[1] for o in obs), np.int64, len(obs))
    degrees = np.fromiter((o[2] for o in obs), np.int64, len(obs))
    next_id = int(conn.execute(select(func.coalesce(func.max(networks.c.id), 0))).scalar_one()) + 1
    part = partition(report_ids, obs_report, obs_indicator, degrees, params=params)
    match = match_ids(np.fromiter((r for r, _ in old), np.int64, len(old)),
                      np.fromiter((n for _, n in old), np.int64, len(old)), part, next_id)
    now = utcnow()
    ids = [int(x) for x in match.ids]
    # Row by row or all at once, never one IN list: a million-report store has
    # hundreds of thousands of networks, past SQLite's limit on parameters.
    existing: set[int] = set(conn.execute(select(networks.c.id)).scalars())
    fresh = [i for i in ids if i not in existing]
    if fresh:
        conn.execute(insert(networks), [
            {"id": i, "status": "active", "report_count": 0, "loss_thb": 0, "countries": "", "priority": 0,
             "created_at": now, "updated_at": now} for i in fresh])
        _advance_id_sequence(conn)
    if scoped:
        conn.execute(delete(network_members).where(network_members.c.report_id == bindparam("rid")),
                     [{"rid": int(r)} for r in report_ids])
    else:
        conn.execute(delete(network_members))
    members = [{"report_id": int(r), "network_id": ids[int(label)]} for r, label in zip(part.report_ids, part.labels)]
    if members:
        conn.execute(insert(network_members), members)
    keys = _component_keys(part, match.ids, params)
    # The scope is whole components (or everything), so every report in it is
    # now where a full recompute puts it: nothing left to re-link.
    if scoped:
        conn.execute(update(reports).where(reports.c.id == bindparam("rid")).values(relink_needed=False),
                     [{"rid": int(r)} for r in report_ids])
    else:
        conn.execute(update(reports).where(reports.c.relink_needed.is_(True)).values(relink_needed=False))
    absorbed_into = {old_id: e.network_id for e in match.events if e.kind == "merged" for old_id in e.old_ids}
    for old_id in match.retired:
        conn.execute(update(networks).where(networks.c.id == old_id).values(
            status="merged" if old_id in absorbed_into else "retired",
            merged_into=absorbed_into.get(old_id), report_count=0, component=None, updated_at=now))
    if ids:
        conn.execute(update(networks).where(networks.c.id == bindparam("nid"))
                     .values(status="active", merged_into=None, component=bindparam("key"), updated_at=now),
                     [{"nid": i, "key": k} for i, k in zip(ids, keys)])
    history = [{"network_id": e.network_id, "event": e.kind, "other_network_id": o, "report_id": None, "at": now}
               for e in match.events for o in e.old_ids]
    if history:
        conn.execute(insert(network_events), history)
    if scoped:
        for start in range(0, len(ids), _CHUNK):
            _refresh_all_stats(conn, now, ids[start:start + _CHUNK])
    else:
        _refresh_all_stats(conn, now)
    return Recomputed(len(report_ids), len(ids), len(ids) - len(fresh), len(fresh), len(match.retired),
                      len(history))


def _component_keys(part: Partition, ids: np.ndarray, params: LinkParams) -> list[int | None]:
    """Per network: the key its component's pieces share, None for a component within giant_size.

    The key is the smallest network id among the pieces; ids are never
    reused, so no other component can hold it (`incremental.plan_join`).
    """
    if part.n_networks == 0:
        return []
    component_of = np.zeros(part.n_networks, dtype=np.int64)
    component_of[part.labels] = part.components
    giant = np.bincount(part.components) > params.giant_size
    key = np.full(len(giant), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(key, component_of, np.asarray(ids, dtype=np.int64))
    return [int(key[c]) if giant[c] else None for c in component_of.tolist()]


def _advance_id_sequence(conn: Connection) -> None:
    # Ids were inserted explicitly; PostgreSQL's sequence must move past them
    # or the next report's new network would collide. SQLite takes max(id)+1.
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT setval(pg_get_serial_sequence('networks', 'id'), "
                          "(SELECT max(id) FROM networks))"))


def _refresh_all_stats(conn: Connection, now: datetime, only: list[int] | None = None) -> None:
    scope = network_members.c.network_id.in_(only) if only is not None else true()
    agg = conn.execute(
        select(network_members.c.network_id, func.count(), func.coalesce(func.sum(reports.c.loss_thb), 0),
               func.min(reports.c.reported_at), func.max(reports.c.reported_at))
        .join(reports, reports.c.id == network_members.c.report_id)
        .where(scope)
        .group_by(network_members.c.network_id)
    ).all()
    countries: dict[int, set[str]] = defaultdict(set)
    for pair in conn.execute(
        select(network_members.c.network_id, reports.c.country)
        .join(reports, reports.c.id == network_members.c.report_id).where(scope).distinct()
    ):
        countries[int(pair[0])].add(str(pair[1]))
    rows = []
    for row in agg:
        network_id, count, loss = int(row[0]), int(row[1]), Decimal(str(row[2]))
        seen = sorted(countries[network_id])
        rows.append({"nid": network_id, "count": count, "loss": loss, "countries": ",".join(seen),
                     "first": row[3], "last": row[4], "priority": network_priority(loss, count, len(seen))})
    if rows:
        conn.execute(
            update(networks).where(networks.c.id == bindparam("nid")).values(
                report_count=bindparam("count"), loss_thb=bindparam("loss"), countries=bindparam("countries"),
                first_seen=bindparam("first"), last_seen=bindparam("last"), priority=bindparam("priority"),
                updated_at=now),
            rows)
