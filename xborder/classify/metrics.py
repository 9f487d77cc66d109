"""Held-out evaluation of any predictor, as plain JSON-ready dicts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xborder.classify.corpus import Example
from xborder.classify.result import Prediction
from xborder.core.taxonomy import NOT_SCAM, SCAM_TYPES

SCAM = "scam"


def report(truth: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    """Per-class precision/recall/F1/support, macro F1, accuracy, confusion matrix."""
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for actual, guess in zip(truth, predicted):
        matrix[index[actual]][index[guess]] += 1
    per_class = {}
    for label, i in index.items():
        true_positive = matrix[i][i]
        predicted_count = sum(row[i] for row in matrix)
        support = sum(matrix[i])
        precision = true_positive / predicted_count if predicted_count else 0.0
        recall = true_positive / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": support,
        }
    present = [label for label in labels if per_class[label]["support"]]
    macro = sum(per_class[label]["f1"] for label in present) / len(present) if present else 0.0
    correct = sum(matrix[i][i] for i in range(len(labels)))
    return {
        "per_class": per_class,
        "macro_f1": round(macro, 4),
        "accuracy": round(correct / len(truth), 4) if truth else 0.0,
        "confusion_matrix": {"labels": list(labels), "rows_are_truth": True, "matrix": matrix},
        "count": len(truth),
    }


def scam_head_report(held_out: Sequence[Example], predictions: Sequence[Prediction]) -> dict[str, Any]:
    """Scam vs legitimate overall and per source.

    "thai_sms" compares scam with the corpus's legitimate messages (ok, otp);
    its "spam" (brands' advertising, often labelled both ways) is scored
    separately in "thai_sms_with_spam", where it counts as not scam.
    """

    def verdict(p: Prediction) -> str:
        return SCAM if p.scam_probability >= 0.5 else NOT_SCAM

    def truth(e: Example) -> str:
        return SCAM if e.is_scam else NOT_SCAM

    pairs = list(zip(held_out, predictions))
    groups: dict[str, list[tuple[Example, Prediction]]] = {"all": pairs}
    for example, prediction in pairs:
        groups.setdefault(example.source, []).append((example, prediction))
    if "thai_sms" in groups:
        groups["thai_sms_with_spam"] = groups["thai_sms"]
        groups["thai_sms"] = [(e, p) for e, p in groups["thai_sms"] if e.original != "spam"]
    result = {}
    for name, members in groups.items():
        section = report([truth(e) for e, _ in members], [verdict(p) for _, p in members], (SCAM, NOT_SCAM))
        section["scam_f1"] = section["per_class"][SCAM]["f1"]
        result[name] = section
    return result


def type_head_report(held_out: Sequence[Example], predictions: Sequence[Prediction]) -> dict[str, Any]:
    """Scam type of the typed held-out examples from the type head alone, and
    the whole decision (NOT_SCAM below one half, else the best type) over the
    examples that carry a taxonomy label, legitimate ones included."""
    labelled = [
        (e, p)
        for e, p in zip(held_out, predictions)
        if e.has_type or (e.label == NOT_SCAM and e.source in _TAXONOMY_SOURCES)
    ]
    typed = [(e, p) for e, p in labelled if e.has_type]
    head = report([e.label for e, _ in typed], [_best(p) for _, p in typed], SCAM_TYPES)
    decision = report(
        [e.label for e, _ in labelled],
        [_best(p) if p.scam_probability >= 0.5 else NOT_SCAM for _, p in labelled],
        (*SCAM_TYPES, NOT_SCAM),
    )
    return {"type_head": head, "decision": decision}


# Sources whose NOT_SCAM examples belong to the taxonomy's own label set.
_TAXONOMY_SOURCES = ("type_corpus", "analyst")


def _best(prediction: Prediction) -> str:
    return max(prediction.type_scores, key=prediction.type_scores.__getitem__)
