"""Indicator risk, 0-100: how sure we are that a value serves scammers now.

After MISP's decaying models: evidence counts for less as it ages, at a pace
set by the indicator's kind (a phone number is recycled within weeks, a
crypto wallet is reused for a year).

    evidence  = sum over independent items of weight[item] * 0.5 ** (age_days / half_life[kind])
    base      = 100 * (1 - exp(-evidence / saturation))
    score     = round(base * (1 - fp)),  fp = 0.5 ** (fp_age_days / fp_half_life)

Items are victims' reports (weight 1), partner sightings (2) and analyst
confirmations (6). Independent means one item per source: a victim who
reports the same number five times, or a partner that sights it daily, counts
once, with its latest date. With saturation 5, one fresh report scores 18,
three 45, a confirmation 70, a confirmation and three reports 83.

A false-positive mark suppresses the score: fully when fresh, fading with
`fp_half_life` (an analyst's verdict outlives victims' reports, but a value
can be taken over later). Only the latest analyst verdict counts: a
confirmation after the mark lifts it, a mark after a confirmation applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from datetime import datetime

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xborder.core.clock import as_utc

Floats = NDArray[np.float64]

EVIDENCE_KINDS = ("report", "sighting", "confirmation", "false_positive")

HALF_LIFE_DAYS: dict[str, float] = {
    "phone": 60, "url": 30, "domain": 60, "email": 90, "ip": 30, "bank_account": 180, "promptpay": 180,
    "national_id": 365, "iban": 180, "crypto_wallet": 365, "line_id": 90, "telegram": 90, "ussd": 180,
}


@dataclass(frozen=True)
class RiskParams:
    weights: dict[str, float] = field(default_factory=lambda: {"report": 1.0, "sighting": 2.0,
                                                               "confirmation": 6.0})
    half_life_days: dict[str, float] = field(default_factory=lambda: dict(HALF_LIFE_DAYS))
    default_half_life_days: float = 90.0  # a kind not in the table
    fp_half_life_days: float = 365.0
    saturation: float = 5.0


@dataclass(frozen=True)
class RiskScores:
    score: NDArray[np.int64]  # 0-100 per indicator
    reports: Floats  # decayed evidence by source, before saturation
    sightings: Floats
    confirmations: Floats
    fp_suppression: Floats  # 0 (none) .. 1 (score wiped)

    def components(self, i: int) -> dict[str, float]:
        return {"score": int(self.score[i]), "reports": float(self.reports[i]), "sightings": float(self.sightings[i]),
                "confirmations": float(self.confirmations[i]), "fp_suppression": float(self.fp_suppression[i])}


def risk_scores(indicator_kinds: ArrayLike, ev_indicator: ArrayLike, ev_kind: ArrayLike, ev_at: ArrayLike,
                ev_source: ArrayLike, now: datetime, params: RiskParams = RiskParams()) -> RiskScores:
    """Scores for indicators 0..n-1 (`indicator_kinds[i]` is i's kind) from evidence rows.

    Each evidence row: the indicator's index, its kind (one of EVIDENCE_KINDS),
    when (UTC), and its source key (reporter, partner or analyst).
    """
    kinds = np.asarray(indicator_kinds)
    n = len(kinds)
    ind = np.asarray(ev_indicator, dtype=np.int64)
    ev = np.asarray(ev_kind)
    # Microseconds, not seconds: a confirmation a moment after a mark must sort after it.
    at = np.asarray(ev_at, dtype="datetime64[us]")
    source = np.asarray(ev_source)
    if not (len(ind) == len(ev) == len(at) == len(source)):
        raise ValueError("evidence arrays must have the same length")
    if len(ind) and (ind.min() < 0 or ind.max() >= n):
        raise ValueError("ev_indicator must index indicator_kinds")
    unknown = set(np.unique(ev).tolist()) - set(EVIDENCE_KINDS)
    if unknown:
        raise ValueError(f"unknown evidence kinds {sorted(unknown)}; known: {', '.join(EVIDENCE_KINDS)}")

    today = np.datetime64(as_utc(now).replace(tzinfo=None), "us")
    age = np.maximum((today.astype(np.int64) - at.astype(np.int64)) / 86400e6, 0.0)
    latest = _latest_per_source(ind, ev, source, at)
    half_life = np.array([params.half_life_days.get(k, params.default_half_life_days) for k in kinds.tolist()])
    decay = 0.5 ** (age / half_life[ind]) if len(ind) else np.zeros(0)

    def decayed(kind: str) -> Floats:
        rows = latest & (ev == kind)
        return np.asarray(params.weights[kind] * np.bincount(ind[rows], weights=decay[rows], minlength=n),
                          dtype=np.float64)

    reports, sightings, confirmations = decayed("report"), decayed("sighting"), decayed("confirmation")
    base = 100 * (1 - np.exp(-(reports + sightings + confirmations) / params.saturation))
    fp = _fp_suppression(ind, ev, at, age, n, params.fp_half_life_days)
    score = np.rint(base * (1 - fp)).astype(np.int64)
    return RiskScores(score, reports, sightings, confirmations, fp)


def _latest_per_source(ind: NDArray[np.int64], ev: NDArray[np.str_], source: NDArray[Any],
                       at: NDArray[np.datetime64]) -> NDArray[np.bool_]:
    """True on the latest row of each (indicator, evidence kind, source)."""
    if len(ind) == 0:
        return np.zeros(0, dtype=bool)
    _, ev_code = np.unique(ev, return_inverse=True)
    _, source_code = np.unique(source, return_inverse=True)
    order = np.lexsort((at, source_code, ev_code, ind))
    group = np.column_stack([ind, ev_code, source_code])[order]
    last = np.r_[np.any(group[1:] != group[:-1], axis=1), True]
    out = np.zeros(len(ind), dtype=bool)
    out[order[last]] = True
    return out


def _fp_suppression(ind: NDArray[np.int64], ev: NDArray[np.str_], at: NDArray[np.datetime64],
                    age: Floats, n: int, half_life: float) -> Floats:
    verdict = np.flatnonzero((ev == "confirmation") | (ev == "false_positive"))
    fp = np.zeros(n)
    if len(verdict) == 0:
        return fp
    # The latest verdict per indicator; on the same instant a mark wins (caution).
    order = verdict[np.lexsort((ev[verdict] == "false_positive", at[verdict], ind[verdict]))]
    last = order[np.r_[ind[order][1:] != ind[order][:-1], True]]
    marked = last[ev[last] == "false_positive"]
    fp[ind[marked]] = 0.5 ** (age[marked] / half_life)
    return fp
