import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from xborder.link.params import LinkParams
from xborder.link.partition import partition
from xborder.link.synthetic import synthetic_graph


def as_sets(p):
    return sorted(sorted(int(r) for r in g) for g in p.groups())


def test_plain_components_join_reports_through_shared_indicators():
    p = partition([1, 2, 3, 4, 5, 6], [1, 2, 2, 3, 4, 4, 1], [10, 10, 11, 11, 12, 12, 10])
    assert as_sets(p) == [[1, 2, 3], [4], [5], [6]]
    # numbered by smallest member id
    assert p.label_of([1, 4, 5, 6]).tolist() == [0, 1, 2, 3]
    assert p.members(0).tolist() == [1, 2, 3]


def test_a_hub_links_nobody_and_is_listed():
    # gang A = 1,2 (indicator 10); gang B = 3,4 (indicator 11); 99 is cited by all four
    params = LinkParams(hub_degree=3)
    p = partition([1, 2, 3, 4], [1, 2, 3, 4, 1, 2, 3, 4], [10, 10, 11, 11, 99, 99, 99, 99], params=params)
    assert as_sets(p) == [[1, 2], [3, 4]]
    assert p.hub_ids.tolist() == [99]
    # at the threshold it still links
    p = partition([1, 2, 3], [1, 2, 3], [99, 99, 99], params=params)
    assert as_sets(p) == [[1, 2, 3]]


def test_store_wide_degree_makes_a_subset_decide_like_the_whole():
    # Only two observations are passed, but the store says 5000 reports cite 99.
    p = partition([1, 2], [1, 2], [99, 99], indicator_reports=[5000, 5000])
    assert as_sets(p) == [[1], [2]]


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="unknown report"):
        partition([1], [2], [10])
    with pytest.raises(ValueError, match="same length"):
        partition([1], [1, 1], [10])
    with pytest.raises(ValueError, match="align"):
        partition([1], [1], [10], indicator_reports=[1, 2])
    with pytest.raises(ValueError):
        LinkParams(hub_degree=0)
    with pytest.raises(ValueError):
        LinkParams(glue_share=0)


def test_empty_input():
    p = partition([], [], [])
    assert p.n_networks == 0 and p.groups() == []


@pytest.fixture(scope="module")
def gangs():
    return synthetic_graph(20_000, seed=3, max_gang=1000, bridge_share=0.0)


def test_generated_gangs_are_recovered_with_hubs_present(gangs):
    # Hubs far above hub_degree and popular values below it glue almost
    # everything into one component; the split recovers the gangs.
    p = partition(gangs.report_ids, gangs.obs_report, gangs.obs_indicator, params=LinkParams(giant_size=2000))
    assert np.bincount(p.components).max() > 0.3 * len(gangs.report_ids)
    assert set(gangs.hub_ids.tolist()) <= set(p.hub_ids.tolist())
    assert adjusted_rand_score(gangs.truth, p.labels) >= 0.95


def test_shuffled_input_gives_the_same_partition(gangs):
    params = LinkParams(giant_size=300)  # forces every split step, Leiden included
    p = partition(gangs.report_ids, gangs.obs_report, gangs.obs_indicator, params=params)
    rng = np.random.default_rng(7)
    order = rng.permutation(len(gangs.obs_report))
    q = partition(rng.permutation(gangs.report_ids), gangs.obs_report[order], gangs.obs_indicator[order],
                  params=params)
    assert np.array_equal(p.report_ids, q.report_ids)
    assert np.array_equal(p.labels, q.labels)
