"""LINE ids and Telegram user names, and the ways they are pasted into reports."""

from __future__ import annotations

import random
from dataclasses import dataclass

from xborder.demo.planted import Planted, Writing

# Platform hosts that appear in every handle link; they link nothing by themselves.
PLATFORM_DOMAINS = frozenset({"line.me", "t.me"})

_NICKS = ("ploy", "mint", "nong", "fah", "bee", "joy", "pim", "tan", "aom", "nam", "kate", "amy",
          "lina", "nana", "bank", "boss", "max", "leo", "vic", "sara", "dara", "lyly", "srey", "vanna")
_CHANNEL_TAGS = ("vip", "88", "99", "official", "team", "pro", "club", "signal")
_SUFFIXES = ("th", "kh", "vip", "88", "99", "168", "asia", "team", "official", "24")


@dataclass(frozen=True, slots=True)
class Handle:
    """`shown` is how the gang advertises it; `value` is the canonical form."""

    shown: str
    value: str


def new_line_id(rng: random.Random, stems: tuple[str, ...], taken: set[str]) -> Handle:
    while True:
        stem, nick, sfx = rng.choice(stems), rng.choice(_NICKS), rng.choice(_SUFFIXES)
        num = rng.randrange(1, 100)
        shape = rng.randrange(5)
        if shape == 0:
            shown = f"@{stem}{num}"  # official accounts keep their "@"
        elif shape == 1:
            shown = f"@{stem}.{sfx}"
        elif shape == 2:
            # Digits last: "dara.hr" would read as a Croatian domain, "dara.hr88" cannot.
            shown = f"{nick}.{stem}{num}"
        elif shape == 3:
            shown = f"{nick}_{stem}{num}"
        else:
            shown = f"{stem}{nick}{num}"
        shown = shown[:20]
        if shown not in taken:
            taken.add(shown)
            return Handle(shown, shown.lower())


def new_telegram(rng: random.Random, stems: tuple[str, ...], taken: set[str]) -> Handle:
    while True:
        stem, nick, sfx = rng.choice(stems), rng.choice(_NICKS), rng.choice(_SUFFIXES)
        shape = rng.randrange(4)
        if shape == 0:
            name = f"{stem}_{rng.choice(('khmer', 'thai', 'asia', 'kh', 'th'))}_{rng.choice(_CHANNEL_TAGS)}"
        elif shape == 1:
            name = f"{nick}{stem}{rng.randrange(1, 1000)}"
        elif shape == 2:
            name = f"{stem}_{nick}"
        else:
            name = f"{nick}_{stem}_{sfx}"
        if not name[0].isalpha() or len(name) < 5 or name.lower() in taken:
            continue
        taken.add(name.lower())
        # Gangs brand their channels in mixed case; Telegram ignores case.
        shown = "_".join(p.capitalize() for p in name.split("_")) if rng.random() < 0.3 else name
        return Handle(shown, name.lower())


_LINE_FORMS = {
    "th": ("ไลน์ไอดี {x}", "ID LINE: {x}", "ไลน์ {x}", "LINE: {x}", "ไอดีไลน์ {x}"),
    "km": ("LINE: {x}", "ឡាញ {x}", "LINE ID {x}"),
    "en": ("LINE: {x}", "LINE ID {x}", "Line id: {x}"),
}


def write_line(rng: random.Random, handle: Handle, lang: str) -> Writing:
    official = handle.shown.startswith("@")
    if rng.random() < 0.2:
        scheme = rng.choice(("https://", ""))
        tail = f"R/ti/p/{handle.shown}" if official else f"ti/p/~{handle.shown}"
        written = f"{scheme}line.me/{tail}"
        url = f"{scheme or 'http://'}line.me/{tail}"
        planted = (Planted("url", url, written), Planted("domain", "line.me", written),
                   Planted("line_id", handle.value, written))
        return Writing(written, planted)
    text = rng.choice(_LINE_FORMS[lang]).format(x=handle.shown)
    return Writing(text, (Planted("line_id", handle.value, handle.shown),))


_TG_FORMS = {
    "th": ("เทเลแกรม @{x}", "Telegram @{x}", "Telegram: @{x}"),
    "km": ("តេឡេក្រាម @{x}", "Telegram @{x}", "Telegram: @{x}"),
    "en": ("Telegram @{x}", "Telegram: @{x}", "Telegram channel @{x}"),
}


def write_telegram(rng: random.Random, handle: Handle, lang: str) -> Writing:
    """A bare @name only with the word Telegram beside it, as DESIGN.md requires."""
    if rng.random() < 0.35:
        scheme = rng.choice(("https://", ""))
        written = f"{scheme}t.me/{handle.shown}"
        url = f"{scheme or 'http://'}t.me/{handle.shown}"
        planted = (Planted("url", url, written), Planted("domain", "t.me", written),
                   Planted("telegram", handle.value, written))
        return Writing(written, planted)
    text = rng.choice(_TG_FORMS[lang]).format(x=handle.shown)
    return Writing(text, (Planted("telegram", handle.value, f"@{handle.shown}"),))
