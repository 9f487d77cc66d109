from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from xborder.link.risk import RiskParams, risk_scores

NOW = datetime(2025, 6, 30, tzinfo=timezone.utc)


def at(days):
    return np.datetime64((NOW - timedelta(days=days)).replace(tzinfo=None), "s")


def score(rows, kind="bank_account", params=RiskParams()):
    """rows: (evidence kind, days ago, source) for one indicator."""
    r = risk_scores([kind], [0] * len(rows), [k for k, _, _ in rows], [at(d) for _, d, _ in rows],
                    [s for _, _, s in rows], NOW, params)
    return int(r.score[0]), r


def test_fresh_evidence_scores_as_documented():
    assert score([])[0] == 0
    assert score([("report", 0, "v1")])[0] == 18
    assert score([("report", 0, f"v{k}") for k in range(3)])[0] == 45
    assert score([("confirmation", 0, "analyst")])[0] == 70
    assert score([("confirmation", 0, "analyst")] + [("report", 0, f"v{k}") for k in range(3)])[0] == 83
    assert score([("sighting", 0, "KH")])[0] == 33


def test_one_source_counts_once_with_its_latest_date():
    # one victim reporting five times is one report; its latest is fresh
    assert score([("report", d, "v1") for d in (400, 300, 200, 100, 0)])[0] == 18


def test_evidence_decays_with_the_kinds_half_life():
    _, r = score([("report", 180, "v1")], kind="bank_account")  # half-life 180 days
    assert r.reports[0] == pytest.approx(0.5)
    _, r = score([("report", 60, "v1")], kind="phone")  # half-life 60 days
    assert r.reports[0] == pytest.approx(0.5)
    _, r = score([("report", 60, "v1")], kind="unknown_kind")  # default 90 days
    assert r.reports[0] == pytest.approx(0.5 ** (60 / 90))


def test_false_positive_marks_suppress_until_a_later_confirmation():
    reports = [("report", 0, f"v{k}") for k in range(3)]
    assert score(reports + [("false_positive", 0, "analyst")])[0] == 0
    s, r = score(reports + [("false_positive", 365, "analyst")])
    assert r.fp_suppression[0] == pytest.approx(0.5) and s == round(45.1 * 0.5)
    # the latest verdict wins, both ways
    assert score(reports + [("false_positive", 10, "a"), ("confirmation", 1, "b")])[0] == 83
    assert score(reports + [("confirmation", 10, "b"), ("false_positive", 1, "a")])[0] == 0


def test_bad_evidence_is_refused():
    with pytest.raises(ValueError, match="unknown evidence"):
        risk_scores(["phone"], [0], ["rumour"], [at(0)], ["x"], NOW)
    with pytest.raises(ValueError, match="index"):
        risk_scores(["phone"], [1], ["report"], [at(0)], ["x"], NOW)
    with pytest.raises(ValueError, match="same length"):
        risk_scores(["phone"], [0, 0], ["report"], [at(0)], ["x"], NOW)


def test_a_confirmation_a_moment_after_a_mark_lifts_it():
    # within one second: evidence times keep their microseconds, so the order holds
    mark = np.datetime64(NOW.replace(tzinfo=None), "us") - np.timedelta64(900_000, "us")
    confirm = mark + np.timedelta64(300_000, "us")
    r = risk_scores(["phone"], [0, 0], ["false_positive", "confirmation"], [mark, confirm], ["a", "b"], NOW)
    assert r.fp_suppression[0] == 0 and r.score[0] == 70
    r = risk_scores(["phone"], [0, 0], ["false_positive", "confirmation"], [confirm, mark], ["a", "b"], NOW)
    assert r.score[0] == 0
