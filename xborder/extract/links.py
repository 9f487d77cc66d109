"""Identifiers carried by links: wa.me/<number>, line.me/ti/p/~<id>, t.me/<name>.

The link, its domain and the identifier are all indicators (DESIGN.md): the
identifier is what joins this report to one that gave the same contact in
plain words.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from xborder.extract._found import Found
from xborder.extract.handles import TELEGRAM_NAME, TELEGRAM_RESERVED, is_line_id
from xborder.extract.phones import phone_e164

_WA_PATH = re.compile(r"/\+?([0-9]{8,15})(?![0-9])")
_WA_QUERY = re.compile(r"[?&]phone=\+?([0-9]{8,15})(?![0-9])")
_LINE_PATH = re.compile(r"(?i)^(?:/r)?/ti/p/(~|@|%40)([A-Za-z0-9][A-Za-z0-9._\-]{2,19})(?![A-Za-z0-9._\-])")
_TG_PATH = re.compile(r"^/(?:s/)?([A-Za-z][A-Za-z0-9_]{4,31})(?![A-Za-z0-9_])")


def _whatsapp(rest: str, at: int, regions: tuple[str, ...]) -> list[Found]:
    m = _WA_PATH.match(rest) or _WA_QUERY.search(rest)
    if m is None:
        return []
    digits = m.group(1)
    # wa.me only takes international numbers, but people paste national ones.
    value = phone_e164(digits, True, regions) or phone_e164(digits, False, regions)
    if value is None:
        return []
    return [Found("phone", value, at + m.start(1), at + m.end(1))]


def _line(rest: str, at: int, regions: tuple[str, ...]) -> list[Found]:
    m = _LINE_PATH.match(rest)
    if m is None:
        return []
    lead, name = m.group(1), m.group(2).rstrip(".-").lower()
    if not is_line_id(name):
        return []
    if lead == "~":
        return [Found("line_id", name, at + m.start(2), at + m.start(2) + len(name))]
    # "@" and its escape "%40" mark an official account, which keeps its "@".
    return [Found("line_id", "@" + name, at + m.start(1), at + m.start(2) + len(name))]


def _telegram(rest: str, at: int, regions: tuple[str, ...]) -> list[Found]:
    m = _TG_PATH.match(rest)
    if m is None or not TELEGRAM_NAME.fullmatch(m.group(1)) or m.group(1).lower() in TELEGRAM_RESERVED:
        return []
    return [Found("telegram", m.group(1).lower(), at + m.start(1), at + m.end(1))]


_BY_HOST: dict[str, Callable[[str, int, tuple[str, ...]], list[Found]]] = {
    "wa.me": _whatsapp,
    "api.whatsapp.com": _whatsapp,
    "whatsapp.com": _whatsapp,
    "line.me": _line,
    "t.me": _telegram,
    "telegram.me": _telegram,
    "telegram.dog": _telegram,
}


def link_identifiers(host: str, rest: str, at: int, regions: tuple[str, ...]) -> list[Found]:
    """Identifiers in the path/query `rest` of a link to `host`; `rest` starts at `at`."""
    reader = _BY_HOST.get(host[4:] if host.startswith("www.") else host)
    return reader(rest, at, regions) if reader else []
