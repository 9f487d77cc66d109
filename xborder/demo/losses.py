"""How much victims lose, in which currency, and how they write the sum."""

from __future__ import annotations

import math
import random
from decimal import Decimal

from xborder.core.money import DEFAULT_PER_USD
from xborder.demo.numerals import grouped, native_digits

# (median loss in THB, log-spread, floor, ceiling) for a Thai victim. Shapes
# follow what Thai police dashboards publish: call-centre and investment cases
# are rare but large, shop and prize scams frequent and small.
_THB: dict[str, tuple[float, float, int, int]] = {
    "phishing": (12_000, 1.0, 500, 400_000),
    "impersonation": (85_000, 1.2, 3_000, 5_000_000),
    "ecommerce": (2_500, 0.9, 150, 80_000),
    "employment": (35_000, 1.2, 800, 1_500_000),
    "investment": (150_000, 1.3, 5_000, 10_000_000),
    "romance": (60_000, 1.2, 2_000, 3_000_000),
    "sextortion": (8_000, 0.9, 500, 200_000),
    "loan": (3_000, 0.8, 300, 60_000),
    "gambling": (15_000, 1.1, 300, 1_000_000),
    "prize": (2_000, 0.9, 200, 50_000),
    "remote_access": (90_000, 1.2, 3_000, 3_000_000),
    "other": (5_000, 1.0, 200, 200_000),
}

# Cambodian incomes are lower; losses scale with what victims have.
_KH_SCALE = 0.45
_THB_PER_USD = float(DEFAULT_PER_USD["THB"])
_KHR_PER_USD = float(DEFAULT_PER_USD["KHR"])


def _round_to(x: float, step: int) -> int:
    return max(step, int(round(x / step)) * step)


def _tidy(x: float, currency: str, rng: random.Random) -> int:
    """Round the way transfers are made: round sums mostly, exact odd ones sometimes."""
    if currency == "KHR":
        return _round_to(x, 1000)
    if rng.random() < 0.12:
        return max(1, int(x))
    if currency == "USD":
        step = 1 if x < 50 else 5 if x < 500 else 50 if x < 5000 else 500
    else:
        step = 10 if x < 1000 else 100 if x < 20_000 else 1000 if x < 200_000 else 10_000
    return _round_to(x, step)


def new_loss(rng: random.Random, scam_type: str, country: str, border: bool) -> dict[str, str]:
    """A loss record as intake takes it: {"amount": "12500.00", "currency": ...}."""
    median, spread, floor, ceiling = _THB.get(scam_type, _THB["other"])
    thb = min(max(rng.lognormvariate(math.log(median), spread), floor), ceiling)
    if country == "TH":
        usd_share = 0.15 if scam_type in ("investment", "romance") else 0.02
        currency = "USD" if rng.random() < usd_share else "THB"
    else:
        thb *= _KH_SCALE
        # Baht circulates in the Cambodian border provinces; riel is for small sums.
        roll = rng.random()
        small = thb / _THB_PER_USD < 250
        if roll < (0.25 if border else 0.06):
            currency = "THB"
        elif small and roll < 0.45:
            currency = "KHR"
        else:
            currency = "USD"
    if currency == "THB":
        amount = _tidy(thb, "THB", rng)
    elif currency == "USD":
        amount = _tidy(thb / _THB_PER_USD, "USD", rng)
    else:
        amount = _tidy(thb / _THB_PER_USD * _KHR_PER_USD, "KHR", rng)
    return {"amount": f"{Decimal(amount):.2f}", "currency": currency}


_FORMS: dict[str, dict[str, tuple[str, ...]]] = {
    "th": {"THB": ("{g} บาท", "{g}บาท", "{n} บาท", "฿{g}"), "USD": ("{g} ดอลลาร์", "{g} USDT", "${g}"),
           "KHR": ("{g} เรียล",)},
    "km": {"USD": ("${g}", "{g} ដុល្លារ", "{g}$"), "KHR": ("{g} រៀល", "{g}៛"), "THB": ("{g} បាត", "{g} ប៉ាត")},
    "en": {"THB": ("{g} baht", "THB {g}", "{g} THB", "{n} THB"), "USD": ("${g}", "USD {g}", "{g} USD"),
           "KHR": ("{g} riel", "KHR {g}")},
}


def write_amount(rng: random.Random, loss: dict[str, str], lang: str) -> str:
    n = int(Decimal(loss["amount"]))
    text = rng.choice(_FORMS[lang][loss["currency"]]).format(g=grouped(n), n=n)
    if lang in ("th", "km") and rng.random() < 0.06:
        text = native_digits(text, lang)
    return text
