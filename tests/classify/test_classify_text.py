import dataclasses

import pytest

from xborder.classify import Classification, classify_text, explanation_for
from xborder.classify.text import MAX_CHARS
from xborder.core.indicators import Indicator
from xborder.core.taxonomy import NOT_SCAM, SCAM_TYPES


def test_scam_message_gets_language_probability_type_and_explanation():
    result = classify_text("คาสิโนออนไลน์ บาคาร่า สล็อต เครดิตฟรี 300 ถอนไว สมัครเลย")
    assert isinstance(result, Classification)
    assert result.language == "th"
    assert result.scam_probability > 0.5
    assert result.scam_type == "gambling"
    assert set(result.type_scores) == set(SCAM_TYPES)
    assert "gambling" in result.explanation
    assert result.truncated is False
    assert result.model_version


def test_legitimate_message_is_not_scam():
    result = classify_text("ok lor, going home now. see you at dinner")
    assert result.language == "en"
    assert result.scam_type == NOT_SCAM
    assert result.scam_probability < 0.5


def test_classification_is_frozen():
    result = classify_text("hello there")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.scam_type = "loan"  # type: ignore[misc]


@pytest.mark.parametrize("bad", [None, 42, b"bytes", ["text"]])
def test_non_text_is_a_type_error(bad):
    with pytest.raises(TypeError):
        classify_text(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("blank", ["", "   ", "\n\t "])
def test_blank_text_is_rejected(blank):
    with pytest.raises(ValueError, match="text is empty"):
        classify_text(blank)


def test_long_text_is_classified_on_a_prefix_and_says_so():
    text = "สล็อต เครดิตฟรี ถอนไว " + "ก" * (MAX_CHARS * 3)
    result = classify_text(text)
    assert result.truncated is True
    assert "first" in result.explanation
    assert result.scam_type == "gambling"
    assert classify_text("สล็อต เครดิตฟรี ถอนไว").truncated is False


def test_unknown_language_still_gets_an_answer():
    result = classify_text("您好，您的包裹已被海关扣留，请点击链接")
    assert result.language == "other"
    assert 0.0 <= result.scam_probability <= 1.0
    assert result.scam_type in (*SCAM_TYPES, NOT_SCAM)


def test_given_indicators_are_used_and_known_bad_ones_count():
    text = "please check this http://evil.example/x"
    bad = Indicator("url", "http://evil.example/x", 18, 39, {"known_bad": True})
    with_bad = classify_text(text, indicators=[bad])
    without = classify_text(text, indicators=[])
    assert with_bad.scam_probability > without.scam_probability
    assert "reported as malicious" in with_bad.explanation


def test_indicators_beyond_the_prefix_are_ignored():
    text = "hello " + "x" * (MAX_CHARS + 100)
    late = Indicator("url", "http://evil.example/", MAX_CHARS + 10, MAX_CHARS + 30, {"known_bad": True})
    assert classify_text(text, indicators=[late]).scam_probability == classify_text(
        text, indicators=[]
    ).scam_probability


@pytest.mark.parametrize(
    ("language", "marker"),
    [("th", "ข้อความนี้"), ("km", "សារនេះ"), ("en", "This message"), ("other", "This message")],
)
def test_citizen_explanation_in_their_language(language, marker):
    scam = classify_text("คาสิโน บาคาร่า สล็อต เครดิตฟรี ถอนไว")
    fine = classify_text("ok lor, see you at dinner")
    scam_sentence = explanation_for(scam, language)
    fine_sentence = explanation_for(fine, language)
    assert marker in scam_sentence and marker in fine_sentence
    assert scam_sentence != fine_sentence


@pytest.mark.parametrize("text", ["🙂🙂🙂", "12345", "!!!", "\u200b x"])
def test_text_without_words_still_gets_an_answer(text):
    result = classify_text(text)
    assert 0.0 <= result.scam_probability <= 1.0
    assert result.explanation


def test_every_scam_type_has_a_citizen_sentence_in_every_language():
    base = classify_text("คาสิโน บาคาร่า สล็อต เครดิตฟรี ถอนไว")
    for scam_type in SCAM_TYPES:
        likely = dataclasses.replace(base, scam_type=scam_type, scam_probability=0.95)
        maybe = dataclasses.replace(base, scam_type=scam_type, scam_probability=0.6)
        for language in ("th", "km", "en"):
            assert explanation_for(likely, language) != explanation_for(maybe, language)


def test_model_explanation_quotes_words_of_the_message():
    text = "Congratulations! You have won a 5,000 baht voucher, claim now at bit.ly/x1"
    result = classify_text(text)
    assert result.scam_type == "prize"
    quoted = result.explanation.split('"')[1::2]
    assert quoted
    assert all(part in text.lower() for part in quoted)
