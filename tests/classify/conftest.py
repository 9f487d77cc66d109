"""Shared fixtures: one small model trained once per session (type corpus only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from xborder.classify import loading, training

SEED = 5


@pytest.fixture(scope="session")
def no_shared_dir(tmp_path_factory) -> Path:
    """A directory without the shared corpora, so training uses the package's own corpus."""
    return tmp_path_factory.mktemp("no_shared_data")


@pytest.fixture(scope="session")
def trained_registry(tmp_path_factory, no_shared_dir):
    """(registry dir, ModelInfo) of a model trained on the type corpus alone."""
    registry_dir = tmp_path_factory.mktemp("registry")
    info = training.train(out_dir=registry_dir, seed=SEED, shared_dir=no_shared_dir)
    return registry_dir, info


@pytest.fixture
def served_registry():
    """Point classify_text at a registry for one test, then back at the builtin model."""
    yield loading.set_registry_dir
    loading.set_registry_dir(None)
