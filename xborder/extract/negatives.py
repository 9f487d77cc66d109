"""Spans that look numeric but are dates, times or money: never phones or accounts.

A date read as a phone number links strangers' reports, so these spans are
blanked before numbers are read. Thai dates often carry Buddhist-era years
(2567 = 2024 CE), which a Gregorian-only rule would miss.
"""

from __future__ import annotations

import re

_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_THAI_MONTH = r"(?:ม\.?ค\.?|ก\.?พ\.?|มี\.?ค\.?|เม\.?ย\.?|พ\.?ค\.?|มิ\.?ย\.?|ก\.?ค\.?|ส\.?ค\.?|ก\.?ย\.?|ต\.?ค\.?|พ\.?ย\.?|ธ\.?ค\.?)"
# A sign glued to the digits after it ("123-4-56789-0 ฿2,900") belongs to that
# amount, not to the number before it.
_CURRENCY_AFTER = (
    r"(?:บาท|บ\.|(?:฿|៛|\$)(?![0-9])|ล้าน|แสน|หมื่น|พัน|ริเอล|ดอลลาร์|ดอลล่าร์|រៀល|ដុល្លារ|%"
    r"|(?i:thb|usdt|usd|khr|baht|riels?|dollars?|bucks)(?![A-Za-z]))"
)

# The lookahead lets re skip characters that cannot start any of these.
SPANS = re.compile(
    r"(?=[0-9฿$៛พคปTtUuKk])(?:"
    # 16/05/2567, 16-5-67, 16.05.2024; 2024-05-16
    rf"(?<![0-9]){_DAY}[/.\-]{_MONTH}[/.\-](?:[0-9]{{4}}|[0-9]{{2}})(?![0-9])"
    r"|(?<![0-9])(?:19|20|25)[0-9]{2}[/\-](?:0[1-9]|1[0-2])[/\-](?:0[1-9]|[12][0-9]|3[01])(?![0-9])"
    # 16 พ.ค. 2567, and Buddhist-era or Gregorian years after พ.ศ. / ค.ศ. / ปี
    rf"|(?<![0-9]){_DAY}\s?{_THAI_MONTH}\s?(?:[0-9]{{4}}|[0-9]{{2}})(?![0-9])"
    r"|(?:พ\.ศ\.|ค\.ศ\.|ปี)\s?(?:25|20|19)[0-9]{2}(?![0-9])"
    # 14:00, 11:24:21, 14.30 น.
    r"|(?<![0-9])(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?![0-9])"
    r"|(?<![0-9])(?:[01]?[0-9]|2[0-3])\.[0-5][0-9]\s?น\."
    # 230,000 and 1,500.00 are amounts: phone numbers are never grouped by thousands.
    r"|(?<![0-9,])[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9])"
    # 500 บาท, 1500.00บ., 20 USD, 50%
    rf"|(?<![0-9.])[0-9]+(?:\.[0-9]+)?\s?{_CURRENCY_AFTER}"
    # ฿500, $20, USD 1500
    r"|(?:฿|\$|៛|(?<![A-Za-z])(?i:thb|usdt|usd|khr)\s?)[0-9][0-9,]*(?:\.[0-9]+)?"
    r")"
)
_MARGIN = 8


def negative_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Date, time and money spans that overlap text[start:end] (all of it by default)."""
    stop = len(text) if end is None else min(len(text), end + _MARGIN)
    return [m.span() for m in SPANS.finditer(text, max(0, start - _MARGIN), stop) if m.end() > start]
