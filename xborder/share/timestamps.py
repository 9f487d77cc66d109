"""STIX timestamps: RFC 3339, UTC, upper-case T and Z, at least millisecond precision.

stix_time() writes milliseconds, and microseconds only when the datetime has
them, so parse_time(stix_time(t)) == t for every aware datetime: a `modified`
the store made strictly larger stays strictly larger on the wire. Two STIX
timestamps of different precision do not sort as strings ("...00.5Z" after
"...00.500001Z"): compare them parsed.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

# ASCII digits only: \d would also take Thai, Khmer or full-width digits, which RFC 3339 does not.
_STIX_TIME = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?Z", re.ASCII)


def stix_time(at: datetime) -> str:
    """`at` (aware; naive is taken as UTC) as a STIX timestamp."""
    utc = at.replace(tzinfo=None) if at.tzinfo is None else at.astimezone(timezone.utc).replace(tzinfo=None)
    spec = "microseconds" if utc.microsecond % 1000 else "milliseconds"
    return utc.isoformat(timespec=spec) + "Z"


def parse_time(text: str) -> datetime:
    """An aware UTC datetime from a STIX timestamp; ValueError if it is not one.

    Digits past the microsecond (RFC 3339 allows any number) are dropped.
    """
    m = _STIX_TIME.fullmatch(text) if isinstance(text, str) else None
    if m is None:
        raise ValueError(f"{text!r} is not a STIX timestamp (YYYY-MM-DDTHH:MM:SS[.fff]Z)")
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    micro = int((m.group(7) or "0").ljust(6, "0")[:6])
    try:
        return datetime(year, month, day, hour, minute, second, micro, tzinfo=timezone.utc)
    except ValueError:
        raise ValueError(f"{text!r} is not a valid date and time") from None
