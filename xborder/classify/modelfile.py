"""Model files: a gzip'd NumPy archive, reproducible to the byte, loaded without pickle.

Pickle (joblib) would run code from whatever file sits in the registry
directory; an .npz read with allow_pickle=False cannot. Gzip with a zero
timestamp and a fixed array order make the same model the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import zipfile
from pathlib import Path

import numpy as np

from xborder.classify.model import ModelArrays, TrainedModel

FILE_NAME = "model.npz.gz"
FORMAT = 1
_EPOCH = (1980, 1, 1, 0, 0, 0)


def to_bytes(arrays: ModelArrays) -> bytes:
    """The file content for `arrays`."""
    meta = {**arrays.meta, "format": FORMAT, "ngram_range": list(arrays.ngram_range)}
    members = {
        "vocabulary": np.array(arrays.vocabulary, dtype=str),
        "idf": arrays.idf.astype(np.float64),
        "weights": arrays.weights.astype(np.float64),
        "intercepts": arrays.intercepts.astype(np.float64),
        "type_labels": np.array(arrays.type_labels, dtype=str),
        "meta": np.array(json.dumps(meta, sort_keys=True)),
    }
    buffer = io.BytesIO()
    # np.savez stamps each member with the current time; a fixed ZipInfo keeps
    # the archive a function of the arrays alone.
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, array in members.items():
            info = zipfile.ZipInfo(f"{name}.npy", date_time=_EPOCH)
            with archive.open(info, "w", force_zip64=True) as member:
                np.lib.format.write_array(member, array, allow_pickle=False)
    return gzip.compress(buffer.getvalue(), compresslevel=6, mtime=0)


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def write(path: Path, content: bytes) -> None:
    """Write atomically, so a reader never sees half a model."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(content)
    os.replace(partial, path)


def read_arrays(content: bytes) -> ModelArrays:
    """Parse file content; raise ValueError if it is not a model of a known format."""
    try:
        with np.load(io.BytesIO(gzip.decompress(content)), allow_pickle=False) as archive:
            meta = json.loads(str(archive["meta"]))
            if meta.get("format") != FORMAT:
                raise ValueError(f"unsupported model format {meta.get('format')!r}")
            arrays = ModelArrays(
                vocabulary=archive["vocabulary"].tolist(),
                idf=archive["idf"],
                ngram_range=(int(meta["ngram_range"][0]), int(meta["ngram_range"][1])),
                weights=archive["weights"],
                intercepts=archive["intercepts"],
                type_labels=archive["type_labels"].tolist(),
                meta=meta,
            )
    except (OSError, EOFError, KeyError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
        raise ValueError(f"not a model file: {exc}") from exc
    return arrays.check()


def load(path: Path, version: str) -> TrainedModel:
    """The model in `path`, reported under `version`."""
    return TrainedModel(read_arrays(path.read_bytes()), version)
