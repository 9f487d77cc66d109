"""Currencies and conversion to the two reporting currencies (THB, USD)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

# Units of each currency per one US dollar. Defaults only: a node sets its own
# table with XBORDER_RATES (e.g. "THB=35.5,KHR=4100").
DEFAULT_PER_USD: dict[str, Decimal] = {
    "USD": Decimal("1"),
    "THB": Decimal("36.0"),
    "KHR": Decimal("4100"),
    "EUR": Decimal("0.92"),
    "CNY": Decimal("7.2"),
    "VND": Decimal("25400"),
    "LAK": Decimal("21800"),
    "MYR": Decimal("4.7"),
    "SGD": Decimal("1.35"),
    "MMK": Decimal("2100"),
    "USDT": Decimal("1"),
}

CURRENCIES: frozenset[str] = frozenset(DEFAULT_PER_USD)

MAX_AMOUNT = Decimal("1e15")


def check_currency(code: str) -> str:
    up = code.strip().upper()
    if up not in CURRENCIES:
        raise ValueError(f"unknown currency {code!r}; known: {', '.join(sorted(CURRENCIES))}")
    return up


def check_amount(value: object) -> Decimal:
    """A non-negative amount with at most two decimals, below MAX_AMOUNT."""
    if isinstance(value, bool):
        raise ValueError("amount must be a number")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"amount {value!r} is not a number") from None
    if not amount.is_finite() or amount < 0 or amount >= MAX_AMOUNT:
        raise ValueError("amount must be a finite number between 0 and 10^15")
    return amount.quantize(Decimal("0.01"))


def parse_rates(spec: str) -> dict[str, Decimal]:
    """Parse "THB=35.5,KHR=4100" onto the default table."""
    table = dict(DEFAULT_PER_USD)
    for part in filter(None, (p.strip() for p in spec.split(","))):
        code, _, rate = part.partition("=")
        try:
            value = Decimal(rate)
        except InvalidOperation:
            raise ValueError(f"bad rate {part!r}; expected CODE=UNITS_PER_USD") from None
        if not value.is_finite() or value <= 0:
            raise ValueError(f"bad rate {part!r}; the rate must be positive")
        table[code.strip().upper()] = value
    return table


def convert(amount: Decimal, currency: str, to: str, per_usd: dict[str, Decimal] | None = None) -> Decimal:
    table = per_usd or DEFAULT_PER_USD
    usd = amount / table[currency]
    return (usd * table[to]).quantize(Decimal("0.01"))
