"""The trained two-head model: scam vs legitimate, and scam type."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from xborder.classify._spans import strongest_fragments
from xborder.classify.features import EXTRA_FEATURES, CharNgrams, extra_features
from xborder.classify.indicators import DESCRIPTIONS, FEATURES as INDICATOR_FEATURES
from xborder.classify.result import Prediction
from xborder.core.taxonomy import SCAM_TYPES


@dataclass(frozen=True)
class ModelArrays:
    """Everything a trained model is: plain arrays, saved without pickle.

    `weights` has one row per n-gram then one per EXTRA_FEATURES entry, and one
    column for the scam head followed by one per label in `type_labels`.
    """

    vocabulary: list[str]
    idf: np.ndarray
    ngram_range: tuple[int, int]
    weights: np.ndarray
    intercepts: np.ndarray
    type_labels: list[str]
    meta: dict[str, Any] = field(default_factory=dict)

    def check(self) -> ModelArrays:
        """Return self if the arrays fit together, else raise ValueError."""
        rows = len(self.vocabulary) + len(EXTRA_FEATURES)
        columns = 1 + len(self.type_labels)
        if self.weights.shape != (rows, columns):
            raise ValueError(f"weights are {self.weights.shape}, expected {(rows, columns)}")
        if self.intercepts.shape != (columns,) or self.idf.shape != (len(self.vocabulary),):
            raise ValueError("intercepts or idf do not match the weights")
        return self


# No corpus marks which of its values this node already confirmed as
# malicious, so the model cannot learn the weight of that fact; it is added
# as a fixed prior: odds of about 20 to 1 towards scam.
KNOWN_BAD_LOGIT = 3.0


class TrainedModel:
    """Predicts from normalised text and indicator flags with a ModelArrays."""

    def __init__(self, arrays: ModelArrays, version: str) -> None:
        self.arrays = arrays.check()
        self.version = version
        self._ngrams = CharNgrams(arrays.vocabulary, arrays.idf, arrays.ngram_range)
        self._text_rows = len(arrays.vocabulary)
        self._extra = arrays.weights[self._text_rows :]
        self._weights = arrays.weights
        self._labels = list(arrays.type_labels)
        offset = len(EXTRA_FEATURES) - len(INDICATOR_FEATURES)
        self._indicator_weight = {
            flag: float(self._extra[offset + i, 0]) for i, flag in enumerate(INDICATOR_FEATURES)
        }

    def predict(self, text: str, flags: frozenset[str]) -> Prediction:
        columns, values = self._ngrams.transform(text)
        extra = extra_features(text, flags)
        text_part = self._weights[columns]
        # One vector operation, then plain floats: NumPy's per-call overhead
        # on 14 numbers costs more than the arithmetic.
        decision = (values @ text_part + extra @ self._extra + self.arrays.intercepts).tolist()
        if "known_bad" in flags:
            decision[0] += KNOWN_BAD_LOGIT
        probability = 1.0 / (1.0 + math.exp(-decision[0]))
        top = max(decision[1:])
        exps = [math.exp(value - top) for value in decision[1:]]
        total = sum(exps)
        scores = dict.fromkeys(SCAM_TYPES, 0.0)
        scores.update((label, e / total) for label, e in zip(self._labels, exps))
        best = exps.index(max(exps))
        known = _Known(columns, values, text_part)
        reasons = self._reasons(text, known, flags, probability >= 0.5, best)
        return Prediction(scam_probability=probability, type_scores=scores, reasons=reasons)

    def _reasons(
        self, text: str, known: _Known, flags: frozenset[str], is_scam: bool, best: int
    ) -> tuple[str, ...]:
        # For a scam, the words that made it a scam and the words that made it
        # this type are quoted together: one pass over the n-grams, not two.
        if is_scam:
            contribution = known.share(0) + known.share(1 + best)
            what = f"{self._labels[best].replace('_', ' ')} scam wording"
        else:
            contribution = -known.share(0)
            what = "legitimate-looking wording"
        reasons = []
        fragments = strongest_fragments(text, self.arrays.vocabulary, known.columns, contribution)
        if fragments:
            reasons.append(f"{what} {_quote(fragments)}")
        sign = 1.0 if is_scam else -1.0
        for flag in sorted(flags):
            weight = KNOWN_BAD_LOGIT if flag == "known_bad" else self._indicator_weight[flag]
            if sign * weight > 0:
                reasons.append(DESCRIPTIONS[flag])
        return tuple(reasons)


@dataclass(frozen=True)
class _Known:
    """The message's known n-grams and their weights, for explanations."""

    columns: np.ndarray
    values: np.ndarray
    weights: np.ndarray

    def share(self, head: int) -> np.ndarray:
        """Each known n-gram's contribution to one head's decision value."""
        return self.values * self.weights[:, head]


def _quote(fragments: list[str]) -> str:
    return ", ".join(f'"{fragment}"' for fragment in fragments)
