"""Words before a number that say what it is, in Thai, Khmer and English.

A bare 10-digit number can be a Thai mobile or a Thai bank account; only the
words around it tell. The nearest keyword before the number wins, so in
"บัญชีกสิกร 123... โทร 081..." each number gets its own reading.

Context is read from the text with links, e-mail addresses and handles
blanked (engine.py): the "ref" in "...?ref=X สอบถาม 0812345678" or the
"kbank" in "kbank-secure.help" are part of a link, not words about the number.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import NamedTuple

# How far before a number (in characters of normalised text) a keyword counts.
WINDOW = 40
_BANK_BEFORE = 60
_BANK_AFTER = 25

_WORDS: dict[str, tuple[str, ...]] = {
    "account": (
        "เลขที่บัญชี", "เลขบัญชี", "บัญชีธนาคาร", "บัญชี", "บ/ช", "บ.ช.", "บช.",
        "លេខគណនី", "គណនីធនាគារ", "គណនី",
        "account number", "account no", "account", "acct", "acc no", "acc", "a/c",
    ),
    # "Bank" alone, like a bank's name, may precede its call centre's number.
    "bank": ("ธนาคาร", "แบงก์", "ធនាគារ", "bank"),
    "phone": (
        "หมายเลขโทรศัพท์", "เบอร์โทรศัพท์", "เบอร์โทร", "เบอร์มือถือ", "เบอร์", "โทรศัพท์", "มือถือ", "โทร",
        "ติดต่อ", "วอทส์แอป", "วอทแอพ",
        "លេខទូរស័ព្ទ", "ទូរស័ព្ទ", "ទំនាក់ទំនង", "ទាក់ទង", "ហៅ", "ទៅលេខ", "មកលេខ",
        "phone", "mobile", "tel", "call", "contact", "hotline", "whatsapp", "viber", "sms", "txt", "text",
    ),
    "promptpay": ("พร้อมเพย์", "พร้อมเพ", "พร้อมเพล์", "promptpay", "prompt pay", "prompt-pay"),
    "national_id": (
        "เลขประจำตัวประชาชน", "เลขบัตรประชาชน", "บัตรประชาชน", "บัตรประจำตัวประชาชน",
        "អត្តសញ្ញាណប័ណ្ណ", "id card", "citizen id", "national id",
    ),
    "line": ("ไอดีไลน์", "ไลน์ไอดี", "แอดไลน์", "ไลน์", "line id", "id line", "line"),
    # Numbers that are never phones or accounts, whatever they look like.
    "negative": (
        "รหัสผ่าน", "รหัสยืนยัน", "รหัส", "โค้ด", "อ้างอิง", "เลขที่รายการ", "คำสั่งซื้อ", "ออเดอร์",
        "เลขพัสดุ", "พัสดุ", "ใบแจ้งหนี้", "ใบเสร็จ", "คะแนน", "ยอดเงิน", "จำนวนเงิน",
        "លេខកូដ", "កូដ", "លេខយោង", "វិក្កយបត្រ", "ការបញ្ជាទិញ", "កញ្ចប់",
        "otp", "pin", "ref", "reference", "order", "invoice", "receipt", "tracking", "track", "parcel",
        "code", "serial", "imei", "transaction", "txn", "amount", "points",
    ),
}


class Context(NamedTuple):
    """`category` of the nearest keyword: "bank" when the nearest is a bank's
    name (or "bank"), "account" when it is an account word.

    `account_word`: an account word (บัญชี, account, a/c, គណនី ...) stands
    before the number with nothing but bank names after it ("บัญชีธนาคาร
    กรุงเทพ 090..." still has one). `phone_word`: a phone word (โทร, call,
    ទូរស័ព្ទ ...) stands before the number with no account word after it.
    numbers.py decides between account and phone from these (its
    docstring has the rule).
    """

    category: str | None
    bank: str | None
    phone_word: bool
    account_word: bool = False


# Positions keep their meaning: only ASCII letters change, one for one.
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lowered(text: str) -> str:
    """`text` with ASCII letters lower-cased, positions unchanged."""
    return text.translate(_LOWER)


def _fold(word: str) -> str:
    return "".join(word.lower().split())


def _load_banks() -> tuple[set[str], dict[str, str], dict[str, str], dict[str, str]]:
    data = json.loads(resources.files("xborder.extract").joinpath("data/banks.json").read_text("utf-8"))
    written: set[str] = set()
    names: dict[str, str] = {}
    codes: dict[str, str] = {}
    countries: dict[str, str] = {}
    for code, bank in data["banks"].items():
        countries[code] = bank["country"]
        for name in bank["names"]:
            written.add(name.lower())
            names[_fold(name)] = code
        for as_written in bank["codes"]:
            written.add(as_written.lower())
            codes[as_written] = code
    return written, names, codes, countries


_BANK_WRITTEN, BANK_NAMES, BANK_CODES, BANK_COUNTRIES = _load_banks()

_CATEGORY: dict[str, str] = {_fold(w): cat for cat, words in _WORDS.items() for w in words}
for _name in BANK_NAMES:
    _CATEGORY.setdefault(_name, "bank")
for _code in BANK_CODES:
    _CATEGORY.setdefault(_fold(_code), "code")


def _pattern(word: str) -> str:
    body = re.escape(word).replace(r"\ ", r"\s?")
    if not word.isascii():
        return body
    # English words must stand alone ("line" not inside "online"). The check
    # on the character before sits after the first literal so that every
    # alternative starts with a literal, which lets re skip ahead fast.
    return f"{body[0]}(?<![a-z].){body[1:]}(?![a-z])"


_WRITTEN = sorted({w.lower() for words in _WORDS.values() for w in words} | _BANK_WRITTEN, key=len, reverse=True)
_KEYWORDS = re.compile("|".join(_pattern(w) for w in _WRITTEN))
# Bank names alone: "บัญชีธนาคารกรุงเทพ" is one account keyword to _KEYWORDS
# but still names BBL.
_BANKS = re.compile("|".join(_pattern(w) for w in sorted(_BANK_WRITTEN, key=len, reverse=True)))


def bank_code(written: str) -> str | None:
    """Bank code for a bank name or code as written, e.g. "กสิกร" -> "KBANK"."""
    return BANK_CODES.get(written) or BANK_NAMES.get(_fold(written))


def _category(text: str, offset: int, m: re.Match[str]) -> str | None:
    cat = _CATEGORY.get(_fold(m.group()))
    if cat == "code":
        # Codes are also words ("bay", "wing"): they count only as written.
        return "bank" if text[offset + m.start():offset + m.end()] in BANK_CODES else None
    return cat


# What may stand between "พร้อมเพย์" and the phone word that belongs to it
# ("พร้อมเพย์เบอร์ 08...", "PromptPay (mobile): 08...").
_JOINED = re.compile(r"[\s:()\-.]*")


def context_before(text: str, start: int, end: int) -> Context:
    """What the words before text[start:end] say it is, and which bank is named."""
    category = None
    phone_word = account_word = False
    last_end = -1
    window_start = max(0, start - WINDOW)
    window = lowered(text[window_start:start])
    for m in _KEYWORDS.finditer(window):
        found = _category(text, window_start, m)
        if found is None:
            continue
        if found == "phone" and category == "promptpay" and _JOINED.fullmatch(window, last_end, m.start()):
            # "พร้อมเพย์เบอร์": the phone word says which PromptPay ID it is.
            last_end = m.end()
            continue
        if found == "account":
            account_word, phone_word = True, False
        elif found == "phone":
            phone_word, account_word = True, False
        category = found
        last_end = m.end()
    if category not in ("account", "bank"):
        return Context(category, None, False)
    return Context(category, bank_near(text, start, end), phone_word, account_word)


# The account holder's name right after a number: "KBank 063-812-3459
# ชื่อบัญชี นาย...", "ABA 012 345 678 (account name ...)". Only this form: a
# bare account word after a number often starts the next sentence ("... จาก
# 0812345678 บัญชีของท่านถูกระงับ"). Matched in place, case ignored by the flag.
_ACCOUNT_AFTER = re.compile(
    r"[ \t\n:()\-,]{0,3}(?:ชื่อ\s?(?:บัญชี|บ/ช|บช)|ឈ្មោះ\s?គណនី"
    r"|(?:account|acct|acc|a/c)\s?(?:name|holder)(?![a-z]))",
    re.IGNORECASE,
)


def account_word_after(text: str, end: int) -> bool:
    """Whether "ชื่อบัญชี" / "account name" directly follows the number ending at `end`."""
    return _ACCOUNT_AFTER.match(text, end) is not None


def bank_near(text: str, start: int, end: int) -> str | None:
    """Code of the bank named nearest before text[start:end], else just after it."""
    window_start = max(0, start - _BANK_BEFORE)
    found = None
    for m in _BANKS.finditer(lowered(text[window_start:start])):
        if _category(text, window_start, m) == "bank":
            found = text[window_start + m.start():window_start + m.end()]
    if found is None:
        for m in _BANKS.finditer(lowered(text[end:end + _BANK_AFTER])):
            if _category(text, end, m) == "bank":
                found = text[end + m.start():end + m.end()]
                break
    return bank_code(found) if found else None
