"""The one rule from what the node knows of a value to its verdict.

Lookups (one value or ten thousand) and the block-list feeds all decide here:
a value a feed blocks is a value a lookup calls malicious, and no other.

    official    on an official warninglist (hotlines, banks' own numbers and sites)
    malicious   an analyst confirmed it, or its risk is at least MALICIOUS_RISK
                and no analyst marked it a false positive
    suspicious  some live evidence (risk >= SUSPICIOUS_RISK) that is not enough
                for malicious, or is under a false-positive mark
    unknown     nothing live: never reported, reports decayed away, or shared
                infrastructure (platforms, link shorteners) that never scores

Risk is xborder.link.risk's score 0-100, which already decays with age and
drops to 0 under a fresh false-positive mark.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

MALICIOUS = "malicious"
SUSPICIOUS = "suspicious"
UNKNOWN = "unknown"
OFFICIAL = "official"
VERDICTS: tuple[str, ...] = (MALICIOUS, SUSPICIOUS, UNKNOWN, OFFICIAL)

# Three fresh reports from different victims score 45, a partner's sighting
# and one report 45, an analyst's confirmation alone 70 (link/risk.py). One or
# two victims may be mistaken or malicious themselves; three are a pattern a
# bank may act on. Below that, any live evidence makes a value suspicious.
MALICIOUS_RISK = 45
SUSPICIOUS_RISK = 1

# Warninglists of the real thing; the others (platforms, shorteners) only say a
# value is too widely shared to judge.
OFFICIAL_LISTS: tuple[str, ...] = ("official", "call-centres", "hotlines")

# Analysts' marks (indicator_marks.verdict); only the latest one counts.
CONFIRMED = "confirmed"
FALSE_POSITIVE = "false_positive"

# Small codes for the index's columns and the vectorised path.
WL_NONE, WL_OFFICIAL, WL_COMMON = 0, 1, 2
MARK_NONE, MARK_CONFIRMED, MARK_FALSE_POSITIVE = 0, 1, 2
MARK_CODES = {None: MARK_NONE, CONFIRMED: MARK_CONFIRMED, FALSE_POSITIVE: MARK_FALSE_POSITIVE}
MARK_NAMES = {code: name for name, code in MARK_CODES.items()}


def is_official(warninglist: str | None) -> bool:
    """True for a list of official values (hotlines, call centres, official domains)."""
    return bool(warninglist) and any(key in str(warninglist) for key in OFFICIAL_LISTS)


def warninglist_state(warninglist: str | None) -> int:
    if not warninglist:
        return WL_NONE
    return WL_OFFICIAL if is_official(warninglist) else WL_COMMON


def decide_codes(risk: int, wl_state: int, mark: int) -> str:
    """The rule itself, on the index's codes (see the module docstring)."""
    if wl_state == WL_OFFICIAL:
        return OFFICIAL
    if wl_state == WL_COMMON:
        return UNKNOWN
    if mark == MARK_CONFIRMED:
        return MALICIOUS
    if risk >= MALICIOUS_RISK and mark != MARK_FALSE_POSITIVE:
        return MALICIOUS
    if risk >= SUSPICIOUS_RISK:
        return SUSPICIOUS
    return UNKNOWN


def decide(risk: int, warninglist: str | None, mark: str | None) -> str:
    """The verdict for a value with this risk (0-100), warninglist name and latest analyst mark."""
    if mark not in MARK_CODES:
        raise ValueError(f"unknown mark {mark!r}; marks: {CONFIRMED}, {FALSE_POSITIVE}")
    return decide_codes(risk, warninglist_state(warninglist), MARK_CODES[mark])


# Every input the rule can see, decided once by decide_codes: the vectorised
# path reads this table, so it cannot drift from the scalar one.
_TABLE: NDArray[np.uint8] = np.array(
    [[[VERDICTS.index(decide_codes(r, wl, m)) for r in range(101)] for m in range(3)] for wl in range(3)],
    dtype=np.uint8,
)


def decide_many(risk: NDArray[np.integer], wl_state: NDArray[np.integer],
                mark: NDArray[np.integer]) -> NDArray[np.uint8]:
    """Verdict codes (indexes into VERDICTS) for arrays of risk, warninglist state and mark codes."""
    return _TABLE[np.asarray(wl_state, dtype=np.intp), np.asarray(mark, dtype=np.intp),
                  np.clip(np.asarray(risk, dtype=np.intp), 0, 100)]
