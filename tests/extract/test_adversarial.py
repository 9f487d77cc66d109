"""A megabyte of near-misses must not blow up (timings are in bench/extract)."""

from __future__ import annotations

import pytest

from xborder.extract import extract

# One of each shape; bench/extract runs the full set with timings.
SHAPES = ["dotted labels", "spaced digits", "dashed digits", "defang repeats", "local part", "keyword soup",
          "money and dates", "zero width"]


@pytest.mark.parametrize("shape", SHAPES)
def test_megabyte_of_near_misses_completes(shape, adversarial):
    text = adversarial.adversarial_inputs()[shape]
    assert len(text) >= 1_000_000
    found = extract(text)
    for indicator in found[:1000]:
        assert 0 <= indicator.start < indicator.end <= len(text)


def test_keyword_soup_finds_nothing(adversarial):
    # "Telegram: @" followed by nothing is no handle; "LINE ID: Telegram" is none either.
    assert extract(adversarial.adversarial_inputs(20_000)["keyword soup"]) == []
