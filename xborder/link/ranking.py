"""Which networks investigators should act on first: the priority score.

    priority = loss + size + border + growth, never below 0
    loss     = 10 * log10(1 + loss_thb)        1,000,000 THB -> 60
    size     =  8 * log2(1 + reports)          63 reports -> 48
    border   = 15 if seen in more than one country (it needs the partner to act)
    growth   = 10 * clip(log2((1 + last_30) / (1 + previous_30)), -2, 2)

Loss dominates, size adds with diminishing returns. Growth compares reports
in the last 30 days with the 30 days before: a network that quadrupled gets
+20, a quiet one 0, one that went silent -20, so an active gang outranks an
old one of the same size. The first three terms are `priority.network_priority`,
which intake uses per report; a recompute adds growth.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

FORMULA = ("10*log10(1+loss_thb) + 8*log2(1+reports) + 15*cross_border "
           "+ 10*clip(log2((1+last_30_days)/(1+previous_30_days)), -2, 2), at least 0")

Floats = NDArray[np.float64]


@dataclass(frozen=True)
class Priorities:
    loss: Floats
    size: Floats
    border: Floats
    growth: Floats
    total: Floats

    def components(self, g: int) -> dict[str, float]:
        """One network's score and its parts, as the API shows them."""
        return {"loss": float(self.loss[g]), "size": float(self.size[g]), "border": float(self.border[g]),
                "growth": float(self.growth[g]), "total": float(self.total[g])}


def priority_scores(loss_thb: ArrayLike, reports: ArrayLike, countries: ArrayLike, last_30_days: ArrayLike,
                    previous_30_days: ArrayLike) -> Priorities:
    """Priority per network from its summary figures (`countries`: how many)."""
    loss = 10 * np.log10(1 + np.maximum(np.asarray(loss_thb, dtype=np.float64), 0))
    size = 8 * np.log2(1 + np.maximum(np.asarray(reports, dtype=np.float64), 0))
    border = np.where(np.asarray(countries) > 1, 15.0, 0.0)
    recent = np.maximum(np.asarray(last_30_days, dtype=np.float64), 0)
    before = np.maximum(np.asarray(previous_30_days, dtype=np.float64), 0)
    growth = 10 * np.clip(np.log2((1 + recent) / (1 + before)), -2, 2)
    total = np.maximum(loss + size + border + growth, 0)
    return Priorities(*(np.round(x, 3) for x in (loss, size, border, growth, total)))
