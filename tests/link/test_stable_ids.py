import numpy as np
import pytest

from xborder.link.partition import partition
from xborder.link.stable_ids import NetworkEvent, match_ids


def groups(*gs):
    """A partition whose networks are exactly the given groups of report ids."""
    reports, indicators = [], []
    for k, g in enumerate(gs):
        reports += g
        indicators += [1000 + k] * len(g)
    return partition(sorted(reports), reports, indicators)


def old(mapping):
    items = sorted((r, n) for n, rs in mapping.items() for r in rs)
    return [r for r, _ in items], [n for _, n in items]


def test_same_networks_keep_their_ids():
    new = groups([1, 2, 3], [4, 5])
    m = match_ids(*old({7: [1, 2, 3], 9: [4, 5]}), new, next_id=10)
    assert m.ids.tolist() == [7, 9]
    assert m.events == () and m.retired == () and m.next_id == 10


def test_merge_keeps_the_bigger_overlap_and_records_the_absorbed():
    new = groups([1, 2, 3, 4, 5, 6])
    m = match_ids(*old({7: [1, 2], 9: [3, 4, 5]}), new, next_id=10)
    assert m.ids.tolist() == [9]
    assert m.events == (NetworkEvent("merged", 9, (7,)),)
    assert m.retired == (7,)


def test_split_keeps_the_id_on_the_bigger_part_and_records_the_rest():
    new = groups([1, 2], [3, 4, 5], [6])
    m = match_ids(*old({7: [1, 2, 3, 4, 5]}), new, next_id=10)
    assert m.ids.tolist() == [10, 7, 11]  # report 6 is new: a fresh id, no event
    assert m.events == (NetworkEvent("split", 10, (7,)),)
    assert m.next_id == 12


def test_ties_go_to_the_older_id_then_the_earlier_network():
    new = groups([1, 2, 3, 4])
    m = match_ids(*old({8: [1, 2], 5: [3, 4]}), new, next_id=10)
    assert m.ids.tolist() == [5]
    new = groups([1, 2], [3, 4])
    m = match_ids(*old({5: [1, 2, 3, 4]}), new, next_id=10)
    assert m.ids.tolist() == [5, 10]


def test_merge_and_split_at_once():
    # old 7 = {1,2,3,4}, old 8 = {5,6}; new: {1,2,3}, {4,5,6}
    new = groups([1, 2, 3], [4, 5, 6])
    m = match_ids(*old({7: [1, 2, 3, 4], 8: [5, 6]}), new, next_id=10)
    assert m.ids.tolist() == [7, 8]
    assert set(m.events) == {NetworkEvent("merged", 8, (7,)), NetworkEvent("split", 8, (7,))}


def test_deleted_reports_and_bad_input():
    new = groups([1, 2])
    m = match_ids(*old({7: [1, 2], 8: [99]}), new, next_id=10)
    assert m.ids.tolist() == [7] and m.retired == (8,)
    with pytest.raises(ValueError, match="next_id"):
        match_ids([1], [7], new, next_id=7)
    with pytest.raises(ValueError, match="only one"):
        match_ids([1, 1], [7, 8], new, next_id=10)
    m = match_ids(np.zeros(0), np.zeros(0), new, next_id=1)
    assert m.ids.tolist() == [1] and m.next_id == 2
