"""Stored times to numbers, and the sightings-and-confirmations part of risk.

Partner sightings and analysts' confirmations count once per source with
their latest date, so unlike victims' reports they cannot simply be added as
they arrive: they are recomputed from the indicator's evidence with
link/risk.py itself, and moved to the index's epoch.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

import numpy as np
from numpy.typing import NDArray

from xborder.core.clock import as_utc
from xborder.core.indicators import KINDS
from xborder.link.indicator_risk import VERDICT_EVIDENCE
from xborder.link.risk import risk_scores
from xborder.lookup.index import LookupIndex
from xborder.lookup.verdict import MARK_CODES, MARK_NONE


def epoch_us(values: Sequence[Any]) -> NDArray[np.int64]:
    """Microseconds since 1970 for stored times: SQLite's UTC text or aware datetimes."""
    n = len(values)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if isinstance(values[0], str):
        return np.array(values, dtype="datetime64[us]").astype(np.int64)
    return np.fromiter((_us(v) for v in values), dtype=np.int64, count=n)


def _us(at: datetime | str) -> int:
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    delta = as_utc(at) - datetime(1970, 1, 1, tzinfo=timezone.utc)
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def to_seconds(us: NDArray[np.int64]) -> NDArray[np.float64]:
    return us.astype(np.float64) / 1e6


class EvidenceRows:
    """Sightings and marks gathered for some rows of the index."""

    def __init__(self) -> None:
        self.rows: list[int] = []
        self.kinds: list[str] = []
        self.at: list[int] = []  # microseconds since 1970
        self.sources: list[str] = []

    def sighting(self, row: int, at_us: int, country: str) -> None:
        self._add(row, "sighting", at_us, f"partner:{country}")

    def mark(self, row: int, verdict: str, at_us: int, actor: str) -> None:
        self._add(row, VERDICT_EVIDENCE[verdict], at_us, actor)

    def _add(self, row: int, kind: str, at_us: int, source: str) -> None:
        self.rows.append(row)
        self.kinds.append(kind)
        self.at.append(at_us)
        self.sources.append(source)


def apply_evidence(index: LookupIndex, rows: Sequence[int], evidence: EvidenceRows) -> None:
    """Set mass_sc and the latest mark of `rows` from their complete sightings and marks."""
    found: dict[int, tuple[float, int, float]] = {}
    if evidence.rows:
        ev_row = np.asarray(evidence.rows, dtype=np.int64)
        uniq, local = np.unique(ev_row, return_inverse=True)
        at = np.asarray(evidence.at, dtype=np.int64)
        kinds = [KINDS[k] for k in index.cols.kind[uniq].tolist()]
        # Scored at the latest instant any of it happened, so that no age is
        # negative (risk.py clamps those), then carried back to the epoch.
        ref_us = max(int(at.max()), int(index.epoch * 1e6))
        ref = datetime.fromtimestamp(ref_us / 1e6, tz=timezone.utc)
        scores = risk_scores(kinds, local, evidence.kinds, at.astype("datetime64[us]"), evidence.sources, ref,
                             index.params)
        p = index.params
        half_life = np.array([p.half_life_days.get(k, p.default_half_life_days) for k in kinds]) * 86400.0
        mass = (scores.sightings + scores.confirmations) * 0.5 ** ((index.epoch - ref_us / 1e6) / half_life)
        latest = _latest_marks(local, evidence.kinds, at)
        for i, row in enumerate(uniq.tolist()):
            mark, mark_at = latest.get(i, (MARK_NONE, 0))
            found[row] = (float(mass[i]), mark, mark_at / 1e6)
    # Computed first and written after, so a reader never sees a row half-reset.
    for row in set(rows) | set(found):
        index.set_evidence(row, *found.get(row, (0.0, MARK_NONE, 0.0)))


def _latest_marks(local: NDArray[np.intp], kinds: list[str], at: NDArray[np.int64]) -> dict[int, tuple[int, int]]:
    """Per local row: (mark code, when) of the latest verdict; on one instant a false positive wins (risk.py)."""
    by_evidence = {ev: MARK_CODES[verdict] for verdict, ev in VERDICT_EVIDENCE.items()}
    best: dict[int, tuple[int, bool, int]] = {}
    for i, kind in enumerate(kinds):
        code = by_evidence.get(kind)
        if code is None:
            continue
        key = (int(at[i]), kind == "false_positive", code)
        row = int(local[i])
        if row not in best or key[:2] > best[row][:2]:
            best[row] = key
    return {row: (code, when) for row, (when, _, code) in best.items()}
