"""query.py: what a pasted value is, however it was written."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder.lookup.query import MAX_QUERY_CHARS, QueryError, _numbers, plain_numbers, readings


@pytest.mark.parametrize("pasted, first", [
    ("081-234-5678", ("phone", "+66812345678")),
    ("๐๘๑-๒๓๔-๕๖๗๘", ("phone", "+66812345678")),  # Thai digits
    ("+66 (0)81 234 5678", ("phone", "+66812345678")),
    ("០១២ ៣៤៥ ៦៧៨", ("phone", "+85512345678")),  # Khmer digits, read in Cambodia
    ("  +855 12 345 678 ", ("phone", "+85512345678")),
    ("hxxps://evil-bank[.]com/login", ("url", "https://evil-bank.com/login")),
    ("evil-bank[.]com", ("domain", "evil-bank.com")),
    ("somchai[at]gmail[.]com", ("email", "somchai@gmail.com")),
    ("123-4-56789-0", ("bank_account", "1234567890")),
    ("0x52908400098527886E0F7030069857D2E4169EE7", ("crypto_wallet", "0x52908400098527886e0f7030069857d2e4169ee7")),
    ("*948*1111*100#", ("ussd", "*948*1111*100#")),
    ("1441", ("phone", "1441")),  # a hotline's short code: on the warninglist
    ("๑๔๔๑", ("phone", "1441")),
    ("1.2.3.4", ("ip", "1.2.3.4")),
    ("Line ID: Scam_99", ("line_id", "scam_99")),
])
def test_messy_values_read_as_their_canonical_form(pasted, first):
    assert readings(pasted)[0] == first


def test_a_number_is_also_read_as_the_promptpay_id_and_account_it_may_be():
    assert readings("081-234-5678") == [("phone", "+66812345678"), ("promptpay", "+66812345678"),
                                        ("bank_account", "0812345678")]
    assert readings("1234567890") == [("bank_account", "1234567890")]


def test_a_bare_handle_may_be_line_or_telegram():
    assert readings("@Scam_Boss") == [("line_id", "@scam_boss"), ("line_id", "scam_boss"),
                                      ("telegram", "scam_boss")]


def test_kind_forces_the_reading():
    assert readings("0812345678", kind="bank_account") == [("bank_account", "0812345678")]
    assert readings("t.me/Scam_Boss", kind="telegram") == [("telegram", "scam_boss")]
    assert readings("012 345 678", kind="phone", country="KH") == [("phone", "+85512345678")]


@pytest.mark.parametrize("q, kind, field, message", [
    ("", None, "q", "empty"),
    ("   ", None, "q", "empty"),
    ("x" * (MAX_QUERY_CHARS + 1), None, "q", "longer than"),
    ("hello world", None, "q", "cannot tell"),
    ("0812345678", "pager", "kind", "unknown indicator kind"),
    ("not a phone", "phone", "q", "not a phone"),
])
def test_bad_values_say_which_field(q, kind, field, message):
    with pytest.raises(QueryError, match=message) as caught:
        readings(q, kind)
    assert caught.value.field == field


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789", min_size=3, max_size=17), st.booleans(), st.sampled_from([None, "TH", "KH"]))
def test_the_fast_path_for_plain_numbers_reads_them_as_the_general_one(digits, plus, country):
    text = ("+" if plus else "") + digits
    assert plain_numbers(text, country) == _numbers(text, country)
