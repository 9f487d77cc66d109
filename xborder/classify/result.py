"""The value classify_text returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Classification:
    """What the classifier concluded about one message.

    `scam_type` is a label from SCAM_TYPES, or NOT_SCAM when `scam_probability`
    is below one half; `type_scores` still ranks the scam types either way, so
    an analyst can see what kind of scam it would be.
    """

    language: str
    scam_probability: float
    scam_type: str
    type_scores: dict[str, float] = field(compare=False)
    explanation: str
    truncated: bool
    model_version: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "scam_probability": self.scam_probability,
            "scam_type": self.scam_type,
            "type_scores": dict(self.type_scores),
            "explanation": self.explanation,
            "truncated": self.truncated,
            "model_version": self.model_version,
        }


@dataclass(frozen=True, slots=True)
class Prediction:
    """What one classifier (keyword or trained) says about a normalised text.

    `type_scores` covers every label in SCAM_TYPES and sums to one; `reasons`
    are short English phrases naming the evidence, strongest first.
    """

    scam_probability: float
    type_scores: dict[str, float]
    reasons: tuple[str, ...]
