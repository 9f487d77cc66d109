"""Build the lookup index from the database, or from arrays (benchmarks, tests).

The database build reads everything in one snapshot, in batches, and turns
each batch into arrays before touching the index: no per-row Python objects
survive a batch. It also notes how far each change stream had got, so the
poller (refresh.py) starts exactly where the build stopped.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection, Engine, func, select

from xborder.link.risk import RiskParams
from xborder.lookup.evidence import EvidenceRows, apply_evidence, epoch_us
from xborder.lookup.index import KIND_CODE, PARTNER_SOURCE, LookupIndex
from xborder.lookup.tracker import IdTracker
from xborder.store import lookup_rows as q
from xborder.store.tables import indicators

log = logging.getLogger(__name__)

BATCH = 100_000
# Ids below a stream's highest that may still commit (PostgreSQL hands out
# ids at insert, not at commit) are looked for this far back at start.
START_WINDOW = 10_000


@dataclass
class Built:
    index: LookupIndex
    trackers: dict[str, IdTracker]
    audit_seq: int  # the audit chain's head in the build's snapshot
    seconds: float


def build_from_db(engine: Engine, *, now: float | None = None, params: RiskParams = RiskParams()) -> Built:
    """The index of everything committed when the build's snapshot was taken."""
    started = time.perf_counter()
    now = time.time() if now is None else now
    with q.snapshot(engine) as conn:
        count = int(conn.execute(select(func.count()).select_from(indicators)).scalar_one())
        index = LookupIndex(epoch=now, params=params, capacity=count + count // 8 + 1024)
        _load_indicators(conn, index)
        evidence = _load_citations(conn, index)
        for indicator_id, verdict, actor, created_at in q.all_marks(conn):
            row = _row_of(index, indicator_id)
            if row is not None:
                evidence.mark(row, verdict, int(epoch_us([created_at])[0]), actor)
        apply_evidence(index, evidence.rows, evidence)
        trackers = {}
        for stream in q.STREAMS:
            high, recent = q.stream_tail(conn, stream, START_WINDOW)
            trackers[stream] = IdTracker.from_tail(high, recent, START_WINDOW, now=now)
        audit_seq = q.audit_high(conn)
    index.touch()
    took = time.perf_counter() - started
    log.info("lookup index: %d indicators loaded in %.2f s", len(index), took)
    return Built(index, trackers, audit_seq, took)


def _row_of(index: LookupIndex, indicator_id: int) -> int | None:
    ids = index.cols.ids[: index.cols.n]
    at = int(np.searchsorted(ids, indicator_id))
    return at if at < len(ids) and ids[at] == indicator_id else None


def _load_indicators(conn: Connection, index: LookupIndex) -> None:
    for batch in q.indicator_batches(conn, BATCH):
        ids = np.fromiter((r[0] for r in batch), dtype=np.int64, count=len(batch))
        kinds = np.fromiter((KIND_CODE[r[1]] for r in batch), dtype=np.uint8, count=len(batch))
        values = [r[2] for r in batch]
        wl = np.fromiter((index.warninglist_code(r[3]) for r in batch), dtype=np.uint8, count=len(batch))
        counts = np.fromiter((r[4] for r in batch), dtype=np.int64, count=len(batch))
        first = epoch_us([r[5] for r in batch]) // 1_000_000
        last = epoch_us([r[6] for r in batch]) // 1_000_000
        index.load(ids, kinds, values, wl, counts, first, last)


def _load_citations(conn: Connection, index: LookupIndex) -> EvidenceRows:
    """Fold every (report, indicator) citation into the columns; returns the partner sightings."""
    c = index.cols
    n = c.n
    ids = c.ids[:n]
    mass = np.zeros(n, dtype=np.float64)
    newest = np.full(n, -1, dtype=np.int64)
    sightings = EvidenceRows()
    last_pair: tuple[int, int] | None = None
    for batch in q.citation_batches(conn, BATCH):
        ind = np.fromiter((r[0] for r in batch), dtype=np.int64, count=len(batch))
        rep = np.fromiter((r[1] for r in batch), dtype=np.int64, count=len(batch))
        # Adjacent duplicates: one indicator written twice in one report.
        keep = np.ones(len(batch), dtype=bool)
        keep[1:] = (ind[1:] != ind[:-1]) | (rep[1:] != rep[:-1])
        if last_pair is not None and (int(rep[0]), int(ind[0])) == last_pair:
            keep[0] = False
        last_pair = (int(rep[-1]), int(ind[-1]))
        rows = np.searchsorted(ids, ind)
        at_us = epoch_us([r[2] for r in batch])
        sources = [r[3] for r in batch]
        add = Citations(rows[keep], rep[keep], at_us[keep], _take(sources, keep), _take([r[4] for r in batch], keep),
                        _take([r[5] for r in batch], keep),
                        np.fromiter((-1 if r[6] is None else r[6] for r in batch), dtype=np.int64,
                                    count=len(batch))[keep])
        fold_citations(index, add, mass, newest, sightings)
    c.mass_r[:n] = mass
    return sightings


def _take(values: list[Any], keep: NDArray[np.bool_]) -> list[Any]:
    return [v for v, k in zip(values, keep.tolist()) if k]


@dataclass
class Citations:
    """Distinct (report, indicator) citations as arrays; `rows` are index rows."""

    rows: NDArray[np.int64]
    reports: NDArray[np.int64]
    at_us: NDArray[np.int64]
    sources: Sequence[str]
    countries: Sequence[str]
    scam_types: Sequence[str]
    networks: NDArray[np.int64]


def _bits(table: Any, names: Sequence[str]) -> NDArray[np.int64]:
    uniq, inverse = np.unique(np.asarray(names, dtype=object).astype(str), return_inverse=True)
    return np.array([table.bit(str(u)) for u in uniq], dtype=np.int64)[inverse]


def fold_citations(index: LookupIndex, cit: Citations, mass: NDArray[np.float64], newest: NDArray[np.int64],
                   sightings: EvidenceRows) -> None:
    """Add citations (taken in report order) to masses, bitmasks and newest networks."""
    if len(cit.rows) == 0:
        return
    c = index.cols
    rows = cit.rows
    np.bitwise_or.at(c.scam, rows, _bits(index.scam_types, cit.scam_types).astype(np.uint16))
    np.bitwise_or.at(c.country, rows, _bits(index.countries, cit.countries).astype(np.uint32))
    np.bitwise_or.at(c.source, rows, _bits(index.sources, cit.sources).astype(np.uint16))
    partner = np.asarray(cit.sources, dtype=object) == PARTNER_SOURCE
    victims = ~partner
    at = np.minimum(cit.at_us / 1e6, index.epoch)  # risk.py counts no age below zero
    half_life = index.half_lives(c.kind[rows])
    weight = index.params.weights["report"] * 0.5 ** ((index.epoch - at) / half_life)
    np.add.at(mass, rows[victims], weight[victims])
    np.maximum.at(newest, rows, cit.reports)
    latest = newest[rows] == cit.reports
    c.network[rows[latest]] = cit.networks[latest]
    for i in np.flatnonzero(partner).tolist():
        sightings.sighting(int(rows[i]), int(cit.at_us[i]), cit.countries[i])


def build_from_arrays(*, epoch: float, ids: NDArray[np.int64], kinds: NDArray[np.integer], values: Sequence[str],
                      counts: NDArray[np.integer], first: NDArray[np.integer], last: NDArray[np.integer],
                      mass: NDArray[np.floating], scam_masks: NDArray[np.integer] | None = None,
                      params: RiskParams = RiskParams()) -> LookupIndex:
    """An index from ready-made columns (benchmarks and tests); no warninglists, marks or networks."""
    index = LookupIndex(epoch=epoch, params=params, capacity=len(ids) + 1024)
    index.load(ids, kinds, values, np.zeros(len(ids), dtype=np.uint8), counts, first, last)
    index.cols.mass_r[: len(ids)] = mass
    if scam_masks is not None:
        index.cols.scam[: len(ids)] = scam_masks
    index.touch()
    return index

