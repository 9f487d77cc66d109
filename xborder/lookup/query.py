"""What a pasted value is: the (kind, canonical value) readings worth looking up.

A pasted value can mean more than one thing: "081-234-5678" is a phone, and
also the PromptPay ID or the account number a victim was told to pay into;
"@somchai99" is a LINE ID or a Telegram name. `readings` lists every
plausible reading, most likely first, and the lookup answers with the one
the node knows most about. Canonical forms come from xborder.extract, the
code every report went through, so a value looks up the same however it
was written.
"""

from __future__ import annotations

import re

from xborder.core.indicators import check_kind
from xborder.extract import canonicalize, detect, warninglist_match
from xborder.extract.ids import is_thai_id
from xborder.extract.phones import DEFAULT_REGIONS, phone_e164, thai_mobile

MAX_QUERY_CHARS = 2000

# Any digits (Python's \d takes Thai ๐-๙ and Khmer ០-៩ too) with the
# separators people type inside numbers.
_NUMBER = re.compile(r"\+?\(?\d[\d\s\-.()]*\d\)?")
_NUMBER_KINDS = ("phone", "promptpay", "national_id", "bank_account")
_SHORT_CODE = re.compile(r"\d{3,5}")
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
# A bare handle: no dot-suffix (that would be a domain) and no other signs.
_HANDLE = re.compile(r"@?[A-Za-z][A-Za-z0-9._\-]{1,49}")
_HANDLE_KINDS = ("line_id", "telegram")
# Already compact: what banks and telcos send in bulk.
_PLAIN_NUMBER = re.compile(r"\+?[0-9]{3,17}")


class QueryError(ValueError):
    """The value cannot be read; `field` names what to fix."""

    def __init__(self, message: str, field: str = "q") -> None:
        super().__init__(message)
        self.field = field


def check_query(q: str, field: str = "q") -> str:
    stripped = q.strip()
    if not stripped:
        raise QueryError(f"{field} is empty: paste a phone number, link, account, wallet, e-mail or handle", field)
    if len(q) > MAX_QUERY_CHARS:
        raise QueryError(f"{field} is longer than {MAX_QUERY_CHARS} characters", field)
    return stripped


def readings(q: str, kind: str | None = None, country: str | None = None) -> list[tuple[str, str]]:
    """(kind, canonical value) readings of `q`, most likely first; QueryError when there is none."""
    text = check_query(q)
    if kind is not None:
        try:
            check_kind(kind)
        except ValueError as exc:
            raise QueryError(str(exc), "kind") from None
        try:
            return [(kind, canonicalize(kind, text, country))]
        except ValueError as exc:
            raise QueryError(str(exc)) from None
    if _PLAIN_NUMBER.fullmatch(text):
        found = plain_numbers(text, country)
    elif _NUMBER.fullmatch(text) and not _IPV4.fullmatch(text):
        found = _numbers(text, country)
    else:
        found = []
    if not found:
        best = detect(text, country)
        if best is not None:
            found.append((best.kind, best.value))
        if looks_like_handle(text):
            found += handle_readings(text)
    out = list(dict.fromkeys(found))
    if not out:
        raise QueryError(f"cannot tell what {text[:60]!r} is; say which kind with kind=")
    return out


def _numbers(text: str, country: str | None) -> list[tuple[str, str]]:
    compact = re.sub(r"[\s\-.()]", "", text)
    out = []
    # Service short codes (1441, 191) are no phones, but their warninglist
    # entry lets the lookup say they are official.
    if _SHORT_CODE.fullmatch(compact):
        digits = "".join(str(int(ch)) for ch in compact)
        if warninglist_match("phone", digits):
            out.append(("phone", digits))
    for kind in _NUMBER_KINDS:
        try:
            out.append((kind, canonicalize(kind, text, country)))
        except ValueError:
            continue
    return out


def plain_numbers(text: str, country: str | None) -> list[tuple[str, str]]:
    """`_numbers` for a value of ASCII digits with at most a leading '+'.

    The same readings through the same validators, without canonicalize()'s
    normalising of scripts and separators there are none of: bulk look-ups
    are mostly such values, and this is several times faster.
    """
    plus = text[0] == "+"
    digits = text[1:] if plus else text
    out = []
    if not plus and 3 <= len(digits) <= 5 and warninglist_match("phone", digits):
        out.append(("phone", digits))
    phone = phone_e164(digits, plus, (country,) if country else DEFAULT_REGIONS) if len(digits) >= 8 else None
    if phone:
        out.append(("phone", phone))
    thai_id = not plus and len(digits) == 13 and is_thai_id(digits)
    # Only a Thai mobile is a PromptPay ID. Read as a phone it is already +66
    # unless the caller named another country for national numbers; asking
    # phonenumbers again for every other value would double the cost.
    maybe_mobile = len(digits) >= 8 and (bool(phone and phone.startswith("+66"))
                                         or (not plus and country not in (None, "TH")))
    promptpay = digits if thai_id else (thai_mobile(digits, plus) if maybe_mobile else None)
    if promptpay:
        out.append(("promptpay", promptpay))
    if thai_id:
        out.append(("national_id", digits))
    if not plus and 8 <= len(digits) <= 16:
        out.append(("bank_account", digits))
    return out


def looks_like_handle(text: str) -> bool:
    return _HANDLE.fullmatch(text) is not None


def handle_readings(text: str) -> list[tuple[str, str]]:
    """A bare handle as a LINE ID (with and without its "@") and as a Telegram name."""
    out = []
    variants = (text, text[1:]) if text.startswith("@") else (text,)
    for kind in _HANDLE_KINDS:
        for variant in variants:
            try:
                out.append((kind, canonicalize(kind, variant)))
            except ValueError:
                continue
    return out
