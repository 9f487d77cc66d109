import re

import phonenumbers

from xborder.demo.phones import international_forms, national_forms


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_most_reports_have_a_reporter_with_plausible_contact(scenario):
    reporters = [r["reporter"] for r in scenario.reports if r["reporter"]]
    assert len(reporters) > 0.8 * len(scenario.reports)
    assert sum(1 for p in reporters if p["email"]) > 0.3 * len(reporters)
    for r in scenario.reports:
        p = r["reporter"]
        if p is None:
            continue
        assert set(p) == {"name", "phone", "email"}
        assert len(p["name"].split()) == 2
        number = phonenumbers.parse(p["phone"])
        assert phonenumbers.is_valid_number(number)
        assert phonenumbers.region_code_for_number(number) == r["country"]
        assert p["email"] is None or re.fullmatch(r"[a-z0-9._]+@[a-z]+\.com", p["email"])


def test_reporter_data_never_in_text(scenario):
    for r in scenario.reports:
        p = r["reporter"]
        if p is None:
            continue
        text = r["text"]
        assert p["name"] not in text
        assert p["name"].lower() not in text.lower()
        if p["email"]:
            assert p["email"] not in text
            assert p["email"].split("@")[0] not in text
        forms = [f for f, _ in national_forms(p["phone"]) + international_forms(p["phone"])]
        assert not any(f in text for f in forms)
        # Whatever the spacing or script of digits, the subscriber number is absent.
        nsn = str(phonenumbers.parse(p["phone"]).national_number)
        assert nsn not in digits(text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙០១២៣៤៥៦៧៨៩", "01234567890123456789")))


def test_reporter_phones_are_never_indicators(scenario):
    reporter_phones = {r["reporter"]["phone"] for r in scenario.reports if r["reporter"]}
    planted = {p.value for ps in scenario.planted.values() for p in ps}
    assert not reporter_phones & planted
