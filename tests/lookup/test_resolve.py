"""resolve.py: which entry a lookup answers with, and the shortcut for canonical values."""

from datetime import datetime, timezone

import pytest

from xborder.lookup.index import LookupIndex
from xborder.lookup.query import readings
from xborder.lookup.resolve import best_entry, known_readings, resolve

T0 = datetime(2025, 6, 1, tzinfo=timezone.utc).timestamp()
KNOWN = [
    ("phone", "+66812345678", 3), ("promptpay", "+66812345678", 1), ("bank_account", "0812345678", 1),
    ("url", "https://evil-bank.com/login", 1), ("domain", "evil-bank.com", 3), ("email", "boss@scam.com", 1),
    ("crypto_wallet", "TJCnKsPa7y5okkXvQAidZBzqx3QyQ6sxMW", 3),
    ("ussd", "*948*1111*100#", 1), ("ip", "1.2.3.4", 1), ("telegram", "scam_boss", 2), ("line_id", "@scam_boss", 1),
    ("iban", "GB82WEST12345698765432", 1), ("domain", "scam99.com", 1), ("line_id", "scam99.com", 3),
]


@pytest.fixture
def index():
    idx = LookupIndex(epoch=T0)
    for i, (kind, value, reports) in enumerate(KNOWN):
        row = idx.upsert(i + 1, kind, value, None, reports, T0, T0)
        for _ in range(reports):
            idx.add_report(row, at=T0, source="api", country="TH", scam_type="other", network=None)
    return idx


def test_the_shortcut_answers_as_full_detection_would(index):
    for kind, value, _ in KNOWN:
        assert resolve(index, value, T0) == best_entry(index, readings(value), T0), value
        assert resolve(index, value, T0, kind=kind) == best_entry(index, readings(value, kind), T0), value
    assert known_readings(index, "0812345678") == []  # bare digits: always read in full
    assert known_readings(index, "@scam_boss") == []
    assert known_readings(index, "+66899999999") == []  # unknown: read in full


def test_unknown_e164_numbers_answer_as_full_detection_would(index):
    from xborder.lookup.query import QueryError
    from xborder.lookup.resolve import unknown_e164

    valid = ["+66899999999", "+6628888888", "+85512345679", "+6621234567", "+14155552671"]
    for value in valid:
        assert unknown_e164(index, value), value
    others = ["+66812345678", "+660899999999", "+66123", "+6612345678901234", "+๖๖899999999", "+"]
    for value in valid + others:
        try:
            expected = best_entry(index, readings(value), T0)
        except QueryError:
            with pytest.raises(QueryError):
                resolve(index, value, T0)
            continue
        assert resolve(index, value, T0) == expected, value
    assert resolve(index, "+6628888888", T0).verdict == "official"  # a bank's call centre, on its warninglist
    assert not any(unknown_e164(index, value) for value in others)


def test_the_most_alarming_reading_wins(index):
    # known once as a site and three times as a LINE ID: the LINE ID is malicious
    entry = resolve(index, "scam99.com", T0)
    assert (entry.kind, entry.verdict) == ("line_id", "malicious")
    phone = resolve(index, "081-234-5678", T0)
    assert (phone.kind, phone.report_count, phone.verdict) == ("phone", 3, "malicious")
    # the bank's real hotline beats an account number nobody reported
    hotline = resolve(index, "02 888 8888", T0)
    assert (hotline.kind, hotline.verdict, hotline.indicator_id) == ("phone", "official", None)
