"""Script-based language detection: Thai block, Khmer block, Latin."""

from __future__ import annotations

import re

# One pass of str.translate sorts every character into a script bucket; it is
# several times faster than counting with one regular expression per script.
_BUCKETS = str.maketrans(
    {
        **{chr(c): "t" for c in range(0x0E01, 0x0E5C)},
        **{chr(c): "k" for c in (*range(0x1780, 0x1800), *range(0x19E0, 0x1A00))},
        **{chr(c): "l" for c in (*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250))},
    }
)
# Letters of any script but the three above (Chinese, Cyrillic, Lao, ...).
_OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u0e01-\u0e5b\u1780-\u17ff\u19e0-\u19ff]")
_URLISH = re.compile(
    r"(?:https?://|www\.)\S+|\S+\.(?:com|net|org|cc|xyz|ly|me|co|th|kh|app|in|io|link)\b\S*", re.I
)

# Share of letters a Thai or Khmer message needs: these scripts are rarely
# quoted inside English messages, while Latin brand names, OTP words and links
# are routinely quoted inside Thai and Khmer ones.
_LOCAL_SCRIPT_SHARE = 0.2


def detect_language(text: str) -> str:
    """Return "th", "km", "en" or "other" from the script most letters use."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    buckets = text.translate(_BUCKETS)
    thai = buckets.count("t")
    khmer = buckets.count("k")
    local, code = (thai, "th") if thai >= khmer else (khmer, "km")
    latin = buckets.count("l")
    if local:
        if latin > local * (1 - _LOCAL_SCRIPT_SHARE) / _LOCAL_SCRIPT_SHARE:
            # Links are Latin whatever the language; only the words count.
            latin = _URLISH.sub(" ", text).translate(_BUCKETS).count("l")
        if local >= _LOCAL_SCRIPT_SHARE * (local + latin):
            return code
    if latin and latin >= len(_OTHER_LETTER.findall(text)):
        return "en"
    return "other"
