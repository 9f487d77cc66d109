"""Language detection, scam probability and scam type of a message."""

from xborder.classify.classifier import classify_text
from xborder.classify.explain import explanation_for
from xborder.classify.language import detect_language
from xborder.classify.result import Classification

__all__ = ["Classification", "classify_text", "detect_language", "explanation_for"]
