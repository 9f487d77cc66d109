from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from xborder.extract import extract

HERE = Path(__file__).parent


def found(text: str, country: str | None = None) -> set[tuple[str, str]]:
    """The (kind, value) pairs extract() finds in `text`."""
    return {(i.kind, i.value) for i in extract(text, country)}


def load_helper(name: str) -> ModuleType:
    """A helper module of this folder (also used by bench/extract), loaded by path."""
    spec = importlib.util.spec_from_file_location(f"extract_tests_{name}", HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def pairs():
    return found


@pytest.fixture(scope="session")
def adversarial() -> ModuleType:
    return load_helper("adversarial")
