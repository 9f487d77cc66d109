"""Which predictor classify_text uses, loaded once and cached.

The registry's active version if a registry directory was set, else the
builtin model shipped in the package, else the keyword classifier. Another
process (`xborder model use`) may switch the active version, so the choice is
re-read at most every few seconds; a version is loaded only when it changes.
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Protocol

from xborder.classify import registry
from xborder.classify.keywords import KeywordPredictor
from xborder.classify.result import Prediction

_log = logging.getLogger(__name__)

_RECHECK_SECONDS = 2.0


class Predictor(Protocol):
    version: str

    def predict(self, text: str, flags: frozenset[str]) -> Prediction: ...


class _Cache:
    def __init__(self) -> None:
        self.registry_dir: Path | None = None
        self.predictor: Predictor | None = None
        self.checked_at = 0.0
        self.lock = threading.Lock()


_cache = _Cache()
_KEYWORDS = KeywordPredictor()


def set_registry_dir(path: Path | str | None) -> None:
    """Serve the active version of the registry at `path` (None: the builtin model)."""
    with _cache.lock:
        _cache.registry_dir = Path(path) if path is not None else None
        _cache.predictor = None


def use_version(version: str, base_dir: Path | str) -> registry.ModelInfo:
    """Activate `version` in the registry at `base_dir` and serve it from now on
    in this process (other processes notice within a few seconds)."""
    info = registry.use_version(version, base_dir)
    with _cache.lock:
        _cache.predictor = None
    return info


def current_predictor() -> Predictor:
    predictor = _cache.predictor
    if predictor is not None and time.monotonic() - _cache.checked_at < _RECHECK_SECONDS:
        return predictor
    with _cache.lock:
        _cache.checked_at = time.monotonic()
        wanted = _wanted_version(_cache.registry_dir)
        if _cache.predictor is None or _cache.predictor.version != wanted:
            _cache.predictor = _load(wanted, _cache.registry_dir)
        return _cache.predictor


def _wanted_version(registry_dir: Path | None) -> str | None:
    if registry_dir is not None:
        return registry.active_version(registry_dir)
    builtin = registry.builtin_info()
    return builtin.version if builtin else None


def _load(version: str | None, registry_dir: Path | None) -> Predictor:
    if version is not None:
        try:
            return registry.load_version(version, registry_dir)
        except (OSError, ValueError):
            # Intake must keep answering; a broken model file is an operator
            # problem reported in the log, not a reason to refuse reports.
            _log.exception("cannot load model version %s; trying the builtin model", version)
        builtin = registry.builtin_info()
        if builtin is not None and builtin.version != version:
            try:
                return registry.load_version(builtin.version, None)
            except (OSError, ValueError):
                _log.exception("cannot load the builtin model; using keywords")
    return _KEYWORDS
