"""A normalised view of a text, with every position mapped back to the original.

Finders work on one string where Thai and Khmer digits are ASCII, full-width
forms are ASCII, zero-width characters are gone and defanged links are
refanged. Spans must still point into what the writer typed (DESIGN.md), so
the view records each edit and maps positions back.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

# One-for-one replacements keep positions, so str.translate does them in C.
_TABLE: dict[int, str] = {}
for _i in range(10):
    _TABLE[0x0E50 + _i] = str(_i)  # Thai digits
    _TABLE[0x17E0 + _i] = str(_i)  # Khmer digits
    _TABLE[0x17F0 + _i] = str(_i)  # Khmer divination numerals, same values
for _c in range(0xFF01, 0xFF5F):  # full-width ASCII block
    _TABLE[_c] = chr(_c - 0xFEE0)
_TABLE.update({
    0x3000: " ",  # ideographic space
    0x3002: ".",  # ideographic full stop: UTS 46 treats it as a label dot
    0xFF61: ".",
    0x00A0: " ",
    0x2007: " ",
    0x202F: " ",
    0x2010: "-",
    0x2011: "-",
    0x2012: "-",
    0x2013: "-",
    0x2014: "-",
    0x2212: "-",
})
del _i, _c
# Searching for a character that needs translating is much cheaper than
# translating a Thai text that has none.
_NEEDS_TABLE = re.compile("[" + re.escape("".join(map(chr, sorted(_TABLE)))) + "]")

# Zero-width characters go first, so that a defang with one hidden inside it
# ("h\u200bxxps") is still recognised by the second pass.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]+")

# Defangs. Each alternative is a named group; the replacement is looked up by
# the group name. The leading lookahead on a character class lets re skip
# positions that cannot match instead of trying each alternative.
_DEFANGS = re.compile(
    r"(?=[hH\[\(\{\\ ])(?:"
    # hxxp://, hXXps[:]//, http[:]//, hxxps[://] ...
    r"(?P<scheme>(?<![A-Za-z0-9])[hH]"
    r"(?:(?:[xX]{2}|\*\*)[pP](?P<s>[sS]?)(?::|\[:\]|\(:\)|\{:\}|\[://\])"
    r"|[tT]{2}[pP](?P<s2>[sS]?)(?:\[:\]|\(:\)|\{:\}|\[://\]))"
    r"(?://|\[/\]\[/\]|\\/\\/)?)"
    r"|(?P<spdot>(?<=[A-Za-z0-9]) (?:dot|DOT|\[dot\]|\(dot\)|\{dot\}|\[\.\]|\(\.\)|\{\.\}) (?=[A-Za-z0-9]))"
    r"|(?P<dot>\[\s?\.\s?\]|\(\s?\.\s?\)|\{\s?\.\s?\}|\[dot\]|\(dot\)|\{dot\}|\[DOT\]|\(DOT\)|\\\.)"
    r"|(?P<at> ?(?:\[at\]|\(at\)|\{at\}|\[AT\]|\(AT\)|\[@\]|\(@\)|\{@\}) ?)"
    r"|(?P<colon>\[:\]|\(:\))"
    r"|(?P<slash>\[/\])"
    r")"
)
_REPLACE = {"dot": ".", "spdot": ".", "at": "@", "colon": ":", "slash": "/"}


def _replacement(m: re.Match[str]) -> str:
    name = m.lastgroup or ""
    if name == "scheme":
        return "https://" if (m.group("s") or m.group("s2")) else "http://"
    return _REPLACE.get(name, "")


class _Edits:
    """One pass of replacements: the new text and where each part came from."""

    __slots__ = ("text", "_new_at", "_new_end", "_old_start", "_old_end")

    def __init__(self, old: str, pattern: re.Pattern[str]) -> None:
        # Each edit: the new range [_new_at, _new_end) replaced the old range
        # [_old_start, _old_end).
        self._new_at: list[int] = []
        self._new_end: list[int] = []
        self._old_start: list[int] = []
        self._old_end: list[int] = []
        parts: list[str] = []
        last = 0
        length = 0
        for m in pattern.finditer(old):
            a, b = m.span()
            parts.append(old[last:a])
            length += a - last
            new = _replacement(m)
            parts.append(new)
            self._new_at.append(length)
            length += len(new)
            self._new_end.append(length)
            self._old_start.append(a)
            self._old_end.append(b)
            last = b
        parts.append(old[last:])
        self.text = "".join(parts)

    def start(self, i: int) -> int:
        k = bisect_right(self._new_at, i) - 1
        if k < 0:
            return i
        if i < self._new_end[k]:
            return self._old_start[k]
        return i - self._new_end[k] + self._old_end[k]

    def inside(self, i: int) -> bool:
        """Whether position `i` falls strictly inside one replacement."""
        k = bisect_right(self._new_at, i) - 1
        return k >= 0 and self._new_at[k] < i < self._new_end[k]

    def end(self, j: int) -> int:
        k = bisect_left(self._new_at, j) - 1
        if k < 0:
            return j
        if j <= self._new_end[k]:
            return self._old_end[k]
        return j - self._new_end[k] + self._old_end[k]


def _may_be_defanged(text: str) -> bool:
    # Every defang has a bracket, a backslash, "xx"/"XX"/"**" or "dot";
    # substring tests are far cheaper than the regex on a text without one.
    return any(mark in text for mark in ("[", "(", "{", "\\", "xx", "XX", "xX", "Xx", "**", "dot", "DOT"))


class View:
    """The normalised text `norm` of `original`, with positions mapped back."""

    __slots__ = ("original", "norm", "_passes")

    def __init__(self, original: str) -> None:
        self.original = original
        text = original.translate(_TABLE) if _NEEDS_TABLE.search(original) else original
        self._passes: list[_Edits] = []
        for pattern in (_INVISIBLE, _DEFANGS):
            if pattern is _DEFANGS and not _may_be_defanged(text):
                continue
            if pattern.search(text) is not None:
                edits = _Edits(text, pattern)
                self._passes.append(edits)
                text = edits.text
        self.norm = text

    def start(self, i: int) -> int:
        """Original position of the character at normalised position `i`."""
        for edits in reversed(self._passes):
            i = edits.start(i)
        return i

    def cuts(self, i: int) -> bool:
        """Whether a span boundary at normalised `i` would split a refanged piece.

        "0HXXP:" refangs to "0http://"; an ID ending after "0h" has no honest
        span in the original, so finders' results that do this are dropped.
        """
        for edits in reversed(self._passes):
            if edits.inside(i):
                return True
            i = edits.start(i)
        return False

    def end(self, j: int) -> int:
        """Original position just after normalised position `j - 1`."""
        for edits in reversed(self._passes):
            j = edits.end(j)
        return j


def normalize(text: str) -> str:
    """The normalised form of `text` (digits, widths, zero-width, refanging)."""
    return View(text).norm
