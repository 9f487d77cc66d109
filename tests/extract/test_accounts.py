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
