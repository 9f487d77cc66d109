import math
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from xborder.link.centrality import key_indicators, key_indicators_all
from xborder.link.partition import partition
from xborder.link.priority import network_priority
from xborder.link.ranking import priority_scores
from xborder.link.summary import summarise

NOW = datetime(2025, 6, 30, 12, 0, tzinfo=timezone.utc)


def days_ago(d):
    return np.datetime64((NOW - timedelta(days=d)).replace(tzinfo=None), "s")


@pytest.fixture
def two_networks():
    # network 0: reports 1,2,3 (indicator 10, and 11 on 3); network 1: reports 4,5 (indicator 20)
    p = partition([1, 2, 3, 4, 5], [1, 2, 3, 3, 4, 5], [10, 10, 10, 11, 20, 20])
    s = summarise(
        p,
        loss_thb=[1000.0, np.nan, 500.0, 36.0, 0.0],
        country=["TH", "KH", "TH", "TH", "TH"],
        scam_type=["investment", "investment", "romance", "loan", "loan"],
        province=["Sa Kaeo", "", "Sa Kaeo", "Bangkok", "Bangkok"],
        reported_at=[days_ago(d) for d in (50, 20, 3, 40, 35)],
        reporter=["a", "a", "b", "c", "d"],
        now=NOW, thb_per_usd=36.0,
    )
    return p, s


def test_network_summary_by_hand(two_networks):
    _, s = two_networks
    one = s.network(0)
    assert (one.reports, one.victims) == (3, 2)  # reporter "a" filed twice
    assert one.loss_thb == 1500.0 and one.loss_usd == pytest.approx(1500 / 36)
    assert one.countries == ("KH", "TH") and one.cross_border
    assert one.provinces == {"Sa Kaeo": 2}  # the unknown province is not counted
    assert one.scam_types == {"investment": 2, "romance": 1}
    assert one.first_seen == NOW - timedelta(days=50) and one.last_seen == NOW - timedelta(days=3)
    assert (one.last_7_days, one.last_30_days, one.previous_30_days) == (1, 2, 1)
    two = s.network(1)
    assert (two.reports, two.victims, two.loss_thb, two.cross_border) == (2, 2, 36.0, False)
    assert (two.last_30_days, two.previous_30_days) == (0, 2)
    assert s.cross_border.tolist() == [True, False]


def test_summary_refuses_misaligned_input(two_networks):
    p, _ = two_networks
    with pytest.raises(ValueError, match="country"):
        summarise(p, loss_thb=[0] * 5, country=["TH"], scam_type=["x"] * 5, province=[""] * 5,
                  reported_at=[days_ago(1)] * 5, reporter=list("abcde"), now=NOW)


def test_key_indicators_by_degree_for_all_networks(two_networks):
    p, _ = two_networks
    mix = key_indicators_all(p, [1, 2, 3, 3, 4, 5], [10, 10, 10, 11, 20, 20], limit=1)
    assert mix.of(0) == {10: 3} and mix.of(1) == {20: 2}


def test_betweenness_finds_the_account_that_joins_two_clusters():
    # reports 1-3 share phone 10, reports 4-6 share phone 20, account 30 is cited by 3 and 4
    obs_r = [1, 2, 3, 4, 5, 6, 3, 4]
    obs_i = [10, 10, 10, 20, 20, 20, 30, 30]
    top = key_indicators(obs_r, obs_i, limit=3)
    assert top[0].indicator_id == 30 and top[0].reports == 2 and top[0].betweenness > 0
    # too big for betweenness: falls back to degree
    by_degree = key_indicators(obs_r, obs_i, limit=3, betweenness_limit=3)
    assert [k.indicator_id for k in by_degree] == [10, 20, 30] and by_degree[0].betweenness is None


def test_priority_formula_and_components(two_networks):
    _, s = two_networks
    pr = priority_scores(s.loss_thb, s.reports, s.countries.distinct(), s.last_30_days, s.previous_30_days)
    c = pr.components(0)
    assert c["loss"] == pytest.approx(10 * math.log10(1501), abs=1e-3)
    assert c["size"] == pytest.approx(8 * math.log2(4), abs=1e-3)
    assert c["border"] == 15
    assert c["growth"] == pytest.approx(10 * math.log2(3 / 2), abs=1e-3)
    assert c["total"] == pytest.approx(c["loss"] + c["size"] + c["border"] + c["growth"], abs=1e-2)
    # quieter than the month before: (1+0)/(1+2) -> 10*log2(1/3), about -15.8
    assert pr.components(1)["growth"] == pytest.approx(10 * math.log2(1 / 3), abs=1e-3)


def test_priority_without_growth_is_the_intake_formula():
    pr = priority_scores([1000, 250_000, 0], [2, 40, 0], [1, 2, 0], [5, 0, 0], [5, 0, 0])
    for g, (loss, reports, countries) in enumerate([(1000, 2, 1), (250_000, 40, 2), (0, 0, 0)]):
        assert pr.total[g] == pytest.approx(network_priority(loss, reports, countries), abs=1e-2)
    # growth is clipped at +-20 and the total never goes below 0
    pr = priority_scores([0], [0], [1], [0], [1000])
    assert pr.growth[0] == -20 and pr.total[0] == 0
