"""train() and evaluate(): the functions behind `xborder model train/evaluate`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xborder.classify import corpus, keywords, modelfile, registry
from xborder.classify.fitting import fit
from xborder.classify.indicators import extract_indicators, indicator_flags
from xborder.classify.metrics import scam_head_report, type_head_report
from xborder.classify.model import TrainedModel
from xborder.classify.split import HELD_OUT_SHARE, split
from xborder.classify.text import bounded, normalise

DEFAULT_SEED = 13


@dataclass(frozen=True)
class TrainingData:
    """The examples a run uses and where they came from."""

    examples: list[corpus.Example]
    shared_dir: Path | None

    def describe(self) -> str:
        counts = Counter(example.source for example in self.examples)
        where = f"shared data from {self.shared_dir}" if self.shared_dir else "no shared data found"
        parts = ", ".join(f"{source} {count}" for source, count in sorted(counts.items()))
        return f"{len(self.examples)} examples ({parts}); {where}"


def training_data(
    extra_labelled: Iterable[tuple[str, str]] = (), shared_dir: Path | str | None = None
) -> TrainingData:
    """The package's type corpus, the shared corpora if `shared_dir` (default:
    the workspace's shared/data) holds them, and analysts' confirmed labels."""
    directory = corpus.check_shared_dir(shared_dir)
    examples = corpus.type_corpus()
    if directory is not None:
        examples.extend(corpus.shared_corpora(directory))
    examples.extend(corpus.analyst_labels(extra_labelled))
    return TrainingData(examples, directory)


def prepare(examples: Sequence[corpus.Example]) -> tuple[list[str], list[frozenset[str]]]:
    """Normalised classified prefixes and indicator flags, as classify_text sees them."""
    texts, flags = [], []
    for example in examples:
        prefix, _ = bounded(example.text)
        indicators = extract_indicators(prefix)
        texts.append(normalise(prefix))
        flags.append(indicator_flags(indicators))
    return texts, flags


def train(
    extra_labelled: Iterable[tuple[str, str]] = (),
    *,
    out_dir: Path | str,
    seed: int = DEFAULT_SEED,
    shared_dir: Path | str | None = None,
    activate: bool = True,
) -> registry.ModelInfo:
    """Train both heads, evaluate them on the held-out split, and record the
    new version (with its metrics) in the registry at `out_dir`.

    The same data and seed give a byte-identical model file.
    """
    data = training_data(extra_labelled, shared_dir)
    content, metrics, description = build(data, seed)
    info = registry.add_version(out_dir, content, description, metrics)
    if activate:
        registry.use_version(info.version, out_dir)
    return info


def build(data: TrainingData, seed: int) -> tuple[bytes, dict[str, Any], dict[str, Any]]:
    """Model file content, held-out metrics and the registry description."""
    train_examples, held_out = split(data.examples, seed)
    texts, flags = prepare(train_examples)
    arrays = fit(train_examples, texts, flags, seed)
    content = modelfile.to_bytes(arrays)
    model = TrainedModel(modelfile.read_arrays(content), "candidate")
    metrics = measure(model, held_out, seed)
    sources: dict[str, dict[str, int]] = {}
    for name, examples in (("train", train_examples), ("held_out", held_out)):
        for example in examples:
            sources.setdefault(example.source, {"train": 0, "held_out": 0})[name] += 1
    description = {
        "seed": seed,
        "shared_data": str(data.shared_dir) if data.shared_dir else None,
        "sources": sources,
        "summary": metrics["summary"],
    }
    metrics["data"] = {"description": data.describe(), **description}
    return content, metrics, description


def evaluate(
    version: str | None = None,
    *,
    registry_dir: Path | str | None = None,
    extra_labelled: Iterable[tuple[str, str]] = (),
    shared_dir: Path | str | None = None,
) -> dict[str, Any]:
    """Per-class precision, recall, F1 and confusion matrices of both heads
    (and of the keyword baseline) on the held-out split of today's data, for
    `version` or the active model. JSON-serialisable."""
    name = version or (registry.active_version(registry_dir) if registry_dir else None)
    if name is None:
        builtin = registry.builtin_info()
        if builtin is None:
            raise ValueError("no trained model to evaluate")
        name = builtin.version
    model = registry.load_version(name, registry_dir)
    seed = int(model.arrays.meta["seed"])
    data = training_data(extra_labelled, shared_dir)
    _, held_out = split(data.examples, seed)
    metrics = measure(model, held_out, seed)
    metrics["model_version"] = name
    metrics["data"] = {
        "description": data.describe(),
        "shared_data": str(data.shared_dir) if data.shared_dir else None,
    }
    return metrics


def measure(model: TrainedModel, held_out: Sequence[corpus.Example], seed: int) -> dict[str, Any]:
    """Metrics of `model` and of the keyword baseline on `held_out`."""
    texts, flags = prepare(held_out)
    trained = [model.predict(text, flag) for text, flag in zip(texts, flags)]
    baseline = [keywords.predict(text, flag) for text, flag in zip(texts, flags)]
    result: dict[str, Any] = {
        "seed": seed,
        "held_out": f"1 in {HELD_OUT_SHARE}",
        "scam": scam_head_report(held_out, trained),
        "type": type_head_report(held_out, trained),
        "keyword_baseline": {
            "scam": scam_head_report(held_out, baseline),
            "type": type_head_report(held_out, baseline),
        },
    }
    result["summary"] = _summary(result)
    return result


def _summary(result: dict[str, Any]) -> dict[str, float]:
    def figures(section: dict[str, Any]) -> dict[str, float]:
        scam = section["scam"]
        found = {
            "scam_f1": scam["all"]["scam_f1"],
            "type_macro_f1": section["type"]["type_head"]["macro_f1"],
        }
        if "thai_sms" in scam:
            found["thai_sms_scam_f1"] = scam["thai_sms"]["scam_f1"]
        return found

    summary = figures(result)
    summary.update({f"baseline_{k}": v for k, v in figures(result["keyword_baseline"]).items()})
    return summary


