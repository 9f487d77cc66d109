"""Turn per-n-gram contributions into the few text fragments a person can read."""

from __future__ import annotations

import unicodedata

import numpy as np

# Fragments are merged from the strongest n-grams only; weak ones would glue
# whole sentences together.
_TOP_GRAMS = 12
_MIN_FRAGMENT = 3
_MAX_FRAGMENT = 32


def strongest_fragments(
    text: str, grams: list[str], positions: np.ndarray, contributions: np.ndarray, limit: int = 3
) -> list[str]:
    """Up to `limit` fragments of `text` whose n-grams contributed most
    (positively); `grams[positions[i]]` is the n-gram of `contributions[i]`."""
    if not len(contributions):
        return []
    count = min(_TOP_GRAMS, len(contributions))
    top = np.argpartition(-contributions, count - 1)[:count]
    # Occurrences of the strongest n-grams as (start, end, share) intervals;
    # overlapping ones merge into runs. Interval work stays proportional to
    # the dozen n-grams, not to the length of the text.
    intervals = []
    for share, position in zip(contributions[top].tolist(), positions[top].tolist()):
        gram = grams[position]
        if share <= 0 or len(gram) < 2 or gram.isspace():
            continue
        start = text.find(gram)
        while start != -1:
            intervals.append((start, start + len(gram), share))
            start = text.find(gram, start + 1)
    intervals.sort()
    runs: list[list[float]] = []
    for start, end, share in intervals:
        if runs and start <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], end)
            runs[-1][2] += share
        else:
            runs.append([start, end, share])
    runs.sort(key=lambda run: (-run[2], run[0]))
    fragments: list[str] = []
    for first, last, _ in runs:
        fragment = _whole_words(text, int(first), int(last)).strip()
        if _readable(fragment) and fragment not in fragments:
            fragments.append(fragment[:_MAX_FRAGMENT])
            if len(fragments) == limit:
                break
    return fragments


def _readable(fragment: str) -> bool:
    # A lone syllable or a bare number explains nothing to a reader.
    return len(fragment) >= _MIN_FRAGMENT and any(ch.isalpha() for ch in fragment)


def _whole_words(text: str, begin: int, end: int) -> str:
    # Latin words are widened to their spaces so "aranteed" reads "guaranteed".
    # Thai and Khmer have no spaces, but a fragment must not start or end in
    # the middle of a written syllable (a vowel sign, a tone mark, a Khmer
    # subscript consonant), which renders as a broken glyph.
    if text[begin : begin + 1].isascii():
        while begin > 0 and text[begin - 1].isascii() and text[begin - 1].isalnum():
            begin -= 1
    else:
        while begin > 0 and (_attaches_left(text[begin]) or text[begin - 1] in _JOINS_NEXT):
            begin -= 1
    if text[end - 1 : end].isascii():
        while end < len(text) and text[end].isascii() and text[end].isalnum():
            end += 1
    else:
        while end < len(text) and (_attaches_left(text[end]) or text[end - 1] in _JOINS_NEXT):
            end += 1
    return text[begin:end]


# Khmer coeng (the next consonant is written below) and Thai vowels written
# before the consonant they follow in speech; then Thai vowels that are
# letters to Unicode but cannot begin a syllable.
_JOINS_NEXT = frozenset("\u17d2\u0e40\u0e41\u0e42\u0e43\u0e44")
_THAI_FOLLOWING_VOWELS = frozenset("\u0e30\u0e32\u0e33\u0e45")


def _attaches_left(char: str) -> bool:
    return char in _THAI_FOLLOWING_VOWELS or unicodedata.category(char).startswith("M")
