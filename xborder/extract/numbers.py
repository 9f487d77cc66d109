"""Digit runs -> phones, bank accounts, PromptPay IDs, national IDs.

A run is digits joined by spaces, dashes, dots or brackets ("+66 (0)81-234
5678", "123-4-56789-0"). Writers also put numbers side by side, so a run is
read as groups: from each group that can start a number, the longest valid
reading is taken, then reading goes on after it. What a number is depends on
the nearest keyword before it (see _context).

Work per group is bounded (at most 17 digits are ever joined), so a megabyte
of digits takes linear time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xborder.extract._context import WINDOW, Context, context_before
from xborder.extract._found import Found
from xborder.extract.ids import is_thai_id
from xborder.extract.negatives import negative_spans
from xborder.extract.phones import phone_e164, thai_mobile

# Up to three separator characters between digits, so "+66 (0)81" and a
# number broken across lines still read as one run.
RUN = re.compile(r"(?=[0-9+(])(?<![0-9A-Za-z_/])(?:\+[ ]?|\([ ]?\+?)?[0-9](?:[ \t\-.()\n]{0,3}[0-9])*+")
_GROUP = re.compile(r"[0-9]+")

_MIN_DIGITS = 7
_MAX_DIGITS = 17
_ACCOUNT_DIGITS = (8, 16)
_THAI_ID_DIGITS = 13
# The Thai way to write a 10-digit account: 123-4-56789-0.
_THAI_ACCOUNT_LAYOUT = (3, 1, 5, 1)
# How a phone written without "+" begins: trunk 0, an international prefix
# (00 then a digit), or the country codes 66 and 855 written bare.
_PHONE_START = re.compile(r"0[1-9]|00[1-9]|66|855")
_PHONE_FIRST = frozenset("068")
_THAI_ID_FIRST = frozenset("12345678")
# People write a number in at most six groups ("+66 (0) 81 234 5678",
# "1 2345 67890 12 3"), or digit by digit to dodge filters.
_MAX_GROUPS = 6
_NO_CONTEXT = Context(None, None, False)
# Kinds whose span starts at a leading "+" or "(" of the run.
_SIGNED = frozenset({"phone", "promptpay"})


class _Run:
    """Digit groups of one run, as parallel lists (a run may be a megabyte)."""

    __slots__ = ("digits", "starts", "ends", "trunk", "fresh")

    def __init__(self) -> None:
        self.digits: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        # The "(0)" in "+66 (0)81 ...": written, never dialled.
        self.trunk: list[bool] = []
        # After a space, a line break or "(" a new number may begin; after
        # "-" or "." the group continues the number before it.
        self.fresh: list[bool] = []

    def add(self, digits: str, start: int, end: int, trunk: bool, fresh: bool) -> None:
        self.digits.append(digits)
        self.starts.append(start)
        self.ends.append(end)
        self.trunk.append(trunk)
        self.fresh.append(fresh)


def find_numbers(masked: str, norm: str, regions: tuple[str, ...]) -> list[Found]:
    """Numbers in `masked` (norm with taken spans blanked); context read from `norm`."""
    out: list[Found] = []
    for m in RUN.finditer(masked):
        token = m.group()
        if len(token) < _MIN_DIGITS:
            continue
        plus = "+" in token[:3]
        negative = negative_spans(norm, m.start(), m.end())
        # "+66 ..." and "(02) ..." spans start at the sign or bracket.
        lead = m.start() if token[0] in "+(" else None
        for first, run in enumerate(_runs(token, m.start(), plus, negative)):
            _read_run(run, plus and first == 0, lead if first == 0 else None, m.start(), norm, regions, out)
    return out


def _runs(token: str, offset: int, plus: bool, negative: list[tuple[int, int]]) -> Iterator[_Run]:
    """The token's digit groups, split where a date, time or amount overlaps them."""
    run = _Run()
    last = 0
    k = 0
    first = True
    for g in _GROUP.finditer(token):
        a, b = g.start(), g.end()
        start, end = offset + a, offset + b
        while k < len(negative) and negative[k][1] <= start:
            k += 1
        if k < len(negative) and negative[k][0] < end:
            if run.digits:
                yield run
            run = _Run()
            last = b
            first = False
            continue
        digits = g.group()
        gap = token[last:a]
        trunk = plus and first is False and digits == "0" and gap.endswith("(") and token[b : b + 1] == ")"
        fresh = not run.digits or " " in gap or "\n" in gap or "(" in gap or "\t" in gap
        run.add(digits, start, end, trunk, fresh)
        last = b
        first = False
    if run.digits:
        yield run


