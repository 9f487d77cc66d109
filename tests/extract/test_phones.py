from __future__ import annotations

import pytest

from xborder.extract import canonicalize, extract


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("โทร 0812345678", None, "+66812345678"),
        ("โทร 081-234-5678", "TH", "+66812345678"),
        ("โทร 081 234 5678", "TH", "+66812345678"),
        ("โทร 081.234.5678", "TH", "+66812345678"),
        ("โทร (081) 234-5678", "TH", "+66812345678"),
        ("โทร ๐๘๑-๒๓๔-๕๖๗๘", "TH", "+66812345678"),
        ("call +66 81 234 5678", None, "+66812345678"),
        ("call +66 (0)81 234 5678", None, "+66812345678"),
        ("call +66-81-234-5678 now", None, "+66812345678"),
        ("call +660812345678", None, "+66812345678"),
        ("ยกเลิกพิมพ์ NO ไปที่ 66893040036", None, "+66893040036"),
        ("กรุงเทพ 02-123-4567", "TH", "+6621234567"),
        ("เบอร์โทรมือถือ：0619898003", None, "+66619898003"),
        ("เบอร์โทร 0855594580LINE", None, "+66855594580"),
        ("ទូរស័ព្ទ ០១២ ៣៤៥ ៦៧៨", None, "+85512345678"),
        ("ទូរស័ព្ទ 012 345 678", "KH", "+85512345678"),
        ("call (+855) 12 345 678", None, "+85512345678"),
        ("call +855 (0)12 345 678", None, "+85512345678"),
        ("Tel 855-12-345-678", None, "+85512345678"),
        ("ទូរស័ព្ទ 097 123 4567", None, "+855971234567"),
        ("call +1 650 253 0000 for help", None, "+16502530000"),
        ("โทร 081-234-\n5678", "TH", "+66812345678"),
        ("โทร０８１２３４５６７８", None, "+66812345678"),
        ("โทร 081\u200b234\u200b5678", None, "+66812345678"),
    ],
)
def test_phone_in_any_writing(text, country, expected):
    phones = [i for i in extract(text, country) if i.kind == "phone"]
    assert [p.value for p in phones] == [expected]
    written = text[phones[0].start : phones[0].end]
    assert canonicalize("phone", written, phones[0].attrs["country"]) == expected


def test_script_decides_the_default_region():
    # 097 123 4567 is valid in both countries: Khmer text reads it as Cambodian,
    # Thai text as Thai, and a named country overrides both.
    assert [i.value for i in extract("ទូរស័ព្ទ 097 123 4567")] == ["+855971234567"]
    assert [i.value for i in extract("โทร 097 123 4567")] == ["+66971234567"]
    assert [i.value for i in extract("ទូរស័ព្ទ 097 123 4567", "TH")] == ["+66971234567"]


def test_named_country_reads_only_its_own_national_numbers():
    # 012 345 678 is a Cambodian mobile; in Thailand 01 is no area code.
    assert extract("โทร 012 345 678", "TH") == []
    assert [i.value for i in extract("โทร +855 12 345 678", "TH")] == ["+85512345678"]


@pytest.mark.parametrize(
    "text",
    [
        "แจ้ง 1441 ได้ตลอด 24 ชม.",
        "โทร 191 หรือ 1599",
        "ติดต่อบัวหลวงโฟน 1333",
        "OTP 006901 (Ref:ZJWR)",
        "ใช้ได้ถึง 11:24:21 น.",
        "เมื่อ 18/11/2564 14:00:29",
        "วันที่ 16-05-2567",
        "วันที่ 2024-05-16",
        "ราคา 1,500,000 บาท",
        "โอน 15000000 บาท",
        "ยอด ฿1250000",
        "คุณได้รับเงินช่วยเหลือ 24500 สมัคร",
        "เลขพัสดุ 0812345678",
        "order 0812345678",
        "รหัส OTP ของคุณคือ 0812345678",
        "16052567",
        "number 812345678",
    ],
)
def test_not_phones(text):
    assert [i for i in extract(text, "TH") if i.kind == "phone"] == []


def test_two_numbers_side_by_side_are_two_phones():
    found = extract("โทร 0812345678 0898765432", "TH")
    assert [i.value for i in found] == ["+66812345678", "+66898765432"]


def test_date_next_to_a_phone_does_not_spoil_it():
    found = extract("16-05-2567 0812345678", "TH")
    assert [(i.kind, i.value) for i in found] == [("phone", "+66812345678")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Words inside a link are not context: "ref" in the query is no reference number.
        ("ค่าปรับ https://pearefund75.me/register?ref=3HW96ADH สอบถาม 096 768 2327",
         {("url", "https://pearefund75.me/register?ref=3HW96ADH"), ("domain", "pearefund75.me"),
          ("phone", "+66967682327")}),
        ("dlt-app72.site/register?ref=K6D2ZYTN สอบถาม ๐๙๕๘๓๗๑๙๑๔",
         {("url", "http://dlt-app72.site/register?ref=K6D2ZYTN"), ("domain", "dlt-app72.site"),
          ("phone", "+66958371914")}),
        ("sso-app984[.]top/service?ref=D9TXXQ7QP สอบถาม +855 60 817 627",
         {("url", "http://sso-app984.top/service?ref=D9TXXQ7QP"), ("domain", "sso-app984.top"),
          ("phone", "+85560817627")}),
        # Nor is a bank's name inside a host or an e-mail address.
        ("เช็คที่ kbank-secure.help แล้ว 0812345678", {("domain", "kbank-secure.help"), ("phone", "+66812345678")}),
        ("ส่งมาที่ account@abc.com 0812345678", {("email", "account@abc.com"), ("phone", "+66812345678")}),
    ],
)
def test_words_inside_links_are_not_context(text, expected, pairs):
    assert pairs(text, "TH") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("โทร 0812345678 ฿500", "+66812345678"),
        ("call 012 345 678 $20 a time", "+85512345678"),
        ("ราคา 500฿ 0812345678", "+66812345678"),
        ("ราคา 500$ 0812345678", "+66812345678"),
    ],
)
def test_amount_written_after_a_phone_does_not_eat_its_last_digits(text, expected):
    assert [(i.kind, i.value) for i in extract(text)] == [("phone", expected)]


def test_span_of_international_number_starts_at_the_plus():
    text = "call +66 (0)81 234 5678."
    (phone,) = extract(text)
    assert text[phone.start : phone.end] == "+66 (0)81 234 5678"


@pytest.mark.parametrize(
    ("value", "country", "expected"),
    [
        ("๐๘๑-๒๓๔-๕๖๗๘", "TH", "+66812345678"),
        ("0812345678", None, "+66812345678"),
        ("+66 (0)81 234 5678", None, "+66812345678"),
        ("+66812345678", "KH", "+66812345678"),
        ("012 345 678", "KH", "+85512345678"),
        ("០១២៣៤៥៦៧៨", "KH", "+85512345678"),
    ],
)
def test_canonicalize_phone(value, country, expected):
    assert canonicalize("phone", value, country) == expected
    assert canonicalize("phone", expected, country) == expected


@pytest.mark.parametrize("value", ["1441", "191", "0812", "08123456789012345678", "call me", "+66 81x 234 5678", ""])
def test_canonicalize_phone_rejects(value):
    with pytest.raises(ValueError):
        canonicalize("phone", value, "TH")
