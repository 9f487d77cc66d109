"""Digit runs -> phones, bank accounts, PromptPay IDs, national IDs.

A run is digits joined by spaces, dashes, dots or brackets ("+66 (0)81-234
5678", "123-4-56789-0"). Writers also put numbers side by side, so a run is
read as groups: from each group that can start a number, the longest valid
reading is taken, then reading goes on after it. What a number is depends on
the nearest keyword before it (see _context).

Account or phone, when a bank is named: a bank's name is written before its
call centre's number as often as before a mule's account number, so a bank
name alone does not make a number an account. A number read in bank or
account context (not written with "+") is a phone when it is a valid phone
(read in the named bank's country first, unless the caller fixed one) and
- it is on a phone warninglist: a bank's own call centre is never an account,
  whatever the words ("บัญชีกสิกร 02-888-8888");
- or a phone word came after the last account word ("ติดต่อธนาคาร 02-111-1111");
- or no account word is its context and it is written in phone layout. An
  account word (บัญชี, เลขบัญชี, account, acc, a/c, គណនី ...) is context when
  only bank names stand between it and the number ("บัญชีธนาคารกรุงเทพ 09..."),
  and so is the holder's name directly after the number ("... 063-812-3459
  ชื่อบัญชี นาย", "account name", "ឈ្មោះគណនី").
  Phone layout: two or more groups, none of one digit, the first of 2 to 4
  digits led by a trunk 0 and not 00 (081-234-5678, 02-888-8888, 081-2345678,
  Cambodia's 012 345 678).
Otherwise it is an account: a bare run of digits ("KBank 0812345678"), the
Thai passbook layout 123-4-56789-0, ACLEDA's 1234-56-789012-3 and ABA's
000 123 456 all stay accounts after a bank's name. So "ABA 012 345 678" is a
Cellcard number while "ABA 000 123 456" and "គណនី ABA 012 345 678" are
accounts.

With no keyword before it, a number is an account when the holder's name
directly follows it ("โอนเข้ากรุงเทพ 7490765880 ชื่อบัญชี นาย ...").

Work per group is bounded (at most 17 digits are ever joined), so a megabyte
of digits takes linear time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xborder.extract._context import (
    BANK_COUNTRIES, WINDOW, Context, account_word_after, bank_near, context_before,
)
from xborder.extract._found import Found
from xborder.extract.ids import is_thai_id
from xborder.extract.negatives import negative_spans
from xborder.extract.phones import phone_e164, thai_mobile
from xborder.extract.warninglists import warninglist_match

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
    """Numbers in `masked` (norm with taken spans blanked).

    Keywords are read from `masked` too: a word inside a link or a handle
    ("?ref=", "kbank-secure.help") says nothing about the number after it.
    Dates and amounts are read from `norm`.
    """
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
            _read_run(run, plus and first == 0, lead if first == 0 else None, m.start(), masked, regions, out)
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


def _read_run(run: _Run, plus: bool, lead: int | None, token_start: int, text: str,
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
            context = context_before(text, starts[i], run.ends[last - 1])
        found = None
        for j in _ends(run, counts, single, i, last, signed, context, text):
            found = _classify(run, i, j, signed, context, regions, text)
            if found is not None:
                if i == 0 and lead is not None and found.kind in _SIGNED and starts[0] - lead <= 2:
                    found.start = lead
                out.append(found)
                i = j
                break
        if found is None:
            i += 1


def _ends(run: _Run, counts: list[int], single: list[int], i: int, last: int, plus: bool,
          context: Context, text: str) -> Iterator[int]:
    """Ends worth trying for a number starting at group i, longest first."""
    digits = run.digits
    any_length = context.category is not None
    head = "".join(digits[i : i + 3])[:3]
    phone = plus or _PHONE_START.match(head) is not None
    thai_id = head[0] in _THAI_ID_FIRST
    layout = len(digits[i]) == 3 and i + 4 <= last and tuple(map(len, digits[i : i + 4])) == _THAI_ACCOUNT_LAYOUT
    # With no keyword before it, "ชื่อบัญชี ..." after the number may name it.
    named = not (any_length or plus)
    if last - i > _MAX_GROUPS:
        last = max(i + _MAX_GROUPS, min(last, single[i]) if phone or any_length else i)
    # A whole 123-4-56789-0 is one account: a group written after it with a
    # space ("... 130 ดอลลาร์", "... 2 ครั้ง") is not more of its digits.
    first = i + 4 if layout and (i + 4 == len(digits) or run.fresh[i + 4]) else None
    if first is not None:
        yield first
    for j in range(last, i, -1):
        if j == first:
            continue
        count = counts[j] - counts[i]
        if count < _MIN_DIGITS:
            return
        if (any_length or (phone and count >= 8) or (thai_id and count == _THAI_ID_DIGITS) or (layout and j == i + 4)
                or (named and count >= _ACCOUNT_DIGITS[0] and count <= _ACCOUNT_DIGITS[1]
                    and account_word_after(text, run.ends[j - 1]))):
            yield j


def _classify(run: _Run, i: int, j: int, plus: bool, context: Context, regions: tuple[str, ...],
              text: str) -> Found | None:
    parts = run.digits[i:j]
    written = "".join(parts)
    trunk = run.trunk[i:j]
    digits = "".join(d for d, t in zip(parts, trunk) if not t) if any(trunk) else written
    start, end = run.starts[i], run.ends[j - 1]
    category, bank = context.category, context.bank
    if category in ("account", "bank") and not plus:
        phone = phone_e164(digits, plus, _bank_regions(bank, regions))
        if phone and _bank_phone(parts, phone, context, text, end):
            return Found("phone", phone, start, end)
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
    if (category is None and not plus and _ACCOUNT_DIGITS[0] <= len(written) <= _ACCOUNT_DIGITS[1]
            and account_word_after(text, end)):
        # "โอนเข้ากรุงเทพ 7490765880 ชื่อบัญชี นาย ...": the words after say it.
        bank = bank_near(text, start, end)
        return Found("bank_account", written, start, end, {"bank": bank} if bank else {})
    phone = phone_e164(digits, plus, regions)
    if phone:
        return Found("phone", phone, start, end)
    if tuple(map(len, parts)) == _THAI_ACCOUNT_LAYOUT:
        return Found("bank_account", written, start, end)
    return None


def _bank_phone(parts: list[str], phone: str, context: Context, text: str, end: int) -> bool:
    """Whether a valid phone read in bank or account context is a phone (module docstring)."""
    if warninglist_match("phone", phone):
        return True
    if context.account_word:
        return False
    if context.phone_word:
        return True
    return _phone_layout(parts) and not account_word_after(text, end)


def _bank_regions(bank: str | None, regions: tuple[str, ...]) -> tuple[str, ...]:
    """Regions to read a number next to `bank` in: the bank's country first,
    unless the caller fixed one ("ABA 023 225 333" is ABA's Phnom Penh line)."""
    home = BANK_COUNTRIES.get(bank) if bank else None
    if home is None or len(regions) < 2 or regions[0] == home or home not in regions:
        return regions
    return (home,) + tuple(r for r in regions if r != home)


def _phone_layout(parts: list[str]) -> bool:
    """Groups as phones are written: two or more, none of one digit (an account's
    check digit), the first of 2 to 4 digits led by a trunk 0, not 00."""
    head = parts[0]
    return (len(parts) >= 2 and all(len(p) >= 2 for p in parts) and len(head) <= 4
            and head[0] == "0" and head[1] != "0")
