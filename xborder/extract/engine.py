"""extract(): run the finders over one normalised view and map spans back.

Order matters. One scan finds links, e-mails, wallets, IBANs and USSD codes
(their digits and words belong to them); then IPv6 addresses, LINE IDs and
Telegram names; then dates, times and money are blanked, and only what is
left is read as numbers. What those finders took is blanked for the keywords
too: "?ref=" in a link or "kbank" in a host name says nothing about a number.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from xborder.core.geo import check_country
from xborder.core.indicators import Indicator
from xborder.extract import crypto, ids, ussd, web
from xborder.extract._found import Found
from xborder.extract._text import View
from xborder.extract.handles import find_line_ids, find_telegram
from xborder.extract.ips import find_ips
from xborder.extract.numbers import find_numbers
from xborder.extract.phones import DEFAULT_REGIONS, region_of
from xborder.extract.warninglists import warninglist_match

# One pass over the text instead of one per kind: each finder contributes its
# pattern under a name, and the name of the match picks the reader. All of
# them start a token, so the leading checks let re skip the inside of words
# and all Thai and Khmer text at once.
_SCAN = re.compile(
    r"(?=[A-Za-z0-9])(?<![A-Za-z0-9._%+\-])(?:"
    rf"(?P<web>{web.PATTERN})|(?P<wallet>{crypto.PATTERN})|(?P<bank_iban>{ids.IBAN_PATTERN})"
    r")"
)
# A link glued to the word before it ("th.Bhttp://...") starts inside a token.
_GLUED = re.compile(r"(?<=[A-Za-z0-9._%+\-])(?=[hHfF])" + web.SCHEME_PATTERN)
_READERS: dict[str, Callable[[re.Match[str], list[Found], tuple[str, ...]], None]] = {
    "web": web.read_web,
    "wallet": crypto.read_wallet,
    "bank_iban": ids.read_iban,
}
_KHMER = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff]")
_LISTED_KINDS = frozenset({"phone", "domain", "url"})
_BLANK = "\x00"


def regions_for(text: str, country: str | None) -> tuple[str, ...]:
    """Regions to read national-format numbers in: the caller's, else by script."""
    if country:
        return (check_country(country),)
    if _KHMER.search(text):
        return ("KH",) + tuple(r for r in DEFAULT_REGIONS if r != "KH")
    return DEFAULT_REGIONS


def extract(text: str, country: str | None = None) -> list[Indicator]:
    """Indicators in `text`, sorted by start; spans index `text` itself."""
    if not isinstance(text, str):
        raise TypeError(f"extract() needs a str, not {type(text).__name__}; decode bytes first (e.g. with errors='replace')")
    regions = regions_for(text, country)
    view = View(text)
    norm = view.norm
    found: list[Found] = []
    for m in _SCAN.finditer(norm):
        _READERS[m.lastgroup or ""](m, found, regions)
    if "://" in norm:
        glued: list[Found] = []
        for m in _GLUED.finditer(norm):
            web.read_web(m, glued, regions)
        taken = [(f.start, f.end) for f in found]
        found.extend(f for f in glued if not _overlaps(f, taken))
    if "*" in norm and "#" in norm:
        found.extend(ussd.find_ussd(norm))
    taken = [(f.start, f.end) for f in found]
    # IPv4 addresses are hosts to the scan; IPv6 needs colons.
    if norm.count(":") >= 2:
        found.extend(f for f in find_ips(norm) if not _overlaps(f, taken))
    found.extend(f for f in find_line_ids(norm) if not _overlaps(f, taken))
    taken = [(f.start, f.end) for f in found]
    found.extend(find_telegram(norm, taken))
    found.extend(find_numbers(_blanked(norm, [(f.start, f.end) for f in found]), norm, regions))
    return _finish(found, view)


def _overlaps(f: Found, taken: list[tuple[int, int]]) -> bool:
    return any(a < f.end and f.start < b for a, b in taken)


def _blanked(norm: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return norm
    parts = []
    last = 0
    for a, b in sorted(spans):
        if b <= last:
            continue
        a = max(a, last)
        parts.append(norm[last:a])
        parts.append(_BLANK * (b - a))
        last = b
    parts.append(norm[last:])
    return "".join(parts)


def _finish(found: list[Found], view: View) -> list[Indicator]:
    out = []
    for f in found:
        if view.cuts(f.start) or view.cuts(f.end):
            continue
        attrs = f.attrs
        if f.kind == "phone":
            attrs["country"] = region_of(f.value)
        if f.kind in _LISTED_KINDS:
            listed = warninglist_match(f.kind, f.value)
            if listed:
                attrs["warninglist"] = listed
        out.append(Indicator(f.kind, f.value, view.start(f.start), view.end(f.end), attrs))
    out.sort(key=lambda i: (i.start, -i.end, i.kind))
    return out

