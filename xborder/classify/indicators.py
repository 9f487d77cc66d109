"""Indicator features: what the extracted indicators say about a message."""

from __future__ import annotations

from collections.abc import Sequence

from xborder.core.indicators import Indicator
from xborder.extract import extract

FEATURES: tuple[str, ...] = (
    "link",
    "short_link",
    "app_download",
    "ussd",
    "bank_account",
    "promptpay",
    "phone",
    "chat_handle",
    "crypto_wallet",
    "known_bad",
    "official",
)

DESCRIPTIONS: dict[str, str] = {
    "link": "a link",
    "short_link": "a shortened link",
    "app_download": "a link to an app file",
    "ussd": "a USSD dial code",
    "bank_account": "a bank account number",
    "promptpay": "a PromptPay ID",
    "phone": "a phone number",
    "chat_handle": "a LINE or Telegram contact",
    "crypto_wallet": "a crypto wallet",
    "known_bad": "an indicator already reported as malicious",
    "official": "an official number or site",
}

# Hosts whose only purpose is to hide where a link goes. The extractor's
# warninglist marks these too; this set covers indicators built elsewhere.
_SHORTENERS = frozenset(
    {"bit.ly", "tinyurl.com", "cutt.ly", "shorturl.at", "rb.gy", "is.gd", "t.ly",
     "s.id", "ow.ly", "rebrand.ly", "tiny.cc", "shorturl.asia", "m9s.in"}
)
_BAD_STATUSES = frozenset({"malicious", "confirmed", "bad", "blocked"})
_KIND_FEATURE = {
    "ussd": "ussd",
    "bank_account": "bank_account",
    "promptpay": "promptpay",
    "phone": "phone",
    "line_id": "chat_handle",
    "telegram": "chat_handle",
    "crypto_wallet": "crypto_wallet",
    "iban": "bank_account",
}


def indicator_flags(indicators: Sequence[Indicator]) -> frozenset[str]:
    """The FEATURES present among `indicators`.

    An indicator is "known_bad" when whoever built it set `attrs["known_bad"]`
    or an `attrs["status"]` of malicious/confirmed/bad/blocked (the node's own
    lookup); it is "official" when it is on an official warninglist (hotlines,
    bank call centres, government domains), because official values must pull
    a message towards legitimate, never towards scam.
    """
    flags: set[str] = set()
    for ind in indicators:
        feature = _KIND_FEATURE.get(ind.kind)
        if feature:
            flags.add(feature)
        if ind.kind in ("url", "domain"):
            flags.add("link")
            host = _host(ind.value)
            if host in _SHORTENERS:
                flags.add("short_link")
            if ind.value.lower().split("?")[0].endswith(".apk"):
                flags.add("app_download")
        attrs = ind.attrs or {}
        listed = str(attrs.get("warninglist") or "")
        if "shorten" in listed:
            flags.add("short_link")
        elif listed and "platform" not in listed:
            # Big platforms' domains (facebook.com, line.me) are where scams
            # live too, so only official lists count in a message's favour.
            flags.add("official")
        if attrs.get("known_bad") or attrs.get("status") in _BAD_STATUSES:
            flags.add("known_bad")
    return frozenset(flags)


def _host(value: str) -> str:
    rest = value.split("://", 1)[-1]
    return rest.split("/", 1)[0].split(":", 1)[0].lower()


def extract_indicators(text: str) -> list[Indicator]:
    """Indicators of `text`, as the extraction layer finds them."""
    return list(extract(text))
