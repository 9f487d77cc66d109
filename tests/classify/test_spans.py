import unicodedata

import numpy as np

from xborder.classify._spans import strongest_fragments


def _fragments(text, grams, shares):
    positions = np.arange(len(grams))
    return strongest_fragments(text, grams, positions, np.array(shares, dtype=float))


def test_strongest_overlapping_ngrams_merge_into_one_fragment():
    text = "free credit now, withdraw fast"
    assert _fragments(text, ["free", "ee c", "cred", "fast"], [1.0, 1.0, 1.0, 0.1])[0] == "free credit"


def test_fragments_never_start_or_end_inside_a_thai_or_khmer_syllable():
    khmer = "សូមផ្ទេរប្រាក់ទៅគណនី"
    thai = "รายได้วันละ 500"
    for text, gram in ((khmer, "ាក់ទៅ"), (khmer, "ទេរ"), (thai, "ายได")):
        (fragment,) = _fragments(text, [gram], [1.0])
        assert fragment in text
        assert not unicodedata.category(fragment[0]).startswith("M")
        assert fragment[0] not in "าะำ"
        assert not text[text.index(fragment) + len(fragment):][:1] or not unicodedata.category(
            text[text.index(fragment) + len(fragment)]
        ).startswith("M")


def test_negative_contributions_and_bare_numbers_are_not_quoted():
    assert _fragments("pay 5000 now", ["5000", "now"], [2.0, -1.0]) == []
