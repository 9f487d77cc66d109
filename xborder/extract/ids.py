"""Thai national ID numbers and IBANs, check digits verified by python-stdnum."""

from __future__ import annotations

import re
from functools import lru_cache

from stdnum import iban as _iban
from stdnum.exceptions import ValidationError
from stdnum.th import pin as _thai_pin

from xborder.extract._found import Found

# Country code, check digits, then 11 to 30 letters and digits, optionally in
# groups of four separated by single spaces (the printed form).
IBAN_PATTERN = r"(?<![A-Za-z0-9])(?P<iban>[A-Z]{2}[0-9]{2}(?:[ ]?[A-Za-z0-9]){11,30})(?![A-Za-z0-9])"
IBAN = re.compile(r"(?=[A-Z])" + IBAN_PATTERN)
_ID_SHAPE = re.compile(r"[0-9][0-9 \-]{11,20}[0-9]")


@lru_cache(maxsize=16384)
def is_thai_id(digits: str) -> bool:
    return _thai_pin.is_valid(digits)


def canonical_thai_id(value: str) -> str:
    text = value.strip()
    if not _ID_SHAPE.fullmatch(text):
        raise ValueError(f"{value!r} is not a Thai national ID: 13 digits, optionally grouped 1-2345-67890-12-3")
    try:
        return _thai_pin.validate(text)
    except ValidationError as exc:
        raise ValueError(f"{value!r} is not a valid Thai national ID: {exc}") from None


def read_iban(m: re.Match[str], out: list[Found], regions: tuple[str, ...] = ()) -> None:
    """The IBAN of one match of IBAN_PATTERN, if its check digits hold."""
    raw = m.group("iban")
    # The greedy run may have taken a following word; shorten to a valid IBAN.
    while raw:
        if _iban.is_valid(raw):
            out.append(Found("iban", _iban.compact(raw), m.start("iban"), m.start("iban") + len(raw)))
            return
        cut = raw.rfind(" ")
        if cut < 0:
            return
        raw = raw[:cut]


def find_ibans(norm: str) -> list[Found]:
    out: list[Found] = []
    for m in IBAN.finditer(norm):
        read_iban(m, out)
    return out


def canonical_iban(value: str) -> str:
    try:
        return _iban.validate(value.strip())
    except ValidationError as exc:
        raise ValueError(f"{value!r} is not a valid IBAN: {exc}") from None
