"""What the trained models see: character n-grams, lexicon evidence, indicators.

Training builds the n-gram vocabulary and idf with scikit-learn; prediction
recomputes the same TF-IDF vector here for one message at a time, because
scikit-learn's per-call overhead alone would cap throughput near 3,000
messages/s. tests/classify/test_features.py holds the two to the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat

import numpy as np

from xborder.classify import keywords
from xborder.classify.indicators import FEATURES as INDICATOR_FEATURES
from xborder.core.taxonomy import SCAM_TYPES

# Character n-grams need no word segmentation, which Thai and Khmer lack.
NGRAM_RANGE = (2, 5)
MIN_DF = 2

# The lexicon's type distribution carries what a few dozen examples per type
# cannot: synonyms across three languages. Kept small so that n-grams learnt
# from real data can outvote it.
LEXICON_WEIGHT = 0.1

# Indicators that say which kind of scam it is. The rest (a link, a phone
# number, a chat handle) appear in every kind; in the type corpus they cluster
# in phishing, and the type head would learn that accident of writing.
TYPE_INDICATORS = frozenset({"app_download", "crypto_wallet", "ussd"})

EXTRA_FEATURES: tuple[str, ...] = (
    *(f"lexicon:{label}" for label in SCAM_TYPES),
    *(f"indicator:{flag}" for flag in INDICATOR_FEATURES),
)


def type_blind_columns(text_columns: int) -> list[int]:
    """Columns of the full feature matrix the type head must not use."""
    offset = text_columns + len(SCAM_TYPES)
    return [offset + i for i, flag in enumerate(INDICATOR_FEATURES) if flag not in TYPE_INDICATORS]


def extra_features(text: str, flags: frozenset[str]) -> np.ndarray:
    """Lexicon type evidence and indicator flags of normalised `text`."""
    distribution = keywords.type_distribution(keywords.type_weights(text))
    values = [LEXICON_WEIGHT * distribution[label] for label in SCAM_TYPES]
    values.extend(1.0 if flag in flags else 0.0 for flag in INDICATOR_FEATURES)
    return np.array(values)


def char_ngrams(text: str, ngram_range: tuple[int, int] = NGRAM_RANGE) -> list[str]:
    """All character n-grams of `text`, in scikit-learn's "char" analyzer order."""
    low, high = ngram_range
    length = len(text)
    return [
        text[start : start + n]
        for n in range(low, min(high, length) + 1)
        for start in range(length - n + 1)
    ]


def make_vectorizer():  # -> TfidfVectorizer; imported lazily, training only
    """The scikit-learn vectorizer whose vocabulary and idf CharNgrams reuses."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        analyzer="char",
        ngram_range=NGRAM_RANGE,
        lowercase=False,
        sublinear_tf=True,
        min_df=MIN_DF,
        dtype=np.float64,
    )


class CharNgrams:
    """TF-IDF of one normalised message over a fixed n-gram vocabulary.

    Each n-gram is looked up as one integer: its characters' numbers in the
    vocabulary's alphabet, written in base 2**bits. Every key of a message
    is then computed, looked up and counted in a handful of NumPy calls;
    making a str per n-gram and hashing it cost two thirds of classifying a
    message. Digits start at 1, so keys of different lengths never meet, and a
    character outside the alphabet gets a digit no vocabulary key holds.
    A vocabulary whose keys would not fit in 63 bits is looked up by string.
    """

    def __init__(self, vocabulary: Sequence[str], idf: np.ndarray, ngram_range: tuple[int, int]):
        if len(vocabulary) != len(idf):
            raise ValueError("vocabulary and idf differ in length")
        self.vocabulary = list(vocabulary)
        self.idf = idf
        self.ngram_range = ngram_range
        alphabet = sorted(set("".join(self.vocabulary)))
        self._unknown = len(alphabet) + 1
        self._bits = self._unknown.bit_length()
        self._index: dict[str, int] | None = None
        if self._bits * ngram_range[1] > 63:
            self._index = {gram: i for i, gram in enumerate(self.vocabulary)}
            return
        top = max(map(ord, alphabet), default=0) + 1
        # Code points past the last known character are clipped onto `top`,
        # which is unknown like every other entry not set here.
        self._codes = np.full(top + 1, self._unknown, dtype=np.uint64)
        self._codes[[ord(char) for char in alphabet]] = np.arange(1, len(alphabet) + 1)
        self._top = top
        keys = np.zeros(len(self.vocabulary), dtype=np.uint64)
        lengths = np.fromiter(map(len, self.vocabulary), dtype=np.intp, count=len(self.vocabulary))
        for n in np.unique(lengths).tolist():
            rows = np.flatnonzero(lengths == n)
            chars = self._encode("".join(self.vocabulary[i] for i in rows.tolist()))
            keys[rows] = self._fold(chars.reshape(len(rows), n).T)
        order = np.argsort(keys)
        # A sentinel above every key lets searchsorted's answer index safely.
        self._sorted_keys = np.append(keys[order], np.uint64(2**64 - 1))
        self._columns = order

    def _encode(self, text: str) -> np.ndarray:
        # A lone surrogate, which JSON can carry, is one more unknown character.
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        return self._codes[np.minimum(points, self._top)]

    def _fold(self, digits: np.ndarray) -> np.ndarray:
        key = np.zeros(digits.shape[1:], dtype=np.uint64)
        for row in digits:
            key = (key << np.uint64(self._bits)) | row
        return key

    def transform(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Column indices, ascending, and l2-normalised TF-IDF values of the
        known n-grams of `text`."""
        if self._index is None:
            found = self._known_columns(text)
        else:
            found = _looked_up(self._index, char_ngrams(text, self.ngram_range))
        columns, tally = np.unique(found, return_counts=True)
        if not len(columns):
            return columns, np.zeros(0)
        values = (1.0 + np.log(tally)) * self.idf[columns]
        values /= np.sqrt(values @ values)
        return columns, values

    def _known_columns(self, text: str) -> np.ndarray:
        low, high = self.ngram_range
        codes = self._encode(text)
        shift = np.uint64(self._bits)
        key = codes
        keys = [key] if low <= 1 else []
        for n in range(2, high + 1):
            # Keys of the n-grams starting at each position, from the (n-1)-grams'.
            key = (key[:-1] << shift) | codes[n - 1 :]
            if n >= low:
                keys.append(key)
        every = np.concatenate(keys) if keys else codes[:0]
        where = np.searchsorted(self._sorted_keys, every)
        return self._columns[where[self._sorted_keys[where] == every]]


def _looked_up(index: dict[str, int], grams: list[str]) -> np.ndarray:
    # map() keeps the per-gram dictionary lookups in C.
    found = np.fromiter(map(index.get, grams, repeat(-1)), dtype=np.intp, count=len(grams))
    return found[found >= 0]
