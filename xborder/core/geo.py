"""Countries and the border provinces of the first deployment."""

from __future__ import annotations

import phonenumbers

# Every ISO 3166-1 alpha-2 region phonenumbers knows; good enough to reject typos
# such as "TL" for Thailand while accepting any real partner country.
COUNTRIES: frozenset[str] = frozenset(
    r for r in phonenumbers.SUPPORTED_REGIONS if len(r) == 2 and r.isalpha()
)

# Thai provinces on the Cambodian border, and Cambodian provinces on the Thai one.
BORDER_PROVINCES: dict[str, tuple[str, ...]] = {
    "TH": ("Trat", "Chanthaburi", "Sa Kaeo", "Buriram", "Surin", "Sisaket", "Ubon Ratchathani"),
    "KH": ("Koh Kong", "Pursat", "Battambang", "Pailin", "Banteay Meanchey", "Oddar Meanchey", "Preah Vihear"),
}

# Provinces and cities that show up most in reports besides the border itself.
OTHER_PROVINCES: dict[str, tuple[str, ...]] = {
    "TH": ("Bangkok", "Nonthaburi", "Chiang Mai", "Khon Kaen", "Chonburi", "Nakhon Ratchasima", "Phuket", "Songkhla"),
    "KH": ("Phnom Penh", "Siem Reap", "Sihanoukville", "Kampot", "Kandal", "Takeo"),
}


def check_country(code: str) -> str:
    """Upper-case ISO 3166-1 alpha-2 code, or ValueError."""
    up = code.strip().upper()
    if up not in COUNTRIES:
        raise ValueError(f"unknown country code {code!r}; use ISO 3166-1 alpha-2 such as TH or KH")
    return up


def is_border_province(country: str, province: str) -> bool:
    return province in BORDER_PROVINCES.get(country, ())
