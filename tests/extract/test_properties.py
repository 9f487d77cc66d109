"""Property tests: any text is safe, spans are honest, canonical forms are fixed points."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xborder.extract import canonicalize, detect, extract

# Pieces that make near-misses likely: separators, defangs, scripts, keywords.
FRAGMENTS = [
    "http://", "https://", "hxxps://", "hXXp[:]//", "[.]", "(.)", "{.}", "[dot]", " dot ", "[at]", "(at)", "@",
    ".com", ".co.th", ".ly", ".xyz", ".ไทย", "www.", "bit.ly/", "t.me/", "wa.me/", "line.me/ti/p/~", "/path?q=1#f",
    "0812345678", "081-234-5678", "+66", "+855", " (0)", "012 345 678", "๐๘๑", "០១២", "1441", "02-111-1111",
    "123-4-56789-0", "1101700230708", "*948*1111*100#", "16/05/2567", "14:30", "1,500", "บาท", "$",
    "บัญชี", "กสิกร", "ABA", "គណនី", "พร้อมเพย์", "โทร", "LINE ID: ", "ไลน์ ", "Telegram: ", "@name_1",
    "OTP ", "1.2.3.4/32", "2001:db8::1", "GB82 WEST 1234 5698 7654 32", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
    "\u200b", "\u00a0", "\n", " ", "-", ".", ",", "(", ")", "[", "]", "\"", "'", "：", "ａ", "１",
    "ข้อความ", "ខ្ញុំ", "abc", "x", "9",
]

texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=3), max_size=30).map("".join),
)
countries = st.sampled_from([None, "TH", "KH"])

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(texts, countries)
def test_any_string_is_safe_and_sorted(text, country):
    found = extract(text, country)
    assert [i.start for i in found] == sorted(i.start for i in found)
    for indicator in found:
        assert 0 <= indicator.start < indicator.end <= len(text)
    detect(text, country)


@SETTINGS
@given(texts, countries)
def test_every_span_canonicalises_to_its_value(text, country):
    for indicator in extract(text, country):
        written = text[indicator.start : indicator.end]
        # A national-format phone is read in the country the number belongs to.
        region = country or indicator.attrs.get("country")
        assert canonicalize(indicator.kind, written, region) == indicator.value, (indicator, written)


@SETTINGS
@given(texts, countries)
def test_canonical_values_are_fixed_points(text, country):
    for indicator in extract(text, country):
        assert canonicalize(indicator.kind, indicator.value, country) == indicator.value
