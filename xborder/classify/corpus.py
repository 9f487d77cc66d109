"""Training corpora: the shared reference data, the project's own type corpus, analysts' labels."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from xborder.core.taxonomy import NOT_SCAM, SCAM_TYPES

LABELS: tuple[str, ...] = (*SCAM_TYPES, NOT_SCAM)

TYPE_CORPUS = "type_corpus.jsonl"

# The repository sits beside `shared/` in the agencies' workspace; an installed
# package has no such neighbour and trains on its own corpus alone.
DEFAULT_SHARED_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data"

_SHARED_FILES = ("thai_sms.csv", "uci_sms_spam.csv", "thai_scam_calls.jsonl")


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled text.

    `label` is a scam type, NOT_SCAM, or the generic "scam" of sources that
    only say scam or not (the type head skips those). `original` keeps the
    source's own label where it says more, e.g. the Thai SMS "spam" / "ok" /
    "otp" behind NOT_SCAM.
    """

    text: str
    label: str
    source: str
    original: str = ""

    @property
    def is_scam(self) -> bool:
        return self.label != NOT_SCAM

    @property
    def has_type(self) -> bool:
        return self.label in SCAM_TYPES


def check_label(label: str) -> str:
    """Return `label` if it is a scam type or NOT_SCAM, else raise ValueError."""
    if label not in LABELS:
        raise ValueError(f"unknown label {label!r}; expected one of: {', '.join(LABELS)}")
    return label


def check_shared_dir(path: Path | str | None = None) -> Path | None:
    """The shared reference-data directory if it holds all three corpora, else None."""
    directory = Path(path) if path is not None else DEFAULT_SHARED_DIR
    if all((directory / name).is_file() for name in _SHARED_FILES):
        return directory
    return None


def type_corpus() -> list[Example]:
    """The project-written corpus shipped in the package (see data/PROVENANCE.txt)."""
    source = resources.files("xborder.classify") / "data" / TYPE_CORPUS
    examples = []
    with source.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            try:
                label = check_label(record["label"])
            except ValueError as exc:
                raise ValueError(f"{TYPE_CORPUS} line {number}: {exc}") from None
            examples.append(Example(record["text"], label, "type_corpus"))
    return examples


def thai_sms(directory: Path) -> list[Example]:
    """Thai SMS: scam is a scam; spam (advertising), ok and otp are legitimate.

    Ten texts carry both the scam and spam labels; the scam label wins, so no
    text appears on both sides.
    """
    rows = _csv_rows(directory / "thai_sms.csv")
    scams = {text for label, text in rows if label == "scam"}
    seen: set[str] = set()
    examples = []
    for label, text in rows:
        if text in seen:
            continue
        seen.add(text)
        if text in scams:
            examples.append(Example(text, "scam", "thai_sms", "scam"))
        else:
            examples.append(Example(text, NOT_SCAM, "thai_sms", label))
    return examples


def uci_sms(directory: Path) -> list[Example]:
    """UCI SMS Spam Collection. Its spam is overwhelmingly premium-rate prize
    and "call to claim" fraud, so it counts as scam here (unlike the Thai
    corpus, whose "spam" is brands' advertising)."""
    seen: set[str] = set()
    examples = []
    for label, text in _csv_rows(directory / "uci_sms_spam.csv"):
        text = text.strip()
        if not text or text in seen:
            continue
        seen.add(text)
        examples.append(Example(text, "scam" if label == "spam" else NOT_SCAM, "uci_sms"))
    return examples


def thai_calls(directory: Path) -> list[Example]:
    """Synthetic Thai call dialogues, each flattened to the caller's and
    victim's turns in order."""
    examples = []
    with (directory / "thai_scam_calls.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            text = "\n".join(turn["text"] for turn in record["turns"])
            label = "scam" if record["label"] == 1 else NOT_SCAM
            examples.append(Example(text, label, "thai_calls"))
    return examples


def analyst_labels(pairs: Iterable[tuple[str, str]]) -> list[Example]:
    """Analysts' confirmed (text, label) pairs; labels are checked."""
    examples = []
    for text, label in pairs:
        if isinstance(text, str) and text.strip():
            examples.append(Example(text, check_label(label), "analyst"))
    return examples


def shared_corpora(directory: Path) -> Iterator[Example]:
    yield from thai_sms(directory)
    yield from uci_sms(directory)
    yield from thai_calls(directory)


def _csv_rows(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row["label"], row["text"].strip()) for row in csv.DictReader(handle)]
