"""Objects built for one agreement at a time: networks as groupings, redacted report summaries.

A grouping or a note names indicators by id, and those ids are
deterministic over the value (UUIDv5): naming one the partner may not
receive would let it confirm a guessed phone number. So each agreement gets
its own version of these objects (share_objects.audience), naming only the
indicators its kinds, TLP ceiling and minimum confidence let out.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select

from xborder.actions._share_facts import Member, network_facts, without
from xborder.actions.publish import Published, dumps, node_identity, since, stamp_after
from xborder.core.actors import Actor
from xborder.core.clock import as_utc
from xborder.node import Node
from xborder.share.facts import ReportSummaryFacts
from xborder.share.markings import RED, tlp_of_refs
from xborder.share.policy import allows_export, allows_narratives, allows_tlp
from xborder.share.redact import redact_narrative
from xborder.share.stix import grouping_id, grouping_object, indicator_id, note_object
from xborder.share.timestamps import parse_time, stix_time
from xborder.store.audit import append_audit
from xborder.store.marks import PARTNER_SOURCE
from xborder.store.partners import AgreementRow, live_agreements
from xborder.store.share import (
    NewVersion,
    Version,
    add_versions,
    chunks,
    indicator_keys,
    latest_modified,
    latest_versions,
    lock_publishing,
    network_rows,
    networks_changed_since,
    networks_of_indicators,
    read_state,
    write_state,
)
from xborder.store.tables import networks, observations, reports

log = logging.getLogger(__name__)

# Networks are found by updated_at; a transaction that stamped its change
# before our last read may commit after it, so each run looks this far back.
NETWORK_MARGIN = timedelta(minutes=2)
NOTE_CHUNK = 500


def publish_audiences(node: Node, indicator_ids: Sequence[int], report_ids: Sequence[int], *, acting: Actor,
                      now: datetime) -> Published:
    with node.engine.connect() as conn:
        live = live_agreements(conn)
        seen_terms: dict[str, str] = read_state(conn, "publish.agreements") or {}
        net_mark = read_state(conn, "publish.networks")
        changed_nets = networks_changed_since(conn, since(net_mark, NETWORK_MARGIN))
        touched = {n for n, _ in changed_nets} | networks_of_indicators(conn, indicator_ids)
        all_active: list[int] = []
    terms = {str(a.id): _terms_stamp(a) for a in live}
    renewed = [a for a in live if seen_terms.get(str(a.id)) != terms[str(a.id)]]
    done = Published()
    if live:
        if renewed:
            with node.engine.connect() as conn:
                all_active = list(conn.execute(select(networks.c.id).where(networks.c.status == "active")).scalars())
        for agreement in live:
            ids = sorted(set(all_active) | touched) if agreement in renewed else sorted(touched)
            for part in chunks(ids, 1000):
                done += _publish_groupings(node, agreement, part, acting, now)
            if allows_narratives(agreement.terms):
                done += _publish_notes(node, agreement, None if agreement in renewed else report_ids, acting, now)
    top = max((at for _, at in changed_nets), default=None)
    with node.engine.begin() as conn:
        write_state(conn, "publish.agreements", terms, now)
        if top is not None:
            write_state(conn, "publish.networks", top.isoformat(), now)
    return done


def _terms_stamp(a: AgreementRow) -> str:
    t = a.terms
    return json.dumps([sorted(t.kinds), t.tlp_max, t.min_confidence, t.narratives], separators=(",", ":"))


def _members(conn: Connection, country: str, ids: Iterable[int]) -> dict[int, Member]:
    """Indicator id -> how it stands as published (revoked and never-published ones left out)."""
    keys = indicator_keys(conn, sorted(set(ids)))
    stix = {indicator_id(country, k, v): iid for iid, (k, v) in keys.items()}
    latest = latest_versions(conn, stix)
    out: dict[int, Member] = {}
    for (sid, audience), v in latest.items():
        if audience is None and not v.revoked and v.confidence is not None:
            out[stix[sid]] = Member(keys[stix[sid]], v.tlp, v.confidence)
    return out


def _publish_groupings(node: Node, agreement: AgreementRow, ids: Sequence[int], acting: Actor,
                       now: datetime) -> Published:
    identity = node_identity(node)
    with node.engine.connect() as conn:
        nets = network_rows(conn, ids)
        members = _members(conn, identity.country, {i for n in nets for i in n.indicator_ids})
    drafts: dict[int, dict[str, Any] | None] = {}
    for n in nets:
        facts = network_facts(n, members, agreement.terms, node.settings.rates_per_usd, now)
        drafts[n.network.id] = None if facts is None else grouping_object(identity, facts)
    gids = {nid: grouping_id(identity.country, nid) for nid in drafts}
    with node.engine.begin() as conn:
        lock_publishing(conn)
        latest = latest_versions(conn, gids.values())
        stamps = latest_modified(conn, gids.values())
        rows: list[NewVersion] = []
        for n in nets:
            gid = gids[n.network.id]
            prev = latest.get((gid, agreement.id))
            draft = drafts[n.network.id]
            if prev is not None and prev.revoked:
                continue
            if draft is None:
                if prev is not None and n.network.status != "active":
                    rows.append(_revoked(prev, stamps, now))  # merged or retired: gone for good
                continue
            if prev is not None and without(json.loads(prev.body)) == without(draft):
                continue
            modified = stamp_after(stamps.get(gid), now)
            stamps[gid] = stix_time(modified)
            draft["modified"] = stamps[gid]
            if prev is not None:
                draft["created"] = json.loads(prev.body)["created"]
            tlp = _tlp_of(draft)
            rows.append(NewVersion(stix_id=gid, stix_type="grouping", modified=stamps[gid], kind=None, tlp=tlp,
                                   confidence=None, revoked=False, body=dumps(draft), audience=agreement.id,
                                   replaces=None if prev is None else prev.seq))
        stored = add_versions(conn, rows, now)
        if stored:
            append_audit(conn, acting=acting, action="publish_objects", object_type="share_objects",
                         details={"groupings": stored, "agreement_id": agreement.id, "partner": agreement.partner},
                         at=now)
    return Published(versions=stored, groupings=stored)


def _revoked(prev: Version, stamps: dict[str, str], now: datetime) -> NewVersion:
    body = json.loads(prev.body)
    modified = stamp_after(stamps.get(prev.stix_id), now)
    stamps[prev.stix_id] = body["modified"] = stix_time(modified)
    body["revoked"] = True
    return NewVersion(stix_id=prev.stix_id, stix_type=body["type"], modified=body["modified"], kind=None,
                      tlp=prev.tlp, confidence=None, revoked=True, body=dumps(body), audience=prev.audience,
                      replaces=prev.seq)


def _tlp_of(obj: dict[str, Any]) -> str:
    return tlp_of_refs(obj.get("object_marking_refs", ())) or "amber"


def _publish_notes(node: Node, agreement: AgreementRow, report_ids: Sequence[int] | None, acting: Actor,
                   now: datetime) -> Published:
    """Redacted summaries of local reports for an agreement that lets narratives out (None: all reports)."""
    with node.engine.connect() as conn:
        q = select(reports.c.id).where(reports.c.source != PARTNER_SOURCE, reports.c.tlp != RED)
        if report_ids is not None:
            if not report_ids:
                return Published()
            ids: list[int] = []
            for part in chunks(sorted(set(report_ids))):
                ids += conn.execute(q.where(reports.c.id.in_(part))).scalars()
        else:
            ids = list(conn.execute(q.order_by(reports.c.id)).scalars())
    done = Published()
    for part in chunks(ids, NOTE_CHUNK):
        done += _publish_note_chunk(node, agreement, part, acting, now)
    return done


def _publish_note_chunk(node: Node, agreement: AgreementRow, ids: Sequence[int], acting: Actor,
                        now: datetime) -> Published:
    identity = node_identity(node)
    terms = agreement.terms
    with node.engine.connect() as conn:
        rows = conn.execute(select(reports.c.id, reports.c.text, reports.c.country, reports.c.tlp,
                                   reports.c.reported_at, reports.c.province, reports.c.language,
                                   reports.c.scam_type).where(reports.c.id.in_(ids))).all()
        cites = conn.execute(select(observations.c.report_id, observations.c.indicator_id).distinct()
                             .where(observations.c.report_id.in_(ids))).all()
        members = _members(conn, identity.country, {c.indicator_id for c in cites})
    by_report: dict[int, list[int]] = {}
    for c in cites:
        by_report.setdefault(c.report_id, []).append(c.indicator_id)
    drafts: dict[int, dict[str, Any]] = {}
    for r in rows:
        if not allows_tlp(terms, r.tlp):
            continue
        keys = sorted({members[i].key for i in by_report.get(r.id, ()) if i in members
                       and allows_export(terms, members[i].key[0], members[i].tlp, members[i].confidence)})
        facts = ReportSummaryFacts(
            report_id=r.id, reported_at=as_utc(r.reported_at), modified=now, country=r.country, tlp=r.tlp,
            narrative=redact_narrative(r.text, keys, r.country), indicators=tuple(keys), province=r.province,
            language=r.language, scam_type=r.scam_type if r.scam_type != "not_scam" else None)
        drafts[r.id] = note_object(identity, facts)
    with node.engine.begin() as conn:
        lock_publishing(conn)
        nids = [d["id"] for d in drafts.values()]
        latest = latest_versions(conn, nids)
        stamps = latest_modified(conn, nids)
        out: list[NewVersion] = []
        for draft in drafts.values():
            nid = draft["id"]
            prev = latest.get((nid, agreement.id))
            if prev is not None and (prev.revoked or without(json.loads(prev.body)) == without(draft)):
                continue
            stamps[nid] = draft["modified"] = stix_time(stamp_after(stamps.get(nid), now))
            if prev is not None:
                draft["created"] = json.loads(prev.body)["created"]
            elif parse_time(draft["created"]) > parse_time(draft["modified"]):
                draft["created"] = draft["modified"]
            out.append(NewVersion(stix_id=nid, stix_type="note", modified=draft["modified"], kind=None,
                                  tlp=_tlp_of(draft), confidence=None, revoked=False, body=dumps(draft),
                                  audience=agreement.id, replaces=None if prev is None else prev.seq))
        stored = add_versions(conn, out, now)
        if stored:
            append_audit(conn, acting=acting, action="publish_objects", object_type="share_objects",
                         details={"notes": stored, "agreement_id": agreement.id, "partner": agreement.partner},
                         at=now)
    return Published(versions=stored, notes=stored)

