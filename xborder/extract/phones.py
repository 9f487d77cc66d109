"""Phone numbers: digits as written -> E.164, valid numbers only (phonenumbers)."""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

# National-format numbers are read in the first deployment's countries when
# the caller names none. Thai first: most reports reach the Thai node.
DEFAULT_REGIONS: tuple[str, ...] = ("TH", "KH")

# Country codes written without "+", as in "66812345678" or "855 12 345 678".
_BARE_COUNTRY_CODES = ("66", "855")

_MIN_DIGITS = 8
_MAX_DIGITS = 17  # 15 for E.164 plus an international prefix such as 001
_E164 = phonenumbers.PhoneNumberFormat.E164
_SHAPE = re.compile(r"(?:\(\s?)?\+?[0-9\s()\-.]+")


@lru_cache(maxsize=65536)
def phone_e164(digits: str, plus: bool, regions: tuple[str, ...]) -> str | None:
    """E.164 form of a number written as `digits` (with a leading "+" if `plus`)."""
    if not _MIN_DIGITS <= len(digits) <= _MAX_DIGITS:
        return None
    if plus:
        return _valid("+" + digits, None)
    if digits[0] == "0":
        # A national number needs its trunk "0": without it phonenumbers also
        # accepts bare subscriber digits, and 8-digit dates such as 16052567
        # would pass as Thai landlines.
        for region in regions:
            found = _valid(digits, region)
            if found:
                return found
        return None
    if digits.startswith(_BARE_COUNTRY_CODES):
        return _valid("+" + digits, None)
    return None


def _valid(number: str, region: str | None) -> str | None:
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, _E164)


@lru_cache(maxsize=65536)
def region_of(e164: str) -> str | None:
    """ISO region of an E.164 number, e.g. "TH"."""
    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(e164, None))
    except phonenumbers.NumberParseException:
        return None


def canonical_phone(value: str, country: str | None) -> str:
    """E.164 of one number as a person typed it (already normalised), or ValueError."""
    text = value.strip()
    if not _SHAPE.fullmatch(text):
        raise ValueError(f"{value!r} is not a phone number: only digits, '+', spaces, dashes, dots and brackets may appear")
    plus = "+" in text
    # "+66 (0)81 ..." repeats the trunk prefix inside brackets; it is not dialled.
    digits = re.sub(r"\D", "", text.replace("(0)", "") if plus else text)
    regions = (country,) if country else DEFAULT_REGIONS
    if len(digits) < _MIN_DIGITS:
        raise ValueError(f"{value!r} is too short to be a phone number (service short codes such as 1441 are not phones)")
    found = phone_e164(digits, plus, regions)
    if found is None:
        where = country or "/".join(DEFAULT_REGIONS)
        raise ValueError(f"{value!r} is not a valid phone number (read as international or {where} national format)")
    return found


@lru_cache(maxsize=16384)
def thai_mobile(digits: str, plus: bool) -> str | None:
    """E.164 of a Thai mobile number (PromptPay is tied to these), else None."""
    found = phone_e164(digits, plus, ("TH",))
    if found is None or not found.startswith("+66"):
        return None
    kind = phonenumbers.number_type(phonenumbers.parse(found, None))
    mobile = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    return found if kind in mobile else None
