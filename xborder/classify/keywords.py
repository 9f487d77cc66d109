"""Keyword classifier: the shipped fallback and the benchmark's baseline."""

from __future__ import annotations

import math

from xborder.classify.indicators import DESCRIPTIONS
from xborder.classify.lexicon import (
    INDICATOR_TYPE_HINTS,
    INDICATOR_WEIGHTS,
    LEGITIMATE_CUES,
    SCAM_CUES,
    TYPE_PHRASES,
)
from xborder.classify.phrases import PhraseIndex
from xborder.classify.result import Prediction
from xborder.classify.text import normalise
from xborder.core.taxonomy import SCAM_TYPES

VERSION = "keywords-1"

# Where the logistic curve crosses one half, and how steep it is: one strong
# phrase plus a link is a scam, a single weak hint is not.
_THRESHOLD = 2.5
_SLOPE = 1.2


def _normalised(table: dict[str, float]) -> dict[str, float]:
    return {normalise(phrase): weight for phrase, weight in table.items()}


_TYPE_PHRASES = {label: _normalised(TYPE_PHRASES[label]) for label in SCAM_TYPES}
_SCAM_CUES = _normalised(SCAM_CUES)
_LEGITIMATE_CUES = _normalised(LEGITIMATE_CUES)
_INDEX = PhraseIndex(
    [p for table in (*_TYPE_PHRASES.values(), _SCAM_CUES, _LEGITIMATE_CUES) for p in table]
)

Hits = list[tuple[str, float]]


def _hits(found: set[str], table: dict[str, float]) -> Hits:
    # Sorted so that sums and explanations do not depend on set order, which
    # changes between processes with string hash randomisation.
    return [(phrase, table[phrase]) for phrase in sorted(found) if phrase in table]


_BY_PHRASE: dict[str, list[tuple[str, float]]] = {}
for _label, _table in _TYPE_PHRASES.items():
    for _phrase, _weight in _table.items():
        _BY_PHRASE.setdefault(_phrase, []).append((_label, _weight))


def type_weights(text: str) -> dict[str, float]:
    """Per scam type, the summed weight of its phrases in normalised `text`."""
    raw = dict.fromkeys(SCAM_TYPES, 0.0)
    for phrase in sorted(_INDEX.find(text)):
        for label, weight in _BY_PHRASE.get(phrase, ()):
            raw[label] += weight
    return raw


def type_evidence(text: str) -> tuple[dict[str, float], dict[str, Hits], set[str]]:
    """Per scam type, the summed weight of its phrases in normalised `text`,
    the phrases behind each sum, and every lexicon phrase found."""
    found = _INDEX.find(text)
    hits = {label: _hits(found, _TYPE_PHRASES[label]) for label in SCAM_TYPES}
    raw = {label: sum(weight for _, weight in hits[label]) for label in SCAM_TYPES}
    return raw, hits, found


def predict(text: str, flags: frozenset[str]) -> Prediction:
    """Score normalised `text` with the phrase lists and indicator `flags`."""
    raw, found, phrases = type_evidence(text)
    for flag, (label, weight) in INDICATOR_TYPE_HINTS.items():
        if flag in flags:
            raw[label] += weight
    cues = _hits(phrases, _SCAM_CUES)
    legit = _hits(phrases, _LEGITIMATE_CUES)
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
        type_scores=type_distribution(raw),
        reasons=_reasons(found, cues, legit, flags),
    )


def type_distribution(raw: dict[str, float]) -> dict[str, float]:
    """Scores summing to one; "other" takes all when nothing type-specific was said."""
    total = sum(raw.values())
    if total <= 0:
        return {label: (1.0 if label == "other" else 0.0) for label in SCAM_TYPES}
    return {label: raw[label] / total for label in SCAM_TYPES}


def _quote(hits: Hits, limit: int = 4) -> str:
    strongest = sorted(hits, key=lambda hit: (-hit[1], hit[0]))[:limit]
    return ", ".join(f'"{phrase}"' for phrase, _ in strongest)


def _reasons(
    found: dict[str, Hits],
    cues: Hits,
    legit: Hits,
    flags: frozenset[str],
) -> tuple[str, ...]:
    reasons = []
    by_strength = sorted(found.items(), key=lambda item: -sum(w for _, w in item[1]))
    for label, hits in by_strength[:2]:
        if hits:
            reasons.append(f"{label.replace('_', ' ')} words {_quote(hits)}")
    if cues:
        reasons.append(f"pressure or lure words {_quote(cues, 3)}")
    for flag in sorted(flags, key=lambda f: (-abs(INDICATOR_WEIGHTS[f]), f)):
        reasons.append(DESCRIPTIONS[flag])
    if legit:
        reasons.append(f"words legitimate senders use {_quote(legit, 3)}")
    return tuple(reasons)


class KeywordPredictor:
    """The keyword classifier behind the same interface as a trained model."""

    version = VERSION

    def predict(self, text: str, flags: frozenset[str]) -> Prediction:
        return predict(text, flags)
