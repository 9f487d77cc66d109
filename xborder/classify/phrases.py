"""Find which of many fixed phrases occur in a text, fast enough per message."""

from __future__ import annotations

from collections.abc import Iterable


class PhraseIndex:
    """Phrases indexed by their first two characters.

    Testing hundreds of phrases with `in` costs more than the whole trained
    model; intersecting the text's character pairs with the index keys first
    leaves only a handful of phrases to check.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self._by_prefix: dict[str, list[str]] = {}
        for phrase in dict.fromkeys(phrases):
            if len(phrase) < 2:
                raise ValueError(f"phrase {phrase!r} is shorter than two characters")
            self._by_prefix.setdefault(phrase[:2], []).append(phrase)
        self._prefixes = frozenset(self._by_prefix)

    def find(self, text: str) -> set[str]:
        """The indexed phrases that occur in `text`."""
        pairs = {text[i : i + 2] for i in range(len(text) - 1)}
        found = set()
        for prefix in self._prefixes.intersection(pairs):
            for phrase in self._by_prefix[prefix]:
                if len(phrase) == 2 or phrase in text:
                    found.add(phrase)
        return found
