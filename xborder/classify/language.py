"""Script-based language detection: Thai block, Khmer block, Latin."""

from __future__ import annotations

import re

# Counted separately so that a Thai or Khmer message carrying a Latin URL or
# brand name is still recognised by its own script.
_THAI = re.compile(r"[\u0e01-\u0e5b]")
_KHMER = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_URLISH = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:com|net|org|cc|xyz|ly|me|co|th|kh|app|in)\S*", re.I)
_OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u0e00-\u0e7f\u1780-\u17ff\u19e0-\u19ff]")

# Share of letters a Thai or Khmer message needs: these scripts are rarely
# quoted inside English messages, while Latin brand names and OTP words are
# routinely quoted inside Thai and Khmer ones.
_LOCAL_SCRIPT_SHARE = 0.2


def detect_language(text: str) -> str:
    """Return "th", "km", "en" or "other" from the script most letters use."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    bare = _URLISH.sub(" ", text)
    thai = len(_THAI.findall(bare))
    khmer = len(_KHMER.findall(bare))
    latin = len(_LATIN.findall(bare))
    other = len(_OTHER_LETTER.findall(bare))
    letters = thai + khmer + latin + other
    if letters == 0:
        return "other"
    local, code = (thai, "th") if thai >= khmer else (khmer, "km")
    if local and local >= _LOCAL_SCRIPT_SHARE * letters:
        return code
    if latin > other:
        return "en"
    return "other"
