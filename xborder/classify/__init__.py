"""Language detection, scam probability and scam type of a message.

classify_text() is the entry point; train(), evaluate() and the registry
functions are what `xborder model ...` and the analysts' feedback loop use.
"""

from xborder.classify.classifier import classify_text
from xborder.classify.explain import explanation_for
from xborder.classify.language import detect_language
from xborder.classify.loading import set_registry_dir, use_version
from xborder.classify.registry import ModelInfo, active_version, list_versions, read_metrics
from xborder.classify.result import Classification
from xborder.classify.training import DEFAULT_SEED, evaluate, train

__all__ = [
    "DEFAULT_SEED",
    "Classification",
    "ModelInfo",
    "active_version",
    "classify_text",
    "detect_language",
    "evaluate",
    "explanation_for",
    "list_versions",
    "read_metrics",
    "set_registry_dir",
    "train",
    "use_version",
]
