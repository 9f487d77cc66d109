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
    """TF-IDF of one normalised message over a fixed n-gram vocabulary."""

    def __init__(self, vocabulary: Sequence[str], idf: np.ndarray, ngram_range: tuple[int, int]):
        if len(vocabulary) != len(idf):
            raise ValueError("vocabulary and idf differ in length")
        self.vocabulary = list(vocabulary)
        self.idf = idf
        self.ngram_range = ngram_range
        self._index = {gram: i for i, gram in enumerate(self.vocabulary)}

    def transform(self, text: str) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
        """Column indices and l2-normalised TF-IDF values of the known n-grams;
        also the message's n-grams and, per column, where its n-gram first
        occurs in that list (explanations need only a few of them)."""
        grams = char_ngrams(text, self.ngram_range)
        # map() keeps the per-gram dictionary lookups in C, and np.unique does
        # the counting; a Python loop here was once the largest single cost of
        # classifying a message.
        found = np.fromiter(map(self._index.get, grams, repeat(-1)), dtype=np.intp, count=len(grams))
        columns, first, tally = np.unique(found, return_index=True, return_counts=True)
        if len(columns) and columns[0] < 0:
            columns, first, tally = columns[1:], first[1:], tally[1:]
        if not len(columns):
            return columns, np.zeros(0), grams, first
        values = (1.0 + np.log(tally)) * self.idf[columns]
        values /= np.sqrt(values @ values)
        return columns, values, grams, first
