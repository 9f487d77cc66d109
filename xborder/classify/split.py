"""Which examples are held out for evaluation: a pure function of text and seed."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from xborder.classify.corpus import Example
from xborder.classify.text import normalise

HELD_OUT_SHARE = 5
"""One example in this many is held out."""

# Bulk senders resend one template with a new link or amount; keying on the
# text without links and digits keeps every copy on the same side of the split.
_VARIABLE = re.compile(r"https?://\S+|www\.\S+|\S+\.\S+/\S*|\d+")


def split_key(text: str) -> str:
    return " ".join(_VARIABLE.sub(" ", normalise(text)).split())


def is_held_out(text: str, seed: int) -> bool:
    """True for about 1 in HELD_OUT_SHARE texts, the same ones for the same seed."""
    digest = hashlib.sha256(f"{seed}\x00{split_key(text)}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % HELD_OUT_SHARE == 0


def split(examples: Iterable[Example], seed: int) -> tuple[list[Example], list[Example]]:
    """(training, held-out) examples."""
    train: list[Example] = []
    held_out: list[Example] = []
    for example in examples:
        (held_out if is_held_out(example.text, seed) else train).append(example)
    return train, held_out
