"""classify_text: one message in, one Classification out."""

from __future__ import annotations

from collections.abc import Sequence

from xborder.classify.explain import analyst_explanation
from xborder.classify.indicators import extract_indicators, indicator_flags
from xborder.classify.language import detect_language
from xborder.classify.loading import current_predictor
from xborder.classify.result import Classification
from xborder.classify.text import bounded, check_text, normalise
from xborder.core.indicators import Indicator
from xborder.core.taxonomy import NOT_SCAM


def classify_text(text: str, indicators: Sequence[Indicator] | None = None) -> Classification:
    """Classify one message: language, scam probability, scam type and why.

    `indicators` are the message's extracted indicators if the caller already
    has them (the intake pipeline does); otherwise they are extracted here.
    Only the first MAX_CHARS characters are classified.
    """
    check_text(text)
    prefix, truncated = bounded(text)
    if indicators is None:
        indicators = extract_indicators(prefix)
    elif truncated:
        indicators = [ind for ind in indicators if ind.start < len(prefix)]
    predictor = current_predictor()
    prediction = predictor.predict(normalise(prefix), indicator_flags(indicators))
    best_type = max(prediction.type_scores, key=prediction.type_scores.__getitem__)
    scam_type = best_type if prediction.scam_probability >= 0.5 else NOT_SCAM
    return Classification(
        language=detect_language(prefix),
        scam_probability=prediction.scam_probability,
        scam_type=scam_type,
        type_scores=prediction.type_scores,
        explanation=analyst_explanation(prediction, scam_type, truncated),
        truncated=truncated,
        model_version=predictor.version,
    )
