import numpy as np
import pytest

from xborder.classify.features import EXTRA_FEATURES, CharNgrams, extra_features, make_vectorizer
from xborder.classify.text import normalise

TEXTS = [
    normalise(t)
    for t in (
        "สล็อตเว็บตรง ฟรีเครดิต 100 ถอนไว สล็อต",
        "សូមផ្ទេរប្រាក់ទៅគណនីសុវត្ថិភាព",
        "Your parcel is held at customs, pay the fee",
        "OTP 006901 ห้ามแจ้งรหัส",
        "pay the fee now now now",
    )
]


# (2, 5) is the shipped range; (1, 3) also counts single characters; (2, 12)
# needs more than 63 bits per key and is looked up by string instead.
@pytest.mark.parametrize("ngram_range, by_key", [((2, 5), True), ((1, 3), True), ((2, 12), False)])
def test_fast_tfidf_matches_scikit_learn(ngram_range, by_key):
    vectorizer = make_vectorizer().set_params(min_df=1, ngram_range=ngram_range)
    reference = vectorizer.fit_transform(TEXTS)
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
    fast = CharNgrams(vocabulary, vectorizer.idf_, vectorizer.ngram_range)
    assert (fast._index is None) == by_key
    # Characters the vocabulary never saw, above and below its highest one,
    # a lone surrogate, and texts shorter than the longest n-gram.
    unseen = [
        normalise(t) for t in ("an unseen text, ฟรีเครดิต 😀", "漢字 pay the fee 😀😀", "\ud800fee", "p", "pa")
    ]
    cases = [(text, reference[row]) for row, text in enumerate(TEXTS)]
    for text, row in cases + [(t, vectorizer.transform([t])) for t in unseen]:
        expected = row.toarray()[0]
        columns, values = fast.transform(text)
        assert list(columns) == sorted(set(columns))
        got = np.zeros(len(vocabulary))
        got[columns] = values
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


def test_text_with_no_known_ngram_is_empty():
    fast = CharNgrams(["ab", "bc"], np.array([1.0, 1.0]), (2, 2))
    for text in ("xyz", "a", "ba"):
        columns, values = fast.transform(text)
        assert len(columns) == len(values) == 0
    columns, _ = fast.transform("xabc")
    assert columns.tolist() == [0, 1]


def test_vocabulary_and_idf_must_agree():
    with pytest.raises(ValueError):
        CharNgrams(["ab"], np.array([1.0, 2.0]), (2, 2))


def test_extra_features_carry_lexicon_and_indicators():
    plain = extra_features(normalise("hello"), frozenset())
    gambling = extra_features(normalise("บาคาร่า สล็อต เครดิตฟรี"), frozenset({"short_link"}))
    assert plain.shape == gambling.shape == (len(EXTRA_FEATURES),)
    assert gambling[EXTRA_FEATURES.index("lexicon:gambling")] > 0
    assert gambling[EXTRA_FEATURES.index("indicator:short_link")] == 1.0
    assert plain[EXTRA_FEATURES.index("indicator:short_link")] == 0.0
