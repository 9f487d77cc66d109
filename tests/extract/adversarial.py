"""Near-miss inputs of about 1 MB each: regex backtracking would make these explode.

Shared by the tests (they must complete) and bench/extract (which times them).
"""

from __future__ import annotations

SIZE = 1_000_000


def _fill(piece: str, size: int = SIZE) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def adversarial_inputs(size: int = SIZE) -> dict[str, str]:
    return {
        "dotted labels": _fill("a.", size),
        "dotted digits": _fill("1.", size),
        "hyphen labels": _fill("a-", size) + ".c",
        "one long label": "http://" + _fill("a", size),
        "scheme repeats": _fill("http://", size),
        "defang repeats": _fill("hxxp[:]//a[.]", size),
        "spaced digits": _fill("1 ", size),
        "dashed digits": _fill("08-", size),
        "bracket digits": _fill("(0)", size),
        "plus signs": _fill("+6", size),
        "at signs": _fill("a@", size),
        "local part": _fill("a", size) + "@",
        "ussd no hash": _fill("*1", size),
        "base58 run": _fill("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN", size),
        "hex run": "0x" + _fill("ab", size),
        "keyword soup": _fill("บัญชี กสิกร โทร LINE ID: Telegram: @", size),
        "thai digits": _fill("๐๘๑-", size),
        "zero width": _fill("0\u200b", size),
        "ipv6 colons": _fill("1:", size),
        "iban-ish": "GB82 " + _fill("WEST ", size),
        "money and dates": _fill("16/05/2567 1,500 บาท 14:30 ", size),
    }
