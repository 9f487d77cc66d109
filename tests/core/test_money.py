from decimal import Decimal

import pytest

from xborder.core.money import check_amount, convert, parse_rates


def test_convert_between_currencies_through_usd():
    assert convert(Decimal("41000"), "KHR", "THB") == Decimal("360.00")
    assert convert(Decimal("36"), "THB", "USD") == Decimal("1.00")


def test_rates_can_be_overridden():
    rates = parse_rates("THB=30, KHR=4000")
    assert convert(Decimal("4000"), "KHR", "THB", rates) == Decimal("30.00")
    with pytest.raises(ValueError):
        parse_rates("THB=abc")
    with pytest.raises(ValueError):
        parse_rates("THB=-1")


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-5", True, "1e20"])
def test_bad_amounts(bad):
    with pytest.raises(ValueError):
        check_amount(bad)
