"""verdict.py: the one rule from risk, warninglist and analysts' marks to a verdict."""

import itertools

import numpy as np
import pytest

from xborder.lookup.verdict import (
    MALICIOUS,
    MALICIOUS_RISK,
    OFFICIAL,
    SUSPICIOUS,
    SUSPICIOUS_RISK,
    UNKNOWN,
    VERDICTS,
    decide,
    decide_codes,
    decide_many,
    is_official,
)


def test_risk_alone_decides_between_unknown_suspicious_and_malicious():
    assert decide(0, None, None) == UNKNOWN
    assert decide(SUSPICIOUS_RISK, None, None) == SUSPICIOUS
    assert decide(18, None, None) == SUSPICIOUS  # one fresh report
    assert decide(MALICIOUS_RISK - 1, None, None) == SUSPICIOUS
    assert decide(MALICIOUS_RISK, None, None) == MALICIOUS  # three fresh reports
    assert decide(100, None, None) == MALICIOUS


def test_a_confirmed_value_is_malicious_and_a_false_positive_never_is():
    assert decide(0, None, "confirmed") == MALICIOUS
    assert decide(100, None, "false_positive") == SUSPICIOUS
    assert decide(0, None, "false_positive") == UNKNOWN


def test_warninglists_outrank_everything():
    assert decide(100, "th-official-hotlines", "confirmed") == OFFICIAL
    assert decide(0, "bank-call-centres", None) == OFFICIAL
    assert decide(0, "kh-official-domains", None) == OFFICIAL
    # shared infrastructure is never judged either way
    assert decide(100, "url-shorteners", "confirmed") == UNKNOWN
    assert decide(100, "platform-domains", None) == UNKNOWN
    assert is_official("th-official-domains") and not is_official("platform-domains") and not is_official(None)


def test_an_unknown_mark_is_refused():
    with pytest.raises(ValueError, match="unknown mark"):
        decide(10, None, "maybe")


def test_the_vectorised_rule_is_the_scalar_rule_on_every_input():
    grid = list(itertools.product(range(101), range(3), range(3)))
    risk, wl, mark = (np.array(col) for col in zip(*grid))
    codes = decide_many(risk, wl, mark)
    assert [VERDICTS[c] for c in codes.tolist()] == [decide_codes(r, w, m) for r, w, m in grid]
    # risks outside 0..100 are clamped, not an index error
    assert VERDICTS[decide_many(np.array([250]), np.array([0]), np.array([0]))[0]] == MALICIOUS
