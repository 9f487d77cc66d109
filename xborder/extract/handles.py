"""LINE IDs and Telegram user names, found only where the words say so.

"@name" alone could be anyone's handle on any app; "ไลน์ @name" or
"Telegram: name" says which app. LINE official accounts keep their "@"
(that is how LINE tells them from personal IDs); Telegram names drop it.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from xborder.extract._found import Found

TELEGRAM_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
# t.me paths that are features, not user names.
TELEGRAM_RESERVED = frozenset(
    {"joinchat", "addstickers", "addemoji", "addtheme", "share", "proxy", "socks", "iv", "login",
     "setlanguage", "confirmphone", "bg", "invoice", "boost", "contact", "c", "s"}
)

_ID_CHARS = r"[A-Za-z0-9._\-]"
_PHONE_LIKE = re.compile(r"[0-9][0-9.\-]*")

# Strong keywords name LINE on their own; plain English "line" needs ":" or "@"
# after it, or "the line is busy" would yield an ID.
_LINE = re.compile(
    r"(?i)(?=[LIAไแឡ])(?<![A-Za-z])(?:(?P<strong>line\s?id|id\s?line|lineid|ไอดี\s?ไลน์|ไลน์\s?ไอดี|แอด\s?ไลน์|add\s?line"
    r"|ไลน์|ឡាញ)|(?P<weak>line))(?![A-Za-z])"
    r"(?P<sep>\s{0,3}(?:id|ไอดี)?\s{0,3}[:=]?\s{0,3})"
    # The next word may be another app's name: "LINE ID: Telegram ..." names no ID.
    r"(?!(?:line|id|telegram|tg|whatsapp|facebook|fb|ig|instagram|wechat|tel|phone|email|official)(?![A-Za-z0-9._\-]))"
    rf"(?P<id>@?[A-Za-z0-9]{_ID_CHARS}{{2,19}})(?!{_ID_CHARS})"
)

_TELEGRAM_WORD = re.compile(r"(?i)(?=[TGเត])(?<![A-Za-z])(?:telegram|telegrame|เทเลแกรม|เทเลแกรม|เทเลเเกรม|តេឡេក្រាម|តេលេក្រាម|tele|tg)(?![A-Za-z])")
_TELEGRAM = re.compile(
    r"(?i)(?=[TGเត])(?<![A-Za-z])(?:(?P<strong>telegram|เทเลแกรม|เทเลแกรม|เทเลเเกรม|តេឡេក្រាម|តេលេក្រាម)|(?P<weak>tele|tg))(?![A-Za-z])"
    r"(?P<sep>\s{0,3}(?:id|ไอดี)?\s{0,3}[:=]?\s{0,3})"
    # A full stop may end the sentence ("Telegram @name."), not start a host.
    r"(?P<id>@?[A-Za-z][A-Za-z0-9_]{3,31})(?![A-Za-z0-9_@]|\.[A-Za-z0-9_])"
)
_AT_NAME = re.compile(r"(?=@)(?<![A-Za-z0-9._%+\-@/])@([A-Za-z][A-Za-z0-9_]{3,31})(?![A-Za-z0-9_@\-]|\.[A-Za-z0-9_\-])")


def find_line_ids(norm: str) -> list[Found]:
    # Every keyword of _LINE contains one of these; substring tests are far
    # cheaper than a regex pass over a text that has none.
    if "ไลน์" not in norm and "ឡាញ" not in norm and "line" not in norm.lower():
        return []
    out = []
    for m in _LINE.finditer(norm):
        if m.group("weak") and not (set(m.group("sep")) & {":", "="} or m.group("id").startswith("@")):
            continue
        raw = m.group("id").rstrip(".-")
        if len(raw.lstrip("@")) < 3:
            continue
        if _PHONE_LIKE.fullmatch(raw):
            # "ไลน์ 081-234-5678": LINE finds friends by phone number, and the
            # phone is the indicator that links reports; numbers.py reads it.
            continue
        if not is_line_id(raw):
            continue
        start = m.start("id")
        out.append(Found("line_id", raw.lower(), start, start + len(raw)))
    return out


def find_telegram(norm: str, taken: list[tuple[int, int]]) -> list[Found]:
    """Telegram names after a Telegram keyword, and "@name" in a text about Telegram."""
    lower = norm.lower()
    if ("tele" not in lower and "tg" not in lower and "เทเล" not in norm and "តេ" not in norm) or (
            _TELEGRAM_WORD.search(norm) is None):
        return []
    out = []
    seen: set[int] = set()
    for m in _TELEGRAM.finditer(norm):
        raw = m.group("id")
        sep = m.group("sep")
        keyword = m.group("strong") or m.group("weak")
        # English words need a marker after them: "Telegram group" is no name.
        marked = ":" in sep or "=" in sep or raw.startswith("@") or sep.strip(" :=").lower() in ("id", "ไอดี")
        if not (marked or (m.group("strong") and not keyword.isascii())):
            continue
        name = raw.lstrip("@")
        if name.lower() in TELEGRAM_RESERVED or name.endswith("_") or name.lower() in ("id", "me"):
            continue
        out.append(Found("telegram", name.lower(), m.start("id"), m.end("id")))
        seen.add(m.start("id"))
    for m in _AT_NAME.finditer(norm):
        start = m.start()
        if start in seen or any(a <= start < b for a, b in taken):
            continue
        name = m.group(1)
        if name.endswith("_") or name.lower() in TELEGRAM_RESERVED:
            continue
        out.append(Found("telegram", name.lower(), start, m.end()))
    return out


_LINE_ID = re.compile(rf"@?[A-Za-z0-9]{_ID_CHARS}{{1,18}}[A-Za-z0-9_]")


def is_line_id(text: str) -> bool:
    return _LINE_ID.fullmatch(text) is not None


def canonical_line_id(value: str) -> str:
    text = value.strip()
    m = re.match(r"(?i)^(?:https?://)?(?:www\.)?line\.me(?:/r)?/ti/p/", text)
    if m:
        text = text[m.end():]
    text = unquote(text).lstrip("~")
    if not is_line_id(text):
        raise ValueError(f"{value!r} is not a LINE ID: 3 to 20 letters, digits, '.', '-' or '_', '@' first for official accounts")
    return text.lower()


def canonical_telegram(value: str) -> str:
    text = value.strip()
    m = re.match(r"(?i)^(?:https?://)?(?:t|telegram)\.(?:me|dog)/(?:s/)?", text)
    if m:
        text = text[m.end():].split("/", 1)[0].split("?", 1)[0]
    text = text.lstrip("@")
    if not TELEGRAM_NAME.fullmatch(text) or text.endswith("_") or text.lower() in TELEGRAM_RESERVED:
        raise ValueError(f"{value!r} is not a Telegram user name: 4 to 32 letters, digits or '_', starting with a letter")
    return text.lower()
