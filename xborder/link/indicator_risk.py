"""One indicator's risk as the API shows it: the score, what it is made of, and why.

Evidence rows come from the store (victims' reports, partner sightings,
analysts' marks); the formula is risk.py's. A warninglisted value scores 0
whatever its evidence: official numbers and shared infrastructure are
reported by victims all the time and must never read as malicious (DESIGN.md,
warninglists).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

import numpy as np

from xborder.core.clock import as_utc
from xborder.link.risk import RiskParams, risk_scores

# An analyst's verdict (indicator_marks.verdict) -> its evidence kind in risk.py.
VERDICT_EVIDENCE = {"confirmed": "confirmation", "false_positive": "false_positive"}

_VERDICT_OF = {ev: verdict for verdict, ev in VERDICT_EVIDENCE.items()}
_COUNTED = {"report": "reports", "sighting": "sightings", "confirmation": "confirmations",
            "false_positive": "false_positives"}


class Evidence(NamedTuple):
    kind: str  # one of risk.EVIDENCE_KINDS
    at: datetime
    source: str  # who it comes from: items from one source count once


def explain_risk(kind: str, warninglist: str | None, evidence: Sequence[Evidence], now: datetime,
                 params: RiskParams = RiskParams()) -> dict[str, Any]:
    """The score 0-100, its decayed components, the independent sources per kind and the verdict in force."""
    at = np.array([as_utc(e.at).replace(tzinfo=None) for e in evidence], dtype="datetime64[us]")
    scores = risk_scores([kind], [0] * len(evidence), [e.kind for e in evidence], at, [e.source for e in evidence],
                         now, params)
    parts = scores.components(0)
    sources = {name: len({e.source for e in evidence if e.kind == ev}) for ev, name in _COUNTED.items()}
    verdicts = [e for e in evidence if e.kind in ("confirmation", "false_positive")]
    # Same order as risk.py: the latest verdict wins, a mark on the same instant wins.
    latest = max(verdicts, key=lambda e: (as_utc(e.at), e.kind == "false_positive"), default=None)
    reason = None
    if warninglist:
        reason = f"on the {warninglist} warninglist: official and shared values never score as malicious"
    return {
        "score": 0 if warninglist else int(parts["score"]),
        "reason": reason,
        "components": {name: round(parts[name], 4)
                       for name in ("reports", "sightings", "confirmations", "fp_suppression")},
        "sources": sources,
        "verdict": None if latest is None else _VERDICT_OF[latest.kind],
        "half_life_days": params.half_life_days.get(kind, params.default_half_life_days),
    }

