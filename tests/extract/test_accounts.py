from __future__ import annotations

import pytest

from xborder.extract import canonicalize, extract


@pytest.mark.parametrize(
    ("text", "value", "bank"),
    [
        ("โอนเข้าบัญชีกสิกร 123-4-56789-0", "1234567890", "KBANK"),
        ("บัญชีธนาคารกรุงเทพ 9032903293", "9032903293", "BBL"),
        ("ธ.ไทยพาณิชย์ เลขที่บัญชี 406-2-12345-6 ชื่อ นายสมชาย", "4062123456", "SCB"),
        ("บัญชีธนาคารออมสิน 020123456789", "020123456789", "GSB"),
        ("KBANK 1234567890", "1234567890", "KBANK"),
        ("acc no 123 4 56789 0 (SCB)", "1234567890", "SCB"),
        ("Transfer to Krungsri account 7771234567", "7771234567", "BAY"),
        ("สนใจโอนผ่านกรุงไทย ๘๙๐๔๓๒๙๐๒๒", "8904329022", "KTB"),
        ("ផ្ទេរទៅគណនី ABA 000 123 456", "000123456", "ABA"),
        ("លេខគណនី ACLEDA ០០០១២៣៤៥៦៧៨៩", "000123456789", "ACLEDA"),
        ("ធនាគារ វីង 12345678", "12345678", "WING"),
        ("send to Wing account 12345678", "12345678", "WING"),
    ],
)
def test_bank_accounts_with_bank(text, value, bank):
    accounts = [i for i in extract(text) if i.kind == "bank_account"]
    assert [(a.value, a.attrs.get("bank")) for a in accounts] == [(value, bank)]
    assert canonicalize("bank_account", text[accounts[0].start : accounts[0].end]) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("กรุณาโอนเงินบัญชี 0811111111 แล้วจะปล่อยเพื่อนคุณไป", "0811111111"),
        ("บัญชี 903-934-9129 Click", "9039349129"),
        ("account number: 1234567890", "1234567890"),
        ("เลขบัญชี 111-2-33333-4", "1112333334"),
        ("โอนมาที่ 123-4-56789-0 ด่วน", "1234567890"),
    ],
)
def test_bank_accounts_without_bank(text, value, pairs):
    assert pairs(text) == {("bank_account", value)}


def test_nearest_keyword_decides():
    text = "โอนเข้าบัญชีกสิกร 123-4-56789-0 แล้วโทร 0812345678"
    assert [(i.kind, i.value) for i in extract(text)] == [
        ("bank_account", "1234567890"), ("phone", "+66812345678")]


def test_bare_number_is_no_account():
    # Context is required: a bare 10-digit number that is no valid phone is nothing.
    assert extract("ref 1234567890") == []
    assert extract("เลข 1234567890") == []


@pytest.mark.parametrize(
    "text",
    ["ฝาก500.00บ.เข้าบ/ชXX3784เหลือ2,244.35บ.12/09/19@18:05", "บัญชี LINE ของคุณ 16/5/2565",
     "บัญชีของคุณได้รับ 15000000 บาท", "บัญชี 12345"],
)
def test_not_accounts(text):
    assert [i for i in extract(text) if i.kind == "bank_account"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("โอนผ่านพร้อมเพย์ 081-234-5678", "+66812345678"),
        ("PromptPay: 0812345678", "+66812345678"),
        ("พร้อมเพย์ 1-1017-00230-70-8", "1101700230708"),
        ("prompt pay ๐๘๑๒๓๔๕๖๗๘", "+66812345678"),
    ],
)
def test_promptpay_only(text, value, pairs):
    assert pairs(text) == {("promptpay", value)}


def test_promptpay_rejects_landlines_and_bad_ids(pairs):
    assert pairs("พร้อมเพย์ 02-123-4567") == set()
    assert pairs("พร้อมเพย์ 1101700230705") == set()


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("bank_account", "123-4-56789-0", "1234567890"),
        ("bank_account", "๑๒๓๔๕๖๗๘๙๐", "1234567890"),
        ("bank_account", "000 123 456", "000123456"),
        ("promptpay", "081-234-5678", "+66812345678"),
        ("promptpay", "+66812345678", "+66812345678"),
        ("promptpay", "1-1017-00230-70-8", "1101700230708"),
    ],
)
def test_canonicalize_money_kinds(kind, value, expected):
    assert canonicalize(kind, value) == expected
    assert canonicalize(kind, expected) == expected


@pytest.mark.parametrize(
    ("kind", "value"),
    [("bank_account", "1234"), ("bank_account", "12345678901234567"), ("bank_account", "12AB5678"),
     ("promptpay", "021234567"), ("promptpay", "1101700230705"), ("promptpay", "abc")],
)
def test_canonicalize_money_kinds_rejects(kind, value):
    with pytest.raises(ValueError):
        canonicalize(kind, value)


