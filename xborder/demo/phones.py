"""Mobile numbers that phonenumbers accepts, and the ways people write them."""

from __future__ import annotations

import random

import phonenumbers
from phonenumbers import PhoneNumberType

from xborder.demo.numerals import native_digits
from xborder.demo.planted import Planted, Writing

CALLING_CODES = {"TH": "66", "KH": "855"}

# (first two digits of the national significant number, its length). Thai
# mobiles are 06x/08x/09x with 9 digits; Cambodian operators (Cellcard, Smart,
# Metfone) hand out both 8- and 9-digit numbers depending on the prefix.
_PREFIXES: dict[str, tuple[tuple[str, int], ...]] = {
    "TH": tuple((p, 9) for p in ("61", "62", "63", "64", "65", "66", "80", "81", "82", "83", "84",
                                  "85", "86", "87", "88", "89", "90", "91", "92", "93", "94", "95",
                                  "96", "97", "98", "99")),
    "KH": tuple((p, 8) for p in ("10", "11", "12", "14", "15", "16", "17", "60", "61", "66", "67",
                                  "68", "69", "70", "77", "78", "81", "85", "86", "87", "89", "90",
                                  "92", "93", "95", "98", "99"))
    + tuple((p, 9) for p in ("31", "71", "76", "88", "96", "97")),
}


def country_of(e164: str) -> str:
    return "KH" if e164.startswith("+855") else "TH"


def _looks_made_up(nsn: str) -> bool:
    # Vanity tails (0000000, 1234567) read as placeholders or as an operator's
    # own service numbers; a reader should never mistake a demo number for one.
    tail = nsn[2:]
    return len(set(tail)) <= 2 or tail in "0123456789" or tail in "9876543210"


def new_mobile(rng: random.Random, country: str, taken: set[str]) -> str:
    """A valid mobile number of `country` in E.164 that is not in `taken` (which grows)."""
    code = CALLING_CODES[country]
    while True:
        prefix, length = rng.choice(_PREFIXES[country])
        rest = length - len(prefix)
        nsn = f"{prefix}{rng.randrange(10 ** rest):0{rest}d}"
        e164 = f"+{code}{nsn}"
        if e164 in taken or _looks_made_up(nsn):
            continue
        # Built directly rather than parsed: parsing is half the generator's run time.
        number = phonenumbers.PhoneNumber(country_code=int(code), national_number=int(nsn))
        if phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) == PhoneNumberType.MOBILE:
            taken.add(e164)
            return e164


def _parts(e164: str) -> tuple[str, str, str, str, str]:
    code = CALLING_CODES[country_of(e164)]
    nsn = e164[len(code) + 1:]
    return code, nsn, nsn[:2], nsn[2:5], nsn[5:]


def national_forms(e164: str) -> tuple[tuple[str, int], ...]:
    """(writing, weight) in the national format of the number's own country."""
    _, nsn, a, b, c = _parts(e164)
    if country_of(e164) == "TH":
        return ((f"0{a}-{b}-{c}", 5), (f"0{nsn}", 5), (f"0{a} {b} {c}", 2), (f"0{a}-{nsn[2:]}", 2))
    return ((f"0{a} {b} {c}", 6), (f"0{nsn}", 4), (f"0{a}-{b}-{c}", 1), (f"0{a}.{b}.{c}", 1))


def international_forms(e164: str) -> tuple[tuple[str, int], ...]:
    code, nsn, a, b, c = _parts(e164)
    return ((f"+{code} {a} {b} {c}", 4), (e164, 2), (f"+{code}-{a}-{b}-{c}", 1), (f"(+{code}) {a} {b} {c}", 1))


def _pick(rng: random.Random, forms: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([f for f, _ in forms], weights=[w for _, w in forms])[0]


def write_phone(rng: random.Random, e164: str, lang: str, home: str) -> Writing:
    """The number as a victim in `home` writing in `lang` would type it.

    Foreign numbers are always written internationally: a national-format
    Cambodian number in a Thai report would be read (by people and by the
    extractor's default region) as a Thai one.
    """
    if country_of(e164) != home or rng.random() < 0.15:
        written = _pick(rng, international_forms(e164))
    else:
        written = _pick(rng, national_forms(e164))
        if lang in ("th", "km") and rng.random() < 0.04:
            written = native_digits(written, lang)
    return Writing(written, (Planted("phone", e164, written),))
