"""Which predictor classify_text uses, loaded once and cached."""

from __future__ import annotations

from xborder.classify.keywords import KeywordPredictor

_KEYWORDS = KeywordPredictor()


def current_predictor() -> KeywordPredictor:
    return _KEYWORDS