def test_bank_name_before_call_centre_and_mobile_gives_phones():
    text = "The caller said he was from KBank 02-888-8888, then switched to 081-234-5678"
    found = extract(text)
    assert [(i.kind, i.value) for i in found] == [("phone", "+6628888888"), ("phone", "+66812345678")]
    assert found[0].attrs["warninglist"] == "bank-call-centres"
    assert "warninglist" not in found[1].attrs
    assert [text[i.start : i.end] for i in found] == ["02-888-8888", "081-234-5678"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bank's name alone, then a valid phone in phone layout: a phone.
        ("KBank 081-234-5678", "+66812345678"),
        ("ธนาคารกรุงเทพ 090-290-3293", "+66902903293"),
        ("คนร้ายอ้างว่าเป็นกรุงไทย 02 123 4567", "+6621234567"),
        ("SCB 081-2345678", "+66812345678"),
        ("ABA 012 345 678", "+85512345678"),
        ("Wing 097 123 4567", "+855971234567"),
        # A call centre on a warninglist is a phone whatever the words or layout.
        ("KBank 028888888", "+6628888888"),
        ("บัญชีกสิกร 02-888-8888", "+6628888888"),
        # A Cambodian bank's number is read in Cambodia first.
        ("ABA 023 225 333", "+85523225333"),
        ("ACLEDA 023994444", "+85523994444"),
        # A phone word after the account word still wins.
        ("บัญชีกสิกรปลอม โทร 02-111-1111", "+6621111111"),
    ],
)
def test_phone_after_bank_name(text, expected, pairs):
    assert pairs(text) == {("phone", expected)}


@pytest.mark.parametrize(
    ("text", "value", "bank"),
    [
        # Bare digits and account layouts after a bank's name stay accounts.
        ("KBank 0812345678", "0812345678", "KBANK"),
        ("KBank 063-8-12345-9", "0638123459", "KBANK"),
        ("ABA 000 123 456", "000123456", "ABA"),
        ("ABA 005 491 648", "005491648", "ABA"),
        ("ACLEDA 0001-23-456789-1", "0001234567891", "ACLEDA"),
        ("ABA 012345678", "012345678", "ABA"),
        # An explicit account word makes even a phone-shaped number an account.
        ("บัญชีกสิกร 081-234-5678", "0812345678", "KBANK"),
        ("บัญชีธนาคารกรุงเทพ 090-290-3293", "0902903293", "BBL"),
        ("SCB acc 081-234-5678", "0812345678", "SCB"),
        ("SCB a/c no. 081-234-5678", "0812345678", "SCB"),
        ("Krungsri account 081 234 5678", "0812345678", "BAY"),
        ("គណនី ABA 012 345 678", "012345678", "ABA"),
        ("ធនាគារ ABA លេខគណនី 012 345 678", "012345678", "ABA"),
        ("โทรแจ้งเลขบัญชี กสิกร 081-234-5678", "0812345678", "KBANK"),
        # So does the holder's name right after it.
        ("KBank 063-812-3459 ชื่อบัญชี นายสมชาย ก.", "0638123459", "KBANK"),
        ("KBank 063-812-3459 (account name SOMCHAI K.)", "0638123459", "KBANK"),
        ("ABA 012 345 678 ឈ្មោះគណនី CHAN S.", "012345678", "ABA"),
    ],
)
def test_account_after_bank_name(text, value, bank):
    found = [(i.kind, i.value, i.attrs.get("bank")) for i in extract(text)]
    assert found == [("bank_account", value, bank)]


def test_cambodian_numbers_with_a_named_country_read_in_that_country(pairs):
    # The caller's country decides: in a Thai report "023 225 333" is a Bangkok line.
    assert pairs("ABA 023 225 333", "TH") == {("phone", "+6623225333")}
    assert pairs("ABA 012 345 678", "TH") == {("bank_account", "012345678")}
    assert pairs("ABA 012 345 678", "KH") == {("phone", "+85512345678")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("โอนเข้ากรุงเทพ 7490765880 ชื่อบัญชี นาย ธนากร ท.", {("bank_account", "7490765880")}),
        ("send to 749-076-5880 account name THANAKORN T.", {("bank_account", "7490765880")}),
        # Only the holder's name counts: a new sentence about "your account" does not.
        ("ได้รับข้อความจาก 0812345678 บัญชีของท่านถูกระงับ", {("phone", "+66812345678")}),
        ("เลข 1234567890 บัญชีของท่าน", set()),
    ],
)
def test_holder_name_after_a_number_makes_it_an_account(text, expected, pairs):
    assert pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("แม่ค้าให้โอนเข้าบช. SCB 846-3-68110-7 ฿2,900 โอนแล้วโดนบล็อก", "8463681107"),
        ("โอนเข้าธนาคาร ABA เลขบัญชี 008746525 ฿3,100", "008746525"),
        ("deposit to ABA account 000 123 456 $300 first", "000123456"),
        ("ธ.กสิกร 499-1-22959-6 130 ดอลลาร์ โอนแล้ว", "4991229596"),
        ("บัญชีกสิกร 123-4-56789-0 2 ครั้ง", "1234567890"),
    ],
)
def test_account_followed_by_an_amount(text, value, pairs):
    assert pairs(text) == {("bank_account", value)}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("โอนเงินเข้าพร้อมเพย์เบอร์ 093 802 0635 ไม่งั้นจะปล่อยคลิป", "+66938020635"),
        ("เข้าพร้อมเพย์เบอร์ 1-5914-21549-75-5", "1591421549755"),
        ("PromptPay (mobile): 081-234-5678", "+66812345678"),
        ("พร้อมเพย์ เบอร์โทร 0812345678", "+66812345678"),
    ],
)
def test_promptpay_with_a_phone_word(text, value, pairs):
    assert pairs(text) == {("promptpay", value)}


def test_phone_word_after_promptpay_sentence_is_a_phone(pairs):
    assert pairs("โอนพร้อมเพย์แล้ว ติดต่อ 0812345678") == {("phone", "+66812345678")}
