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


def test_fast_tfidf_matches_scikit_learn():
    vectorizer = make_vectorizer().set_params(min_df=1)
    reference = vectorizer.fit_transform(TEXTS)
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
    fast = CharNgrams(vocabulary, vectorizer.idf_, vectorizer.ngram_range)
    unseen = normalise("an unseen text, ฟรีเครดิต")
    cases = [(text, reference[row]) for row, text in enumerate(TEXTS)]
    for text, row in cases + [(unseen, vectorizer.transform([unseen]))]:
        expected = row.toarray()[0]
        columns, values, grams, positions = fast.transform(text)
        got = np.zeros(len(vocabulary))
        got[columns] = values
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)
        assert [vocabulary[c] for c in columns] == [grams[p] for p in positions]


def test_text_with_no_known_ngram_is_empty():
    fast = CharNgrams(["ab", "bc"], np.array([1.0, 1.0]), (2, 2))
    columns, values, _, positions = fast.transform("xyz")
    assert len(columns) == len(values) == len(positions) == 0


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
