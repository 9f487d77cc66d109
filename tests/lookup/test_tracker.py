"""tracker.py: every id of a change stream applied exactly once, even when ids commit out of order."""

from xborder.lookup.tracker import IdTracker


def test_new_ids_are_fresh_once_and_skipped_ids_are_asked_for_again():
    t = IdTracker(high=10)
    assert t.fresh([11, 12], now=0) == [11, 12]
    assert t.fresh([12], now=0) == []  # seen
    # 13 and 14 are in flight on PostgreSQL while 15 commits
    assert t.fresh([15], now=1) == [15]
    assert t.open_gaps() == [13, 14]
    assert t.fresh([14, 15], now=2) == [14]
    assert t.open_gaps() == [13]
    assert t.fresh([13], now=3) == [13]
    assert t.open_gaps() == [] and t.high == 15


def test_gaps_expire_after_the_ttl_and_are_capped():
    t = IdTracker(high=0, ttl=10, max_gaps=5)
    t.fresh([3], now=0)
    assert t.open_gaps() == [1, 2]
    t.expire(now=9)
    assert t.open_gaps() == [1, 2]
    t.expire(now=10)
    assert t.open_gaps() == []
    assert t.fresh([1], now=11) == []  # given up on: never applied twice either
    # a burst of burnt ids keeps only the gaps nearest the new id
    t.fresh([100], now=12)
    assert t.open_gaps() == [95, 96, 97, 98, 99]


def test_after_a_build_the_missing_ids_of_the_window_are_gaps():
    t = IdTracker.from_tail(20, [15, 16, 18, 20], window=6, now=0)
    assert t.high == 20 and t.open_gaps() == [17, 19]
    assert t.fresh([17, 21], now=1) == [17, 21]
