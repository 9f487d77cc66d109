"""Train, evaluate and switch the node's scam models; each step audited."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from xborder.classify import loading, registry, training
from xborder.core.actors import Actor
from xborder.node import Node
from xborder.store.audit import append_audit
from xborder.store.labels import confirmed_labels


def models_dir(node: Node) -> Path:
    return node.settings.home / "models"


def train_model(node: Node, *, acting: Actor, seed: int | None = None,
                shared_dir: Path | None = None) -> registry.ModelInfo:
    """A new model version from the corpora plus every analyst-labelled report."""
    with node.engine.connect() as conn:
        labelled = list(confirmed_labels(conn))
    kwargs: dict[str, Any] = {"out_dir": models_dir(node), "shared_dir": shared_dir}
    if seed is not None:
        kwargs["seed"] = seed
    info = training.train(labelled, **kwargs)
    loading.set_registry_dir(models_dir(node))
    with node.engine.begin() as conn:
        append_audit(conn, acting=acting, action="train_model", object_type="model", object_id=info.version,
                     details={"seed": info.seed, "analyst_labels": len(labelled), "summary": info.summary})
    return info


def evaluate_model(node: Node, version: str | None = None, *, shared_dir: Path | None = None) -> dict[str, Any]:
    with node.engine.connect() as conn:
        labelled = list(confirmed_labels(conn))
    return training.evaluate(version, registry_dir=models_dir(node), extra_labelled=labelled,
                             shared_dir=shared_dir)


def use_model(node: Node, version: str, *, acting: Actor) -> registry.ModelInfo:
    """Serve `version` from now on (a roll-back is just using an older one)."""
    info = loading.use_version(version, models_dir(node))
    loading.set_registry_dir(models_dir(node))
    with node.engine.begin() as conn:
        append_audit(conn, acting=acting, action="use_model", object_type="model", object_id=version)
    return info


def list_models(node: Node) -> list[registry.ModelInfo]:
    """The shipped model, then every trained version, oldest first."""
    return registry.list_versions(models_dir(node))
