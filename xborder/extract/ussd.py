"""USSD codes such as *948*1111*100#: premium-service and fake-donation traps."""

from __future__ import annotations

import re

from xborder.extract._found import Found

PATTERN = r"(?<![*#0-9])(?P<ussd>\*[ ]?[0-9]{1,4}(?:[ ]?\*[ ]?[0-9]{1,15}){0,6}[ ]?#)"
USSD = re.compile(PATTERN)
_FULL = re.compile(r"\*[0-9]{1,4}(?:\*[0-9]{1,15}){0,6}#")


def read_ussd(m: re.Match[str], out: list[Found], regions: tuple[str, ...] = ()) -> None:
    out.append(Found("ussd", m.group("ussd").replace(" ", ""), m.start("ussd"), m.end("ussd")))


def find_ussd(norm: str) -> list[Found]:
    if "*" not in norm:
        return []
    out: list[Found] = []
    for m in USSD.finditer(norm):
        read_ussd(m, out)
    return out


def canonical_ussd(value: str) -> str:
    code = value.strip().replace(" ", "")
    if not _FULL.fullmatch(code):
        raise ValueError(f"{value!r} is not a USSD code such as *948*1111*100#")
    return code