def _read_run(run: _Run, plus: bool, lead: int | None, token_start: int, norm: str,
              regions: tuple[str, ...], out: list[Found]) -> None:
    digits, starts, fresh = run.digits, run.starts, run.fresh
    n = len(digits)
    counts = [0]
    for d in digits:
        counts.append(counts[-1] + len(d))
    # single[k]: where the stretch of one-digit groups starting at k ends.
    single = [n] * (n + 1)
    for k in range(n - 1, -1, -1):
        single[k] = single[k + 1] if len(digits[k]) == 1 else k
    last = 0
    i = 0
    while i < n:
        if i and not fresh[i]:
            i += 1
            continue
        last = max(last, i + 1)
        while last < n and counts[last + 1] - counts[i] <= _MAX_DIGITS:
            last += 1
        signed = plus and i == 0
        # Past the first WINDOW characters of a token, the window before a
        # group holds only digits and separators: no keyword can be there.
        if starts[i] - WINDOW >= token_start:
            context = _NO_CONTEXT
            if (not signed and digits[i][0] not in _PHONE_FIRST
                    and counts[min(last, i + _MAX_GROUPS)] - counts[i] < _MIN_DIGITS):
                i += 1  # too few digits within reach for anything but a phone
                continue
        else:
            context = context_before(norm, starts[i], run.ends[last - 1])
        found = None
        for j in _ends(run, counts, single, i, last, signed, context):
            found = _classify(run, i, j, signed, context, regions)
            if found is not None:
                if i == 0 and lead is not None and found.kind in _SIGNED and starts[0] - lead <= 2:
                    found.start = lead
                out.append(found)
                i = j
                break
        if found is None:
            i += 1


def _ends(run: _Run, counts: list[int], single: list[int], i: int, last: int, plus: bool,
          context: Context) -> Iterator[int]:
    """Ends worth trying for a number starting at group i, longest first."""
    digits = run.digits
    any_length = context.category is not None
    head = "".join(digits[i : i + 3])[:3]
    phone = plus or _PHONE_START.match(head) is not None
    thai_id = head[0] in _THAI_ID_FIRST
    layout = len(digits[i]) == 3 and i + 4 <= last and tuple(map(len, digits[i : i + 4])) == _THAI_ACCOUNT_LAYOUT
    if not (any_length or phone or thai_id or layout):
        return
    if last - i > _MAX_GROUPS:
        last = max(i + _MAX_GROUPS, min(last, single[i]) if phone or any_length else i)
    for j in range(last, i, -1):
        count = counts[j] - counts[i]
        if count < _MIN_DIGITS:
            return
        if any_length or (phone and count >= 8) or (thai_id and count == _THAI_ID_DIGITS) or (layout and j == i + 4):
            yield j


def _classify(run: _Run, i: int, j: int, plus: bool, context: Context, regions: tuple[str, ...]) -> Found | None:
    parts = run.digits[i:j]
    written = "".join(parts)
    trunk = run.trunk[i:j]
    digits = "".join(d for d, t in zip(parts, trunk) if not t) if any(trunk) else written
    start, end = run.starts[i], run.ends[j - 1]
    category, bank = context.category, context.bank
    if category == "bank" and context.phone_word and phone_e164(digits, plus, regions):
        category = "phone"
    if category == "negative":
        return None
    if category == "promptpay":
        if len(written) == _THAI_ID_DIGITS and is_thai_id(written):
            return Found("promptpay", written, start, end)
        mobile = thai_mobile(digits, plus)
        return Found("promptpay", mobile, start, end) if mobile else None
    if category in ("account", "bank") and not plus:
        if _ACCOUNT_DIGITS[0] <= len(written) <= _ACCOUNT_DIGITS[1]:
            return Found("bank_account", written, start, end, {"bank": bank} if bank else {})
        return None
    if len(written) == _THAI_ID_DIGITS and not plus and is_thai_id(written):
        return Found("national_id", written, start, end)
    if category == "national_id":
        return None  # an ID card number of another country, never a phone
    phone = phone_e164(digits, plus, regions)
    if phone:
        return Found("phone", phone, start, end)
    if tuple(map(len, parts)) == _THAI_ACCOUNT_LAYOUT:
        return Found("bank_account", written, start, end)
    return None
