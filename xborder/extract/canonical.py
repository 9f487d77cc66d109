"""canonicalize() one typed value of a known kind; detect() the kind of a pasted one."""

from __future__ import annotations

import re
from collections.abc import Callable

from xborder.core.geo import check_country
from xborder.core.indicators import Indicator, check_kind
from xborder.extract._text import normalize
from xborder.extract.crypto import canonical_wallet
from xborder.extract.engine import extract
from xborder.extract.handles import canonical_line_id, canonical_telegram
from xborder.extract.ips import canonical_ip
from xborder.extract.ids import canonical_iban, canonical_thai_id, is_thai_id
from xborder.extract.phones import canonical_phone, thai_mobile
from xborder.extract.ussd import canonical_ussd
from xborder.extract.web import canonical_domain, canonical_email, canonical_url

_MAX_VALUE = 2048
# The separators numbers.py reads inside a run of digits.
_DIGITS_ONLY = re.compile(r"[0-9][0-9\s\-.()]*[0-9]")
_ACCOUNT_DIGITS = (8, 16)


def _bank_account(value: str, country: str | None) -> str:
    if not _DIGITS_ONLY.fullmatch(value):
        raise ValueError(f"{value!r} is not a bank account number: digits, with spaces, dashes or dots between groups")
    digits = re.sub(r"[^0-9]", "", value)
    if not _ACCOUNT_DIGITS[0] <= len(digits) <= _ACCOUNT_DIGITS[1]:
        raise ValueError(f"{value!r} is not a bank account number: it must have 8 to 16 digits")
    return digits


def _promptpay(value: str, country: str | None) -> str:
    digits = re.sub(r"[ \-.()]", "", value)
    plus = digits.startswith("+")
    digits = digits.lstrip("+")
    if digits.isdigit():
        if len(digits) == 13 and not plus and is_thai_id(digits):
            return digits
        mobile = thai_mobile(digits, plus)
        if mobile:
            return mobile
    raise ValueError(f"{value!r} is not a PromptPay ID: a 13-digit Thai ID with a valid check digit or a Thai mobile number")


_BY_KIND: dict[str, Callable[[str, str | None], str]] = {
    "phone": canonical_phone,
    "url": lambda v, c: canonical_url(v),
    "domain": lambda v, c: canonical_domain(v),
    "email": lambda v, c: canonical_email(v),
    "ip": lambda v, c: canonical_ip(v),
    "bank_account": _bank_account,
    "promptpay": _promptpay,
    "national_id": lambda v, c: canonical_thai_id(v),
    "iban": lambda v, c: canonical_iban(v),
    "crypto_wallet": lambda v, c: canonical_wallet(v),
    "line_id": lambda v, c: canonical_line_id(v),
    "telegram": lambda v, c: canonical_telegram(v),
    "ussd": lambda v, c: canonical_ussd(v),
}


def canonicalize(kind: str, value: str, country: str | None = None) -> str:
    """Canonical form (DESIGN.md) of `value` typed as `kind`; ValueError if it is not one."""
    check_kind(kind)
    if not isinstance(value, str):
        raise TypeError(f"canonicalize() needs a str value, not {type(value).__name__}")
    if country is not None:
        country = check_country(country)
    text = normalize(value).strip()
    if not text:
        raise ValueError(f"an empty value is not a {kind}")
    if len(text) > _MAX_VALUE:
        raise ValueError(f"a {kind} value is at most {_MAX_VALUE} characters")
    return _BY_KIND[kind](text, country)


# Which reading wins when several cover the pasted value.
_PRIORITY = (
    "url", "email", "crypto_wallet", "iban", "ussd", "promptpay", "phone", "national_id",
    "bank_account", "line_id", "telegram", "ip", "domain",
)


def detect(value: str, country: str | None = None) -> Indicator | None:
    """The single most likely indicator in one pasted value of unknown kind, or None."""
    if not isinstance(value, str):
        raise TypeError(f"detect() needs a str, not {type(value).__name__}")
    stripped = value.strip()
    if not stripped or len(stripped) > _MAX_VALUE:
        return None
    lead = len(value) - len(value.lstrip())
    found = extract(stripped, country)
    if found:
        best = max(found, key=lambda i: (i.end - i.start, -_PRIORITY.index(i.kind)))
        return Indicator(best.kind, best.value, best.start + lead, best.end + lead, best.attrs)
    # A bare run of digits that is no valid phone is most likely an account number.
    try:
        digits = _bank_account(normalize(stripped), country)
    except ValueError:
        return None
    return Indicator("bank_account", digits, lead, lead + len(stripped), {})
