"""Rebuild the model shipped in the package: `python -m xborder.classify.builtin`.

A maintainer's step, run when the type corpus, the features or the shared
corpora change; a fresh install then classifies with no training of its own.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from xborder.classify import registry, training


def rebuild(seed: int = training.DEFAULT_SEED, shared_dir: str | None = None) -> registry.ModelInfo:
    data = training.training_data(shared_dir=shared_dir)
    content, metrics, description = training.build(data, seed)
    version = f"builtin-{training.modelfile.digest(content)[:8]}"
    registry.write_version(
        registry.BUILTIN_DIR,
        version,
        datetime.now(UTC).isoformat(timespec="seconds"),
        content,
        description,
        metrics,
    )
    info = registry.builtin_info()
    if info is None:
        raise OSError(f"could not read back {registry.BUILTIN_DIR}")
    return info


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=training.DEFAULT_SEED)
    parser.add_argument("--shared-dir", default=None, help="shared corpora (default: ../shared/data)")
    args = parser.parse_args()
    info = rebuild(args.seed, args.shared_dir)
    print(f"{info.version}: {info.path} ({info.path.stat().st_size:,} bytes)")
    print(f"shared data: {info.shared_data or 'none found; type corpus only'}")
    for key, value in info.summary.items():
        print(f"  {key}: {value}")


if __name__ == "__main__":
    main()
