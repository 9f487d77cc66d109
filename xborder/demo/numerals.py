"""Thai and Khmer digits, which victims type on native keyboards."""

from __future__ import annotations

_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_KHMER = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")


def native_digits(text: str, lang: str) -> str:
    """`text` with ASCII digits in the script of `lang` (th, km); others unchanged."""
    if lang == "th":
        return text.translate(_THAI)
    if lang == "km":
        return text.translate(_KHMER)
    return text


def grouped(n: int) -> str:
    """12500 -> '12,500'."""
    return f"{n:,}"
