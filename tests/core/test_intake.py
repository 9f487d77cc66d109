from decimal import Decimal

import pytest

from xborder.core.intake import MAX_TEXT_BYTES, ReportError, check_report


def test_a_good_report_is_normalised():
    r = check_report({"country": "kh", "channel": "SMS", "text": " hello ", "loss": {"amount": 12.5, "currency": "usd"},
                      "reported_at": "2026-05-01T10:00:00+07:00"})
    assert r.country == "KH" and r.channel == "sms" and r.text == "hello"
    assert r.loss.amount == Decimal("12.50") and r.loss.currency == "USD"
    assert r.reported_at.isoformat() == "2026-05-01T03:00:00+00:00"


@pytest.mark.parametrize("raw, field", [
    ({"country": "XX", "text": "a"}, "country"),
    ({"country": "TH", "text": "a", "channel": "pigeon"}, "channel"),
    ({"country": "TH", "text": "   "}, "text"),
    ({"country": "TH", "text": 5}, "text"),
    ({"country": "TH", "text": "x" * (MAX_TEXT_BYTES + 1)}, "text"),
    ({"country": "TH", "text": "a", "loss": {"amount": "lots", "currency": "THB"}}, "loss.amount"),
    ({"country": "TH", "text": "a", "loss": {"amount": -1, "currency": "THB"}}, "loss.amount"),
    ({"country": "TH", "text": "a", "loss": {"amount": 1, "currency": "ZZZ"}}, "loss.currency"),
    ({"country": "TH", "text": "a", "reported_at": "2999-01-01T00:00:00Z"}, "reported_at"),
    ({"country": "TH", "text": "a", "reported_at": "2026-01-01T00:00:00Z", "incident_at": "2026-02-01T00:00:00Z"},
     "incident_at"),
    ({"country": "TH", "text": "a", "surprise": 1}, "surprise"),
    ({"text": "a"}, "country"),
    (["not", "an", "object"], "body"),
])
def test_bad_fields_are_named(raw, field):
    with pytest.raises(ReportError) as caught:
        check_report(raw)
    assert caught.value.field == field


def test_thai_text_limit_counts_bytes_not_characters():
    # 64 KB is a storage limit: 22,000 Thai characters are 66,000 bytes of UTF-8.
    with pytest.raises(ReportError):
        check_report({"country": "TH", "text": "ก" * 22_000})
    assert check_report({"country": "TH", "text": "ก" * 21_000}).text


def test_an_empty_reporter_is_dropped():
    assert check_report({"country": "TH", "text": "a", "reporter": {"name": " "}}).reporter is None
