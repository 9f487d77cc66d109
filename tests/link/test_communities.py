import numpy as np
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components

from xborder.link.communities import leiden_communities, project
from xborder.link.params import LinkParams
from xborder.link.partition import partition
from xborder.link.synthetic import synthetic_graph


def test_projection_weights_give_each_report_one_unit_per_indicator():
    # indicator 0 cited by reports 0,1,2; indicator 1 by reports 2,3
    src, dst, w = project(4, np.array([0, 1, 2, 2, 3]), np.array([0, 0, 0, 1, 1]), clique_limit=64)
    pairs = dict(zip(zip(src.tolist(), dst.tolist()), w.tolist()))
    assert pairs == {(0, 1): 0.5, (0, 2): 0.5, (1, 2): 0.5, (2, 3): 1.0}


def test_large_indicators_become_chord_rings_of_the_same_strength():
    d = 100
    src, dst, w = project(d, np.arange(d), np.zeros(d, dtype=np.int64), clique_limit=10)
    strength = np.bincount(src, weights=w, minlength=d) + np.bincount(dst, weights=w, minlength=d)
    assert np.allclose(strength, 1.0)
    assert len(src) < d * 8  # O(d log d), not d^2 / 2
    graph = coo_array((w, (src, dst)), shape=(d, d))
    assert connected_components(graph, directed=False)[0] == 1


def two_cliques_and_a_bridge():
    # reports 0-9 each cite four of indicators 100-104, 10-19 four of 200-204; report 9 also cites 200
    reports, indicators = [], []
    for base, ind in ((0, 100), (10, 200)):
        for k in range(5):
            for r in range(base, base + 10):
                if r % 5 != k:
                    reports.append(r)
                    indicators.append(ind + k)
    reports.append(9)
    indicators.append(200)
    order = np.lexsort((reports, indicators))
    return np.array(reports)[order], np.array(indicators)[order]


def test_leiden_separates_two_dense_groups_deterministically():
    reports, indicators = two_cliques_and_a_bridge()
    _, local = np.unique(indicators, return_inverse=True)
    first = leiden_communities(20, reports, local.astype(np.int64), LinkParams())
    again = leiden_communities(20, reports, local.astype(np.int64), LinkParams())
    assert np.array_equal(first, again)
    assert len(set(first[:9].tolist())) == 1 and len(set(first[10:].tolist())) == 1
    assert first[0] != first[15]


def test_split_networks_stay_connected():
    g = synthetic_graph(5000, seed=5, bridge_share=0.0)
    p = partition(g.report_ids, g.obs_report, g.obs_indicator, params=LinkParams(giant_size=100))
    assert np.bincount(p.labels).max() <= np.bincount(p.components).max()
    # every network is connected through its own linkable indicators
    for members in p.groups():
        if len(members) < 2:
            continue
        mask = np.isin(g.obs_report, members)
        q = partition(members, g.obs_report[mask], g.obs_indicator[mask], params=LinkParams(giant_size=10**9))
        assert q.n_networks == 1
