"""Which language to answer a citizen in: th, km or en."""

from __future__ import annotations

ANSWER_LANGUAGES: tuple[str, ...] = ("th", "km", "en")


def answer_language(requested: str | None, accept_language: str, fallback: str = "en") -> str:
    """The language asked for, else the first of th/km/en in Accept-Language, else `fallback`."""
    if requested is not None and requested in ANSWER_LANGUAGES:
        return requested
    for part in accept_language.split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in ANSWER_LANGUAGES:
            return tag
    return fallback if fallback in ANSWER_LANGUAGES else "en"
