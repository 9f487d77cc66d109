"""A report's narrative made fit for a partner: nothing left that could point at the victim.

redact_narrative() keeps the story (what was said, which bank or agency was
impersonated, amounts, dates) and the scammers' indicators the partner may
receive (`keep`), and replaces, in this order of precedence:

1. every indicator xborder.extract finds that is not in `keep` -> "[<kind>]"
   (the victim's own phone, account, e-mail, LINE ID...; warninglisted values
   such as a bank's public call centre stay, they name no one);
   a national ID number (a national_id, or a PromptPay ID that is one) is
   replaced even when listed in `keep` or warninglisted;
2. every e-mail address not in `keep` -> "[email]" (also those extract
   would not take);
3. every run of 6 or more digits (Thai and Khmer digits included, with
   spaces, dashes, dots or brackets between groups) that is not inside a kept
   indicator, a date, a time or an amount of money -> "[number]": ID cards,
   passports, card numbers, house and policy numbers;
4. the words after a naming phrase -> "[name]": "my name is", "I am called",
   "Mr", "Mrs", "Ms", "Miss"; Thai "ชื่อ", "นาย", "นางสาว", "นาง", "น.ส.",
   "ด.ช.", "ด.ญ."; Khmer "ឈ្មោះ", "លោកស្រី", "លោក", "កញ្ញា". Latin: up to
   three following capitalised words; Thai and Khmer, which do not space
   words: the next two space-separated runs of their script (given name and
   family name), at most 30 characters each;
5. then the text is cut to `max_chars` characters at a space where possible,
   with "…" appended.

Anything that matches the rules is replaced, scammers' fake names included;
it errs on the side of removing too much.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from xborder.extract import extract
from xborder.extract.negatives import negative_spans
from xborder.share.facts import IndicatorKey
from xborder.share.vocab import is_national_id

DEFAULT_MAX_CHARS = 1000
_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙០១២៣៤៥៦៧៨៩", "01234567890123456789")
_EMAIL = re.compile(
    r"[A-Za-z0-9._%+\-]+(?:@|\s?(?:\[at\]|\(at\))\s?)[A-Za-z0-9\-]+"
    r"(?:(?:\.|\s?(?:\[\.\]|\(dot\))\s?)[A-Za-z0-9\-]+)+"
)
_NUMBER = re.compile(r"(?<![0-9])\+?[0-9](?:[\s\-.()/]{0,2}[0-9])+(?![0-9])")
_MIN_DIGITS = 6
_NAME = re.compile(
    # Latin: a phrase, then up to three capitalised words.
    r"(?i:\b(?:my\s+name\s+is|i\s+am\s+called|name\s*:|mrs?\.?|ms\.?|miss)\s+)"
    r"(?P<latin>[A-Z][\w'\-]*(?:\s+[A-Z][\w'\-]*){0,2})"
    # Thai and Khmer: a phrase, then up to three space-separated runs of their script.
    r"|(?:ชื่อ(?:จริง|-นามสกุล)?|นางสาว|นาย|นาง|น\.ส\.|ด\.ช\.|ด\.ญ\.|ឈ្មោះ|(?<!ពិភព)លោក(?:ស្រី)?|កញ្ញា)\s*:?\s*"
    r"(?P<local>[\u0e00-\u0e7f\u1780-\u17ffA-Za-z]{1,30}(?:\s[\u0e00-\u0e7f\u1780-\u17ffA-Za-z]{1,30})?)"
)


def redact_narrative(
    text: str,
    keep: Collection[IndicatorKey] = (),
    country: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> str:
    """`text` with the victim's identifiers replaced (module docstring), at most `max_chars` long.

    `keep` lists the report's scammer indicators that the partner may receive
    ((kind, canonical value) pairs); `country` is the default region for
    national-format phone numbers, as for xborder.extract.extract.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    keep_set = {key for key in keep if not is_national_id(*key)}
    cuts: list[tuple[int, int, str]] = []
    kept: list[tuple[int, int]] = []
    for ind in extract(text, country):
        if not is_national_id(ind.kind, ind.value) and ((ind.kind, ind.value) in keep_set or ind.warninglist):
            kept.append((ind.start, ind.end))
        else:
            cuts.append((ind.start, ind.end, f"[{ind.kind}]"))
    kept_emails = {v for k, v in keep_set if k == "email"}
    for m in _EMAIL.finditer(text):
        if _plain_email(m.group()) not in kept_emails and not _inside(m.span(), kept):
            cuts.append((m.start(), m.end(), "[email]"))
    ascii_digits = text.translate(_DIGITS)
    spared = kept + negative_spans(ascii_digits)
    for m in _NUMBER.finditer(ascii_digits):
        if sum(c.isdigit() for c in m.group()) >= _MIN_DIGITS and not _inside(m.span(), spared):
            cuts.append((m.start(), m.end(), "[number]"))
    for m in _NAME.finditer(text):
        group = "latin" if m.group("latin") else "local"
        cuts.append((m.start(group), m.end(group), "[name]"))
    return _shorten(_apply(text, cuts, kept), max_chars)


def _plain_email(found: str) -> str:
    for defanged, plain in (("[at]", "@"), ("(at)", "@"), ("[.]", "."), ("(dot)", ".")):
        found = found.replace(defanged, plain)
    return re.sub(r"\s", "", found).lower()


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def _apply(text: str, cuts: list[tuple[int, int, str]], kept: list[tuple[int, int]]) -> str:
    """Replace every cut; overlapping cuts merge into one, the first placeholder wins."""
    merged: list[tuple[int, int, str]] = []
    for start, end, label in sorted(cuts, key=lambda c: (c[0], -c[1])):
        # A cut inside a kept indicator (the domain of a kept url) goes with it.
        if _inside((start, end), kept):
            continue
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2])
            continue
        merged.append((start, end, label))
    out, pos = [], 0
    for start, end, label in merged:
        out += [text[pos:start], label]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _shorten(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1]
    space = cut.rfind(" ")
    if space > max_chars // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"
