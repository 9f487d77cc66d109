"""Keep the lookup index in step with the database.

Four change streams are read by id (tracker.py explains the gaps):

- reports: each new report's citations are added to its indicators
  (upserted with their stored counts and dates);
- indicator_marks: the marked indicators' sightings, confirmations and
  latest mark are recomputed;
- labels: a relabelled report's indicators are recomputed;
- network_events: merges point entries at the surviving network; splits
  (full recomputes) recompute the entries concerned.

A fifth follows the audit chain (its seqs commit in order, so a cursor is
enough): partner imports and purges update, move and delete pseudo-reports
in place, which no id stream shows, and list the indicators whose evidence
they changed (store.partner_objects.evidence_changes); those are recomputed.
A recompute rebuilds an entry from everything the snapshot holds: stored
counts and dates, every citation, every partner sighting and mark.

`refresh()` is one poll (the Poller thread calls it; tests call it
directly); `note_reports()` is the hook a request that just committed a
report calls, so that this process sees its own reports at once. Both hold
the index's lock from before their snapshot to the end of their changes:
a recompute then always reads a state in which every report it can see has
been applied, and no report is counted twice.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Engine

from xborder.link.risk import RiskParams
from xborder.lookup.build import build_from_db
from xborder.lookup.evidence import EvidenceRows, apply_evidence, epoch_us
from xborder.lookup.index import PARTNER_SOURCE, LookupIndex
from xborder.lookup.tracker import IdTracker
from xborder.store import lookup_rows as q
from xborder.store.partner_objects import evidence_changes

log = logging.getLogger(__name__)

# Masses are float32 at the epoch; moving it monthly keeps them far from
# float32's range whatever the half-lives.
REBASE_AFTER_SECONDS = 30 * 86400.0


class Refresher:
    def __init__(self, engine: Engine, index: LookupIndex, trackers: dict[str, IdTracker], audit_seq: int, *,
                 owns_engine: bool = False) -> None:
        self.engine = engine
        self.index = index
        self.trackers = trackers
        self.audit_seq = audit_seq  # audit rows up to here are reflected in the index
        self._owns_engine = owns_engine

    @classmethod
    def open(cls, engine: Engine, *, params: RiskParams = RiskParams()) -> Refresher:
        """Build the index from the database (reading without blocking writers)."""
        reader = q.reader_engine(engine)
        built = build_from_db(reader, params=params)
        return cls(reader, built.index, built.trackers, built.audit_seq, owns_engine=reader is not engine)

    def close(self) -> None:
        if self._owns_engine:
            self.engine.dispose()

    def refresh(self, now: float | None = None) -> bool:
        """Apply everything committed since the last call; True if the index changed."""
        now = time.time() if now is None else now
        index = self.index
        with index.lock:
            if now - index.epoch > REBASE_AFTER_SECONDS:
                index.rebase(now)
            with q.snapshot(self.engine) as conn:
                changed = self._reports(conn, q.new_citations(conn, *self._ask("reports")), now)
                changed |= self._marks(conn, now)
                changed |= self._labels(conn, now)
                changed |= self._network_events(conn, now)
                changed |= self._partner_evidence(conn, now)
            for tracker in self.trackers.values():
                tracker.expire(now)
            if changed:
                index.touch()
        return changed

    def note_reports(self, report_ids: Sequence[int]) -> None:
        """Apply these just-committed reports now (the poller would skip them later)."""
        now = time.time()
        with self.index.lock:
            with q.snapshot(self.engine) as conn:
                rows = q.new_citations(conn, 0, (), only=report_ids)
                if self._reports(conn, rows, now):
                    self.index.touch()

    def _ask(self, stream: str) -> tuple[int, list[int]]:
        tracker = self.trackers[stream]
        return tracker.high, tracker.open_gaps()

    def _reports(self, conn: Connection, rows: list[Any], now: float) -> bool:
        fresh = set(self.trackers["reports"].fresh({r[0] for r in rows}, now))
        if not fresh:
            return False
        index = self.index
        wanted = [r for r in rows if r[0] in fresh and r[1] is not None]
        # (report, indicator) once, however often the report writes the value.
        seen: set[tuple[int, int]] = set()
        cited = []
        for r in wanted:
            if (r[0], r[1]) not in seen:
                seen.add((r[0], r[1]))
                cited.append(r)
        times = epoch_us([t for r in cited for t in (r[6], r[7], r[8])]).reshape(-1, 3) / 1e6
        partner_rows = []
        for r, (first, last, at) in zip(cited, times.tolist()):
            row = index.upsert(r[1], r[2], r[3], r[4], r[5], first, last)
            index.add_report(row, at=min(at, now), source=r[9], country=r[10], scam_type=r[11], network=r[12])
            if r[9] == PARTNER_SOURCE:
                partner_rows.append((r[1], row))
        if partner_rows:
            self._reload_evidence(conn, partner_rows)
        return True

    def _marks(self, conn: Connection, now: float) -> bool:
        rows = q.new_marks(conn, *self._ask("marks"))
        fresh = set(self.trackers["marks"].fresh((r[0] for r in rows), now))
        targets = [(r[1], self.index.find(r[2], r[3])) for r in rows if r[0] in fresh]
        found = [(i, row) for i, row in targets if row is not None]
        if found:
            self._reload_evidence(conn, found)
        return bool(fresh)

    def _reload_evidence(self, conn: Connection, targets: list[tuple[int, int]]) -> None:
        row_of = dict(targets)
        sightings, marks = q.evidence_of(conn, list(row_of))
        evidence = EvidenceRows()
        for indicator_id, at, country in sightings:
            evidence.sighting(row_of[indicator_id], int(epoch_us([at])[0]), country)
        for indicator_id, verdict, actor, at in marks:
            evidence.mark(row_of[indicator_id], verdict, int(epoch_us([at])[0]), actor)
        apply_evidence(self.index, list(row_of.values()), evidence)

    def _labels(self, conn: Connection, now: float) -> bool:
        rows = q.new_labels(conn, *self._ask("labels"))
        fresh = self.trackers["labels"].fresh((r[0] for r in rows), now)
        if fresh:
            report_ids = [r[1] for r in rows if r[0] in set(fresh)]
            self._reload_indicators(conn, q.indicators_of_reports(conn, report_ids), now)
        return bool(fresh)

    def _network_events(self, conn: Connection, now: float) -> bool:
        rows = q.new_network_events(conn, *self._ask("network_events"))
        fresh = set(self.trackers["network_events"].fresh((r[0] for r in rows), now))
        events = [r for r in rows if r[0] in fresh]
        moves = {int(r[3]): int(r[1]) for r in events if r[2] == "merged" and r[3] is not None}
        self.index.remap_networks(moves)
        split = {int(n) for r in events if r[2] != "merged" for n in (r[1], r[3]) if n is not None}
        if split:
            self._reload_indicators(conn, q.indicators_in_networks(conn, sorted(split)), now)
        return bool(events)

    def _partner_evidence(self, conn: Connection, now: float) -> bool:
        # Read in the poll's snapshot: the newest seq first, so that the
        # cursor never passes a row the changes were not read from.
        high = q.audit_high(conn)
        if high <= self.audit_seq:
            return False
        _, changed = evidence_changes(conn, self.audit_seq)
        # Past every row of the snapshot, not only the last import's: the
        # next poll then scans only what was written since.
        self.audit_seq = high
        if changed:
            self._reload_indicators(conn, sorted(changed), now)
        return bool(changed)

    def _reload_indicators(self, conn: Connection, indicator_ids: Sequence[int], now: float) -> None:
        """Recompute these indicators' entries from the snapshot (a value first seen here is added)."""
        if not indicator_ids:
            return
        index = self.index
        stored = q.stored_indicators(conn, indicator_ids)
        times = epoch_us([t for r in stored for t in (r[5], r[6])]).reshape(-1, 2) / 1e6
        row_of: dict[int, int] = {}
        kind_of: dict[int, int] = {}
        for r, (first, last) in zip(stored, times.tolist()):
            row = index.upsert(r[0], r[1], r[2], r[3], r[4], first, last)
            row_of[r[0]] = row
            kind_of[r[0]] = int(index.cols.kind[row])
        cited = q.citations_of(conn, list(row_of))
        at_us = epoch_us([r[2] for r in cited])
        scam: dict[int, set[str]] = {}
        countries: dict[int, set[str]] = {}
        sources: dict[int, set[str]] = {}
        newest: dict[int, tuple[int, int | None]] = {}
        mass: dict[int, float] = {}
        evidence = EvidenceRows()
        seen: set[tuple[int, int]] = set()
        for r, us in zip(cited, at_us.tolist()):
            indicator_id, report_id, _, source, country, scam_type, network_id = r
            if (report_id, indicator_id) in seen:  # one value written twice in one report
                continue
            seen.add((report_id, indicator_id))
            scam.setdefault(indicator_id, set()).add(scam_type)
            countries.setdefault(indicator_id, set()).add(country)
            sources.setdefault(indicator_id, set()).add(source)
            if indicator_id not in newest or report_id > newest[indicator_id][0]:
                newest[indicator_id] = (report_id, network_id)
            if source == PARTNER_SOURCE:
                evidence.sighting(row_of[indicator_id], us, country)
            else:
                weight = index.report_mass(kind_of[indicator_id], min(us / 1e6, now))
                mass[indicator_id] = mass.get(indicator_id, 0.0) + weight
        for indicator_id, verdict, actor, at in q.marks_of(conn, list(row_of)):
            evidence.mark(row_of[indicator_id], verdict, int(epoch_us([at])[0]), actor)
        for indicator_id, row in row_of.items():
            index.set_citations(row, scam_types=scam.get(indicator_id, ()), countries=countries.get(indicator_id, ()),
                                sources=sources.get(indicator_id, ()), network=newest.get(indicator_id, (0, None))[1],
                                mass_r=mass.get(indicator_id, 0.0))
        apply_evidence(index, list(row_of.values()), evidence)


class Poller:
    """A daemon thread that calls Refresher.refresh every `interval` seconds."""

    def __init__(self, refresher: Refresher, interval: float) -> None:
        self.refresher = refresher
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="xborder-lookup-poller", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        failures = 0
        while not self._stop.wait(self.interval if failures == 0 else min(self.interval * 2 ** failures, 30.0)):
            try:
                self.refresher.refresh()
                failures = 0
            except Exception:
                # The database may be restarting; the index keeps answering
                # from what it has and the next poll catches up.
                failures += 1
                log.exception("lookup index refresh failed (%d in a row)", failures)

