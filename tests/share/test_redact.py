import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from xborder.share.redact import redact_narrative

SCAMMER = ("phone", "+66899999999")
SCAMMER_TEXT = "089-999-9999"


def digits(text):
    return re.sub(r"\D", "", text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙០១២៣៤៥៦៧៨៩", "01234567890123456789")))


def thai_id(first12):
    check = (11 - sum(int(d) * (13 - i) for i, d in enumerate(first12)) % 11) % 10
    return first12 + str(check)


def written(number, style):
    groups = {
        "plain": [number],
        "dashes": [number[:3], number[3:6], number[6:]],
        "spaces": [number[:3], number[3:6], number[6:]],
        "dots": [number[:2], number[2:6], number[6:]],
    }[style]
    sep = {"plain": "", "dashes": "-", "spaces": " ", "dots": "."}[style]
    return sep.join(groups)


mobiles = st.builds(lambda p, rest: p + rest, st.sampled_from(["08", "09", "06"]), st.text("0123456789", min_size=8, max_size=8))
styles = st.sampled_from(["plain", "dashes", "spaces", "dots"])
templates = st.sampled_from([
    "Call me back on {victim}. The man called from {scammer} and said my parcel had drugs in it.",
    "ผมโดนหลอก เบอร์ผม {victim} คนร้ายโทรมาจาก {scammer} บอกว่าเป็นตำรวจ",
    "ខ្ញុំត្រូវបានបោក លេខខ្ញុំ {victim} ជនល្មើសហៅពី {scammer}",
])


@settings(max_examples=60, deadline=None)
@given(templates, mobiles, styles)
def test_victims_phone_numbers_go_and_the_scammers_stay(template, victim, style):
    assume(victim != "0899999999")
    text = template.format(victim=written(victim, style), scammer=SCAMMER_TEXT)
    out = redact_narrative(text, keep=[SCAMMER], country="TH")
    assert victim not in digits(out)
    assert SCAMMER_TEXT in out


@settings(max_examples=60, deadline=None)
@given(st.text("0123456789", min_size=12, max_size=12), st.sampled_from(["plain", "dashed", "thai"]))
def test_national_id_numbers_go_even_when_listed(first12, style):
    number = thai_id(first12)
    shown = {
        "plain": number,
        "dashed": f"{number[0]}-{number[1:5]}-{number[5:10]}-{number[10:12]}-{number[12]}",
        "thai": number.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")),
    }[style]
    out = redact_narrative(f"เลขบัตรประชาชน {shown} ถูกใช้เปิดบัญชี", keep=[("national_id", number)], country="TH")
    assert number not in digits(out)


@settings(max_examples=40, deadline=None)
@given(st.text("0123456789", min_size=12, max_size=12), st.sampled_from(["PromptPay", "พร้อมเพย์"]))
def test_a_promptpay_id_that_is_a_national_id_goes_even_when_listed(first12, word):
    number = thai_id(first12)
    mobile = "+66812345678"
    text = f"โอนเงินเข้า{word} {number} หรือ {word} 081-234-5678"
    out = redact_narrative(text, keep=[("promptpay", number), ("promptpay", mobile)], country="TH")
    assert number not in digits(out)
    assert "081-234-5678" in out  # a PromptPay mobile number is the scammer's, and may go


emails = st.from_regex(r"[a-z]{3,10}\.[a-z]{2,8}@(gmail|hotmail|yahoo)\.com", fullmatch=True)


@settings(max_examples=60, deadline=None)
@given(emails)
def test_email_addresses_not_among_the_indicators_go(address):
    text = f"Write to me at {address}. The fake bank wrote from support@kbank-verify.top."
    out = redact_narrative(text, keep=[("email", "support@kbank-verify.top")])
    assert address not in out and "[email]" in out
    assert "support@kbank-verify.top" in out


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=3000), st.integers(1, 400))
def test_output_is_bounded(text, limit):
    assert len(redact_narrative(text, max_chars=limit)) <= limit


@pytest.mark.parametrize(
    "text, gone",
    [
        ("Hello, my name is Anong Srisuk and I lost money.", ["Anong", "Srisuk"]),
        ("I am Mrs. Dara Chan from Kampot.", ["Dara", "Chan"]),
        ("ผมชื่อสมชาย ใจดี ถูกหลอกให้โอนเงิน", ["สมชาย", "ใจดี"]),
        ("ดิฉัน นางสาวมาลี ศรีสุข โดนหลอก", ["มาลี", "ศรีสุข"]),
        ("ខ្ញុំឈ្មោះ សុខ ដារ៉ា បានបាត់លុយ", ["សុខ", "ដារ៉ា"]),
        ("My passport AB1234567 and card 4111 1111 1111 1111 were taken.", ["1234567", "4111"]),
        ("my line is victim_line99, my account KBANK 123-4-56789-0", ["123-4-56789-0"]),
        ("victim [at] gmail [.] com asked for help", ["victim"]),
    ],
)
def test_names_and_other_identifiers_go(text, gone):
    out = redact_narrative(text, country="TH")
    for word in gone:
        assert word not in out, out


def test_the_story_stays_readable():
    text = ("On 16/05/2567 at 14:30 a caller from 089-999-9999 said he was from the Department of Special "
            "Investigation and made me pay 50,000 baht to https://kbank-verify.top/login?u=1")
    out = redact_narrative(text, keep=[SCAMMER, ("url", "https://kbank-verify.top/login?u=1")], country="TH")
    assert out == text
    trimmed = redact_narrative(text, keep=[SCAMMER], country="TH")
    assert "https://kbank-verify.top/login?u=1" not in trimmed and "[url]" in trimmed
    assert "50,000 baht" in trimmed and "16/05/2567" in trimmed


def test_official_numbers_stay_and_long_text_is_cut_at_a_space():
    out = redact_narrative("They said they were from KBank 02-888-8888 " + "again and " * 200, country="TH",
                           max_chars=120)
    assert "02-888-8888" in out
    assert len(out) <= 120 and out.endswith("…") and not out.endswith(" …")
    with pytest.raises(ValueError):
        redact_narrative("x", max_chars=0)
