import re
from collections import Counter

from xborder.demo.languages import LANGUAGES
from xborder.demo.templates import INDICATOR_SLOTS

THAI = re.compile("[\u0e00-\u0e7f]")
KHMER = re.compile("[\u1780-\u17ff]")


def script(text: str) -> str:
    if KHMER.search(text):
        return "km"
    if THAI.search(text):
        return "th"
    return "en"


def test_three_languages_by_country(scenario):
    by = Counter((r["country"], script(r["text"])) for r in scenario.reports)
    th, kh = by["TH", "th"] + by["TH", "en"], by["KH", "km"] + by["KH", "en"]
    assert by["TH", "km"] == by["KH", "th"] == 0
    assert by["TH", "th"] / th > 0.75 and by["KH", "km"] / kh > 0.75
    english = (by["TH", "en"] + by["KH", "en"]) / len(scenario.reports)
    assert 0.10 <= english <= 0.20


def test_native_digits_appear_sometimes(scenario):
    texts = " ".join(r["text"] for r in scenario.reports)
    assert re.search("[๐-๙]{3}", texts) and re.search("[០-៩]{3}", texts)


def test_texts_vary(scenario):
    texts = [r["text"] for r in scenario.reports]
    # An SMS blast is reported word for word by several victims, but not often.
    assert len(set(texts)) > 0.95 * len(texts)
    assert max(Counter(texts).values()) <= 12
    # Beyond the indicators: many different sentence shapes per language.
    for lang in ("th", "km", "en"):
        openings = {t[:25] for t in texts if script(t) == lang}
        assert len(openings) > 60


def test_every_language_covers_every_scam_type_with_several_templates():
    types = set(LANGUAGES["th"].templates)
    assert types == set(LANGUAGES["km"].templates) == set(LANGUAGES["en"].templates)
    assert len(types) == 12
    for language in LANGUAGES.values():
        for scam_type, templates in language.templates.items():
            assert len(templates) >= 3, (language.code, scam_type)
            for t in templates:
                for slot in t.slots:
                    assert slot in INDICATOR_SLOTS or slot == "amount" or slot in language.fillers or any(
                        slot in local for local in language.local.values()), (language.code, slot)
                assert t.indicator_slots, t.text


def test_english_fillers_fit_the_victims_country():
    en = LANGUAGES["en"]
    assert set(en.local["TH"]) == set(en.local["KH"])
    assert "ABA Bank" in en.local["KH"]["bank_brand"] and "ABA Bank" not in en.local["TH"]["bank_brand"]
