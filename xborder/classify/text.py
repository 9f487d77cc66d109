"""Text normalisation shared by the keyword scorer and the models."""

from __future__ import annotations

import re

MAX_CHARS = 4000
"""Only this prefix of a message is classified; scams show their hand early."""

# Khmer writing puts zero-width spaces between words at the writer's whim, and
# Thai/Khmer digits are as common as ASCII ones; both would split n-grams and
# phrases that mean the same thing.
_TRANSLATE = str.maketrans(
    {
        **{chr(0x0E50 + i): str(i) for i in range(10)},
        **{chr(0x17E0 + i): str(i) for i in range(10)},
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
        "\u00a0": " ",
    }
)
_SPACES = re.compile(r"\s+")


def check_text(text: object) -> str:
    """Return `text` if it is a non-blank str; raise TypeError / ValueError otherwise."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if not text.strip():
        raise ValueError("text is empty")
    return text


def bounded(text: str) -> tuple[str, bool]:
    """The prefix that is classified, and whether anything was cut off."""
    if len(text) <= MAX_CHARS:
        return text, False
    return text[:MAX_CHARS], True


def normalise(text: str) -> str:
    """Lower-case, unify digits, drop zero-width marks, collapse whitespace."""
    return _SPACES.sub(" ", text.translate(_TRANSLATE).lower()).strip()
