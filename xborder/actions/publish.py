"""publish_changes: turn what changed on this node into new versions of its STIX objects.

Every run reads what changed since the watermarks in node_state (new local
reports, new labels, analysts' marks, TLP overrides, networks), rebuilds the
facts of what those touch, and stores a new version of an object only when
its content changed (share_objects; the old version stops being `latest`).
TAXII collections serve from there, each through its agreement's filter.

Only intelligence that at least one of this node's own reports supports is
published: what came from a partner is never re-exported. Victims' personal
data is never read (nothing here touches reporter_contacts).

Runs in chunks of indicators, each its own transaction with its own audit
row, so that a first publication of a large node does not hold SQLite's one
write lock for minutes; the watermarks move only after the last chunk, so a
run that dies half-way is redone, and unchanged objects make no new version.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from xborder.actions._share_facts import indicator_facts, most_permissive, without
from xborder.core.actors import Actor
from xborder.core.clock import as_utc, utcnow
from xborder.node import Node
from xborder.share.extensions import reference_objects
from xborder.share.facts import IndicatorFacts, NodeIdentity
from xborder.share.markings import RED
from xborder.share.stix import identity_object, indicator_objects
from xborder.share.timestamps import parse_time, stix_time
from xborder.store.audit import append_audit
from xborder.store.share import (
    ONE_MICROSECOND,
    IdMark,
    NewVersion,
    Version,
    add_versions,
    all_local_indicator_ids,
    chunks,
    indicator_rows,
    latest_versions,
    lock_publishing,
    new_label_indicators,
    new_mark_indicators,
    new_report_indicators,
    read_state,
    refresh_statistics,
    tlp_overrides,
    write_state,
)

log = logging.getLogger(__name__)

ID_MARKS = ("reports", "labels", "marks")
# Versions stored in one run past which the database's planner statistics are refreshed.
ANALYZE_AFTER = 10_000


def node_identity(node: Node) -> NodeIdentity:
    return NodeIdentity(country=node.settings.node_country, name=node.settings.node_name)


def node_actor(node: Node) -> Actor:
    """Who publishes when nobody asked: the node itself."""
    return Actor(kind="node", name=node.settings.node_name, role="admin")


@dataclass(frozen=True)
class Published:
    examined: int = 0  # indicators whose facts were rebuilt
    indicators: int = 0  # of them, with a new version
    versions: int = 0  # object versions stored, all kinds
    groupings: int = 0
    notes: int = 0

    def __add__(self, other: Published) -> Published:
        return Published(*(a + b for a, b in zip(self.astuple(), other.astuple())))

    def astuple(self) -> tuple[int, ...]:
        return (self.examined, self.indicators, self.versions, self.groupings, self.notes)


@dataclass
class _Changes:
    indicator_ids: list[int]
    report_ids: list[int]  # local reports filed since the last run
    marks: dict[str, IdMark]
    overrides: dict[str, str]


def publish_changes(node: Node, *, acting: Actor, full: bool = False) -> Published:
    """Publish what changed since the last run (everything with full=True); see the module docstring."""
    from xborder.actions.publish_audience import publish_audiences

    now = utcnow()
    with node.engine.connect() as conn:
        changes = _changes(conn, full)
    done = _publish_reference(node, acting, node.settings.public_url, now)
    for part in chunks(changes.indicator_ids):
        done += _publish_indicators(node, part, acting, now)
    done += publish_audiences(node, changes.indicator_ids, changes.report_ids, acting=acting, now=now)
    with node.engine.begin() as conn:
        for name, mark in changes.marks.items():
            write_state(conn, f"publish.{name}", mark.dump(), now)
        write_state(conn, "publish.tlp", changes.overrides, now)
        if done.versions >= ANALYZE_AFTER:
            refresh_statistics(conn)
    return done


def _changes(conn: Connection, full: bool) -> _Changes:
    marks = {name: IdMark.load(read_state(conn, f"publish.{name}")) for name in ID_MARKS}
    now = utcnow()
    from_reports, report_ids = new_report_indicators(conn, marks["reports"])
    from_labels, label_ids = new_label_indicators(conn, marks["labels"])
    from_marks, mark_ids = new_mark_indicators(conn, marks["marks"])
    advanced = {"reports": marks["reports"].advance(report_ids, now),
                "labels": marks["labels"].advance(label_ids, now),
                "marks": marks["marks"].advance(mark_ids, now)}
    before: dict[str, str] = read_state(conn, "publish.tlp") or {}
    overrides = {str(k): v for k, v in tlp_overrides(conn).items()}
    retiered = {int(k) for k in set(before) | set(overrides) if before.get(k) != overrides.get(k)}
    changed = from_reports | from_labels | from_marks | retiered
    if full:
        changed |= set(all_local_indicator_ids(conn))
    return _Changes(sorted(changed), report_ids, advanced, overrides)


def _publish_reference(node: Node, acting: Actor, base_url: str, now: datetime) -> Published:
    """The node's identity, xborder's extension definitions and the TLP markings: once, and on change."""
    objects = [identity_object(node_identity(node)), *reference_objects(base_url)]
    with node.engine.begin() as conn:
        lock_publishing(conn)
        latest = latest_versions(conn, [o["id"] for o in objects])
        rows = []
        for obj in objects:
            prev = latest.get((obj["id"], None))
            version = obj.get("modified") or obj["created"]
            if prev is not None:
                if without(json.loads(prev.body), ()) == obj:
                    continue
                if parse_time(version) <= parse_time(prev.modified):
                    # These objects carry fixed timestamps; a new content needs a new one.
                    log.warning("%s changed without a later modified; keeping the published version", obj["id"])
                    continue
            rows.append(NewVersion(stix_id=obj["id"], stix_type=obj["type"], modified=version, kind=None,
                                   tlp="clear", confidence=None, revoked=False, body=dumps(obj),
                                   replaces=None if prev is None else prev.seq))
        stored = add_versions(conn, rows, now)
        if stored:
            append_audit(conn, acting=acting, action="publish_objects", object_type="share_objects",
                         details={"reference_objects": stored}, at=now)
    return Published(versions=stored)


def _publish_indicators(node: Node, ids: Sequence[int], acting: Actor, now: datetime) -> Published:
    identity = node_identity(node)
    with node.engine.connect() as conn:
        facts = indicator_facts(indicator_rows(conn, ids), now)
    drafts = {iid: indicator_objects(identity, f) for iid, f in facts.items()}
    with node.engine.begin() as conn:
        lock_publishing(conn)
        latest = latest_versions(conn, [o["id"] for objs in drafts.values() for o in objs])
        rows: list[NewVersion] = []
        changed = 0
        for iid, f in facts.items():
            new = _indicator_versions(identity, f, drafts[iid], latest, now)
            changed += bool(new)
            rows += new
        stored = add_versions(conn, rows, now)
        if stored:
            append_audit(conn, acting=acting, action="publish_objects", object_type="share_objects",
                         details={"indicators": changed, "versions": stored, "examined": len(ids)}, at=now)
    return Published(examined=len(ids), indicators=changed, versions=stored)


def _indicator_versions(identity: NodeIdentity, facts: IndicatorFacts, drafts: list[dict[str, Any]],
                        latest: dict[tuple[str, int | None], Version], now: datetime) -> list[NewVersion]:
    """New versions of an indicator's four objects, or none when nothing a partner sees changed."""
    prev = {o["id"]: latest.get((o["id"], None)) for o in drafts}
    head = prev[drafts[1]["id"]]  # the `indicator` object sets the version of all four
    if head is not None and head.revoked:
        # STIX 2.1 (3.6): a revoked object gets no further versions.
        return []
    if facts.revoked and head is None:
        return []  # never shared: nothing to withdraw
    if all(p is not None and without(json.loads(p.body)) == without(o) for o, p in zip(drafts, prev.values())):
        return []
    modified = now if head is None else max(now, parse_time(head.modified) + ONE_MICROSECOND)
    confidence = facts.confidence
    if facts.revoked and head is not None:
        # The withdrawal must reach every partner that could have the object:
        # filter it as the version it replaces, and never as TLP:RED.
        confidence = head.confidence if head.confidence is not None else confidence
        tlp = head.tlp if facts.tlp == RED else most_permissive((head.tlp, facts.tlp))
        facts = replace(facts, tlp=tlp)
    if modified == facts.modified and not facts.revoked:
        objects = drafts  # built for `now` already: the usual case, and half the work on a first publication
    else:
        objects = indicator_objects(identity, replace(facts, modified=modified))
    version = stix_time(modified)
    return [
        NewVersion(stix_id=o["id"], stix_type=o["type"], modified=o.get("modified", version), kind=facts.kind,
                   tlp=facts.tlp, confidence=confidence, revoked=bool(o.get("revoked", False)), body=dumps(o),
                   replaces=None if p is None else p.seq)
        for o, p in zip(objects, prev.values())
        if p is None or without(json.loads(p.body)) != without(o)
    ]


def dumps(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def stamp_after(previous: str | None, now: datetime) -> datetime:
    """A `modified` later than `previous` (a STIX timestamp) and no earlier than now."""
    if previous is None:
        return now
    return max(now, parse_time(previous) + ONE_MICROSECOND)


def since(value: Any, margin: timedelta) -> datetime | None:
    return None if not value else as_utc(datetime.fromisoformat(value)) - margin
