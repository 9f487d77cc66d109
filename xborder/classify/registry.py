"""Model registry: a directory of trained versions, one of them active.

    <base_dir>/ACTIVE                      name of the active version
    <base_dir>/versions/<version>/         model.npz.gz, info.json, metrics.json

The model shipped in the package (data/model/) is the "builtin" version: it is
active while the registry is empty, and `use_version` can return to it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from xborder.classify import modelfile
from xborder.classify.model import TrainedModel

BUILTIN_DIR = Path(__file__).resolve().parent / "data" / "model"
ACTIVE_FILE = "ACTIVE"
INFO_FILE = "info.json"
METRICS_FILE = "metrics.json"


@dataclass(frozen=True)
class ModelInfo:
    """One model version as the registry records it."""

    version: str
    created_at: str
    seed: int
    sha256: str
    path: Path
    builtin: bool = False
    shared_data: str | None = None
    sources: dict[str, dict[str, int]] = field(default_factory=dict)
    summary: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "created_at": self.created_at,
            "seed": self.seed,
            "sha256": self.sha256,
            "path": str(self.path),
            "builtin": self.builtin,
            "shared_data": self.shared_data,
            "sources": self.sources,
            "summary": self.summary,
        }


def builtin_info() -> ModelInfo | None:
    """The shipped model, or None if this install has none."""
    return _read_info(BUILTIN_DIR, builtin=True)


def list_versions(base_dir: Path | str) -> list[ModelInfo]:
    """The builtin model (if shipped) then every registered version, oldest first."""
    versions = [info for info in (builtin_info(),) if info is not None]
    root = Path(base_dir) / "versions"
    if root.is_dir():
        found = [_read_info(child) for child in sorted(root.iterdir()) if child.is_dir()]
        versions.extend(sorted((i for i in found if i), key=lambda i: (i.created_at, i.version)))
    return versions


def active_version(base_dir: Path | str) -> str | None:
    """Name of the active version: the one last chosen, else the builtin model;
    None if there is neither (classification then falls back to keywords)."""
    pointer = Path(base_dir) / ACTIVE_FILE
    if pointer.is_file():
        name = pointer.read_text(encoding="utf-8").strip()
        if _find(name, base_dir) is not None:
            return name
    builtin = builtin_info()
    return builtin.version if builtin else None


def use_version(version: str, base_dir: Path | str) -> ModelInfo:
    """Make `version` the active one (roll back or forward); it must load."""
    info = _find(version, base_dir)
    if info is None:
        raise ValueError(f"unknown model version {version!r}")
    modelfile.load(info.path, info.version)
    pointer = Path(base_dir) / ACTIVE_FILE
    modelfile.write(pointer, f"{info.version}\n".encode())
    return info


def load_version(version: str, base_dir: Path | str | None) -> TrainedModel:
    """The model of `version`, from the registry or the builtin one."""
    info = _find(version, base_dir)
    if info is None:
        raise ValueError(f"unknown model version {version!r}")
    return modelfile.load(info.path, info.version)


def read_metrics(version: str, base_dir: Path | str | None) -> dict[str, Any]:
    """The metrics recorded when `version` was trained."""
    info = _find(version, base_dir)
    if info is None:
        raise ValueError(f"unknown model version {version!r}")
    return json.loads((info.path.parent / METRICS_FILE).read_text(encoding="utf-8"))


def add_version(
    base_dir: Path | str,
    content: bytes,
    description: dict[str, Any],
    metrics: dict[str, Any],
    now: datetime | None = None,
) -> ModelInfo:
    """Record a newly trained model; returns its info. Does not activate it."""
    created = (now or datetime.now(UTC)).astimezone(UTC)
    sha = modelfile.digest(content)
    stem = f"{created:%Y%m%dT%H%M%SZ}-{sha[:8]}"
    root = Path(base_dir) / "versions"
    root.mkdir(parents=True, exist_ok=True)
    version, attempt = stem, 1
    while (root / version).exists():
        attempt += 1
        version = f"{stem}-{attempt}"
    directory = root / version
    write_version(directory, version, created.isoformat(), content, description, metrics)
    info = _read_info(directory)
    if info is None:
        raise OSError(f"could not read back {directory}")
    return info


def write_version(
    directory: Path,
    version: str,
    created_at: str,
    content: bytes,
    description: dict[str, Any],
    metrics: dict[str, Any],
) -> None:
    """Write one version's three files; the model file last, as the commit point."""
    directory.mkdir(parents=True, exist_ok=True)
    info = {
        **description,
        "version": version,
        "created_at": created_at,
        "sha256": modelfile.digest(content),
    }
    for name, document in ((METRICS_FILE, {**metrics, "model_version": version}), (INFO_FILE, info)):
        text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        modelfile.write(directory / name, text.encode())
    modelfile.write(directory / modelfile.FILE_NAME, content)


def _find(version: str, base_dir: Path | str | None) -> ModelInfo | None:
    builtin = builtin_info()
    if builtin and version == builtin.version:
        return builtin
    if base_dir is None or not version or os.sep in version or version.startswith("."):
        return None
    return _read_info(Path(base_dir) / "versions" / version)


def _read_info(directory: Path, builtin: bool = False) -> ModelInfo | None:
    path = directory / modelfile.FILE_NAME
    try:
        info = json.loads((directory / INFO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not path.is_file():
        return None
    return ModelInfo(
        version=info["version"],
        created_at=info["created_at"],
        seed=int(info["seed"]),
        sha256=info["sha256"],
        path=path,
        builtin=builtin,
        shared_data=info.get("shared_data"),
        sources=info.get("sources", {}),
        summary=info.get("summary", {}),
    )
