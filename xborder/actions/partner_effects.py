"""The effects of one page of partner objects on this node's intelligence.

partner_import decides what comes in; this applies it, in the page's
transaction: indicators first (a pseudo-report each, filed, updated in place
or withdrawn), then sightings (they move their indicator's evidence time),
then groupings (a pseudo-report observing the values of the indicators they
name that are in effect here), then everything else (stored only).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from xborder.actions.partner_reports import (
    Vouched,
    drop_observations,
    file_pseudo_report,
    observed_values,
    partner_reports_citing,
    pseudo_external_id,
    reports_by_external_id,
    retime_pseudo_report,
    update_pseudo_report,
    withdraw_reports,
)
from xborder.core.actors import Actor
from xborder.core.clock import as_utc
from xborder.node import Node
from xborder.share.inbound import parse_object
from xborder.share.inbound_types import InboundGrouping, InboundIndicator, InboundObject, InboundSighting
from xborder.share.policy import effective_tlp
from xborder.store.partner_objects import (
    PartnerRow,
    StoredObject,
    set_report_ids,
    stored_objects,
    upsert_objects,
    waiting_groupings,
)
from xborder.store.tables import indicators, observations, partner_objects

IN_CHUNK = 900


@dataclass
class Candidate:
    """One parsed object of the page, with its raw JSON (stored as sent)."""

    index: int
    obj: InboundObject
    raw: dict[str, Any]
    stix_type: str
    modified: datetime | None  # None for SCOs (unversioned)


class PageEffects:
    """The effects of one page's new versions: indicators, then sightings, then groupings."""

    def __init__(self, conn: Connection, node: Node, partner: PartnerRow, acting: Actor, now: datetime) -> None:
        self.conn, self.node, self.partner, self.acting, self.now = conn, node, partner, acting, now
        self.statuses: dict[int, str] = {}
        self.ids: dict[int, str] = {}
        self.types: dict[int, str] = {}
        self.touched: set[int] = set()
        self.changed_reports: set[int] = set()
        self._evidence: set[int] | None = None
        self.effective: set[str] = set()  # indicator stix ids that came into effect

    def evidence(self) -> set[int]:
        """Every indicator whose evidence this page changed (computed once, after the effects)."""
        if self._evidence is None:
            cited: list[int] = []
            ordered = sorted(self.changed_reports)
            for start in range(0, len(ordered), IN_CHUNK):
                cited += self.conn.execute(select(observations.c.indicator_id).where(
                    observations.c.report_id.in_(ordered[start:start + IN_CHUNK])).distinct()).scalars()
            self._evidence = self.touched | set(cited)
        return self._evidence

    def apply(self, fresh: list[Candidate]) -> None:
        stored = stored_objects(self.conn, self.partner.id, [c.obj.id for c in fresh])
        for cand in fresh:
            self.ids[cand.index], self.types[cand.index] = cand.obj.id, cand.stix_type
            self.statuses[cand.index] = "updated" if cand.obj.id in stored else "created"
        phases: list[list[Candidate]] = [[], [], [], []]
        for cand in fresh:
            phase = {InboundIndicator: 0, InboundSighting: 1, InboundGrouping: 2}.get(type(cand.obj), 3)
            phases[phase].append(cand)
        # A sighting in the same page as its indicator dates the indicator's
        # pseudo-report as it is filed, instead of moving it afterwards.
        seen = self._seen_at(phases[1])
        self._store(phases[0], self._indicators(phases[0], stored, seen))
        self._store(phases[1], {})
        done_here = {c.obj.id for c in phases[0]}
        self._sightings([c for c in phases[1] if getattr(c.obj, "sighting_of_ref", None) not in done_here])
        groupings = [(c.obj.id, c.obj) for c in phases[2] if isinstance(c.obj, InboundGrouping)]
        self._store(phases[2], self._groupings(groupings))
        self._store(phases[3], {})
        if self.effective:
            self._revisit_waiting_groupings({c.obj.id for c in phases[2]})

    def _store(self, cands: list[Candidate], report_ids: dict[str, int | None]) -> None:
        upsert_objects(self.conn, [{
            "partner_id": self.partner.id, "stix_id": c.obj.id, "stix_type": c.stix_type,
            "modified": c.raw.get("modified", ""), "revoked": bool(getattr(c.obj, "revoked", False)),
            "received_at": self.now, "body": json.dumps(c.raw, ensure_ascii=False, separators=(",", ":")),
            "report_id": report_ids.get(c.obj.id),
        } for c in cands])

    # -- indicators -------------------------------------------------------

    def _indicators(self, cands: list[Candidate], stored: dict[str, StoredObject],
                    seen: dict[str, datetime]) -> dict[str, int | None]:
        out: dict[str, int | None] = {}
        for cand in cands:
            ind = cand.obj
            if not isinstance(ind, InboundIndicator):  # pragma: no cover - phase 0 holds indicators only
                continue
            have = stored.get(ind.id)
            report_id = have.report_id if have is not None else None
            in_effect = not ind.revoked and ind.confidence != 0
            if report_id is not None and (not in_effect or observed_values(self.conn, report_id) != {(ind.kind, ind.value)}):
                self._withdraw_indicator(report_id)
                report_id = None
            vouched = Vouched(ind.id, "indicator", ((ind.kind, ind.value),), self._clamp(seen.get(ind.id, ind.modified)),
                              ind.scam_types, ind.confidence, effective_tlp(ind.tlp))
            if in_effect and report_id is not None:
                update_pseudo_report(self.conn, report_id, vouched)
                self.changed_reports.add(report_id)
            elif in_effect:
                report_id = self._file(vouched)
                self.effective.add(ind.id)
            out[ind.id] = report_id
        return out

    def _withdraw_indicator(self, report_id: int) -> None:
        """The partner takes an indicator back: its pseudo-report, and its value in the partner's networks."""
        cited = withdraw_reports(self.conn, [report_id], self.now)
        self.touched |= cited
        in_groupings = partner_reports_citing(self.conn, self.partner, cited, "grouping")
        if in_groupings:
            self.touched |= drop_observations(self.conn, [(r, i) for r, i, _ in in_groupings], self.now)
            # Those groupings now lack an indicator they name: they wait for it.
            set_report_ids(self.conn, self.partner.id, {sid: None for _, _, sid in in_groupings})

    def _file(self, vouched: Vouched) -> int:
        done = file_pseudo_report(self.conn, self.node, self.partner, vouched, acting=self.acting)
        self.touched |= set(done.new_hubs)
        self.changed_reports.add(done.report_id)
        return done.report_id

    def _clamp(self, at: datetime) -> datetime:
        # A partner's clock a little ahead must not put a report in the future.
        return min(as_utc(at), self.now)

    # -- sightings --------------------------------------------------------

    @staticmethod
    def _seen_at(cands: list[Candidate]) -> dict[str, datetime]:
        """The newest time each indicator was sighted, by the indicator's STIX id."""
        out: dict[str, datetime] = {}
        for c in cands:
            s = c.obj
            if isinstance(s, InboundSighting) and not s.revoked:
                at = s.last_seen or s.modified
                if s.sighting_of_ref not in out or at > out[s.sighting_of_ref]:
                    out[s.sighting_of_ref] = at
        return out

    def _sightings(self, cands: list[Candidate]) -> None:
        live = [c.obj for c in cands if isinstance(c.obj, InboundSighting) and not c.obj.revoked]
        targets = stored_objects(self.conn, self.partner.id, [s.sighting_of_ref for s in live])
        for s in live:
            target = targets.get(s.sighting_of_ref)
            if target is None or target.report_id is None or target.stix_type != "indicator":
                continue  # a sighting of something not in effect here changes nothing
            retime_pseudo_report(self.conn, target.report_id, self._clamp(s.last_seen or s.modified))
            self.changed_reports.add(target.report_id)

    # -- groupings --------------------------------------------------------

    def _groupings(self, groupings: list[tuple[str, InboundGrouping]]) -> dict[str, int | None]:
        """Each grouping's pseudo-report observes the values of the indicators it names that are in effect.

        partner_objects.report_id of a grouping is set only once every
        indicator it names is in effect here; until then the grouping waits
        and is revisited when indicators arrive (the pseudo-report exists
        meanwhile for the ones that are here, found by its external id).
        """
        if not groupings:
            return {}
        refs = {r for _, g in groupings for r in g.object_refs if r.startswith("indicator--")}
        values = self._indicator_values(refs)
        existing = reports_by_external_id(self.conn, [pseudo_external_id(self.partner, sid) for sid, _ in groupings])
        out: dict[str, int | None] = {}
        for sid, g in groupings:
            named = sorted({r for r in g.object_refs if r.startswith("indicator--")})
            have = [values[r] for r in named if r in values]
            current = existing.get(pseudo_external_id(self.partner, sid))
            # One value links nothing, and the indicator's own pseudo-report
            # already carries the partner's word for it.
            wanted = set() if g.revoked or len(set(have)) < 2 else set(have)
            if current is not None and observed_values(self.conn, current) == wanted and wanted:
                update_pseudo_report(self.conn, current, self._grouping_vouched(sid, g, sorted(wanted)))
                self.changed_reports.add(current)
                report_id: int | None = current
            else:
                if current is not None:
                    self.touched |= withdraw_reports(self.conn, [current], self.now)
                report_id = self._file(self._grouping_vouched(sid, g, sorted(wanted))) if wanted else None
            out[sid] = report_id if report_id is not None and len(have) == len(named) else None
        return out

    def _grouping_vouched(self, sid: str, g: InboundGrouping, values: list[tuple[str, str]]) -> Vouched:
        return Vouched(sid, "network", tuple(values), self._clamp(g.modified), g.scam_types, None,
                       effective_tlp(g.tlp))

    def _indicator_values(self, refs: set[str]) -> dict[str, tuple[str, str]]:
        """(kind, value) of the partner's indicators that are in effect here, by STIX id."""
        out: dict[str, tuple[str, str]] = {}
        ordered = sorted(refs)
        for start in range(0, len(ordered), IN_CHUNK):
            part = ordered[start:start + IN_CHUNK]
            for r in self.conn.execute(
                select(partner_objects.c.stix_id, indicators.c.kind, indicators.c.value)
                .join(observations, observations.c.report_id == partner_objects.c.report_id)
                .join(indicators, indicators.c.id == observations.c.indicator_id)
                .where(partner_objects.c.partner_id == self.partner.id, partner_objects.c.stix_type == "indicator",
                       partner_objects.c.stix_id.in_(part))
            ):
                out[r.stix_id] = (r.kind, r.value)
        return out

    def _revisit_waiting_groupings(self, done_here: set[str]) -> None:
        waiting: list[tuple[str, InboundGrouping]] = []
        for sid, body in waiting_groupings(self.conn, self.partner.id):
            if sid in done_here:
                continue
            g = parse_object(json.loads(body))
            if isinstance(g, InboundGrouping) and self.effective.intersection(g.object_refs):
                waiting.append((sid, g))
        set_report_ids(self.conn, self.partner.id, self._groupings(waiting))
