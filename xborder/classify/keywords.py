"""Keyword classifier: the shipped fallback and the benchmark's baseline."""

from __future__ import annotations

import math
from collections.abc import Iterable

from xborder.classify.indicators import DESCRIPTIONS
from xborder.classify.lexicon import (
    INDICATOR_TYPE_HINTS,
    INDICATOR_WEIGHTS,
    LEGITIMATE_CUES,
    SCAM_CUES,
    TYPE_PHRASES,
)
from xborder.classify.result import Prediction
from xborder.classify.text import normalise
from xborder.core.taxonomy import SCAM_TYPES

VERSION = "keywords-1"

# Where the logistic curve crosses one half, and how steep it is: one strong
# phrase plus a link is a scam, a single weak hint is not.
_THRESHOLD = 2.5
_SLOPE = 1.2


def _normalised(table: dict[str, float]) -> tuple[tuple[str, float], ...]:
    return tuple((normalise(phrase), weight) for phrase, weight in table.items())


_TYPE_PHRASES = {label: _normalised(TYPE_PHRASES[label]) for label in SCAM_TYPES}
_SCAM_CUES = _normalised(SCAM_CUES)
_LEGITIMATE_CUES = _normalised(LEGITIMATE_CUES)


def _matches(text: str, phrases: Iterable[tuple[str, float]]) -> list[tuple[str, float]]:
    return [(phrase, weight) for phrase, weight in phrases if phrase in text]


def predict(text: str, flags: frozenset[str]) -> Prediction:
    """Score normalised `text` with the phrase lists and indicator `flags`."""
    raw: dict[str, float] = {}
    found: dict[str, list[tuple[str, float]]] = {}
    for label in SCAM_TYPES:
        hits = _matches(text, _TYPE_PHRASES[label])
        found[label] = hits
        raw[label] = sum(weight for _, weight in hits)
    for flag, (label, weight) in INDICATOR_TYPE_HINTS.items():
        if flag in flags:
            raw[label] += weight
    cues = _matches(text, _SCAM_CUES)
    legit = _matches(text, _LEGITIMATE_CUES)
    indicator_score = sum(INDICATOR_WEIGHTS[flag] for flag in flags)
    # The best type counts fully, the rest half: a message naming two scams is
    # more suspicious than one, but a long list of weak hints should not win.
    ranked = sorted(raw.values(), reverse=True)
    evidence = ranked[0] + 0.5 * sum(ranked[1:]) if ranked else 0.0
    score = (
        evidence
        + sum(weight for _, weight in cues)
        + indicator_score
        - sum(weight for _, weight in legit)
    )
    probability = 1.0 / (1.0 + math.exp(-_SLOPE * (score - _THRESHOLD)))
    return Prediction(
        scam_probability=probability,
        type_scores=_type_distribution(raw),
        reasons=_reasons(found, cues, legit, flags),
    )


def _type_distribution(raw: dict[str, float]) -> dict[str, float]:
    total = sum(raw.values())
    if total <= 0:
        # Nothing type-specific was said: "other" is the honest answer.
        return {label: (1.0 if label == "other" else 0.0) for label in SCAM_TYPES}
    return {label: raw[label] / total for label in SCAM_TYPES}


def _quote(hits: list[tuple[str, float]], limit: int = 4) -> str:
    strongest = sorted(hits, key=lambda hit: -hit[1])[:limit]
    return ", ".join(f'"{phrase}"' for phrase, _ in strongest)


def _reasons(
    found: dict[str, list[tuple[str, float]]],
    cues: list[tuple[str, float]],
    legit: list[tuple[str, float]],
    flags: frozenset[str],
) -> tuple[str, ...]:
    reasons = []
    by_strength = sorted(found.items(), key=lambda item: -sum(w for _, w in item[1]))
    for label, hits in by_strength[:2]:
        if hits:
            reasons.append(f"{label.replace('_', ' ')} words {_quote(hits)}")
    if cues:
        reasons.append(f"pressure or lure words {_quote(cues, 3)}")
    for flag in sorted(flags, key=lambda f: -abs(INDICATOR_WEIGHTS[f])):
        reasons.append(DESCRIPTIONS[flag])
    if legit:
        reasons.append(f"words legitimate senders use {_quote(legit, 3)}")
    return tuple(reasons)


class KeywordPredictor:
    """The keyword classifier behind the same interface as a trained model."""

    version = VERSION

    def predict(self, text: str, flags: frozenset[str]) -> Prediction:
        return predict(text, flags)
