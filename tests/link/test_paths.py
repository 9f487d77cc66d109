import numpy as np
import pytest
from scipy.sparse import coo_array
from scipy.sparse.csgraph import shortest_path as scipy_shortest

from xborder.link.network_graph import network_graph
from xborder.link.params import LinkParams
from xborder.link.paths import shortest_path
from xborder.link.synthetic import synthetic_graph


def test_chain_of_shared_indicators():
    # 1 -10- 2 -11- 3 -12- 4, and a shortcut 1 -13- 4 through a hub cited by everyone
    obs_r = [1, 2, 2, 3, 3, 4, 1, 2, 3, 4]
    obs_i = [10, 10, 11, 11, 12, 12, 99, 99, 99, 99]
    path = shortest_path(obs_r, obs_i, 1, 4, params=LinkParams(hub_degree=3))
    assert path.reports == (1, 2, 3, 4) and path.indicators == (10, 11, 12)
    # with 99 below the hub threshold, it is the shortcut
    path = shortest_path(obs_r, obs_i, 1, 4, params=LinkParams(hub_degree=4))
    assert path.reports == (1, 4) and path.indicators == (99,)
    assert shortest_path(obs_r, obs_i, 1, 4, params=LinkParams(hub_degree=3), max_indicators=2) is None
    assert shortest_path(obs_r, obs_i, 2, 2).reports == (2,)


def test_no_path_between_separate_networks_or_unknown_reports():
    assert shortest_path([1, 2, 3], [10, 10, 20], 1, 3) is None
    assert shortest_path([1, 2], [10, 10], 1, 77) is None


def test_the_path_found_is_a_shortest_one():
    g = synthetic_graph(2000, seed=2, n_hubs=0, n_generic=0, bridge_share=0.01)
    reports, r_pos = np.unique(g.obs_report, return_inverse=True)
    indicators, i_pos = np.unique(g.obs_indicator, return_inverse=True)
    n = len(reports) + len(indicators)
    adj = coo_array((np.ones(len(r_pos)), (r_pos, len(reports) + i_pos)), shape=(n, n))
    rng = np.random.default_rng(0)
    a = rng.choice(len(reports), 30, replace=False)
    hops = scipy_shortest(adj, directed=False, unweighted=True, indices=a)
    checked = 0
    for row, src in enumerate(a):
        for dst in rng.choice(len(reports), 5, replace=False):
            path = shortest_path(g.obs_report, g.obs_indicator, int(reports[src]), int(reports[dst]))
            if np.isinf(hops[row, dst]):
                assert path is None
                continue
            assert 2 * len(path.indicators) == hops[row, dst]
            cites = set(zip(g.obs_report.tolist(), g.obs_indicator.tolist()))
            for k, ind in enumerate(path.indicators):
                assert (path.reports[k], ind) in cites and (path.reports[k + 1], ind) in cites
            checked += 1
    assert checked > 10


def test_network_graph_small_is_whole_and_large_is_bounded():
    small = network_graph([1, 2, 2, 3], [10, 10, 11, 11])
    d = small.as_dict()
    assert d["summary"] == {"reports": 3, "indicators": 2, "edges": 4, "shown_reports": 3, "shown_indicators": 2,
                            "shown_edges": 4, "truncated": False}
    assert {"source": "r2", "target": "i11"} in d["edges"]

    # one star of 300 reports around indicator 1, and 50 pairs with their own indicators
    obs_r = list(range(300)) + [1000 + k for k in range(100)]
    obs_i = [1] * 300 + [2 + k // 2 for k in range(100)]
    big = network_graph(obs_r, obs_i, max_nodes=40)
    assert len(big.report_ids) + len(big.indicator_ids) <= 40
    assert big.truncated and big.total_reports == 400 and big.total_indicators == 51
    assert 1 in big.indicator_ids.tolist()
    assert big.indicator_reports[big.indicator_ids.tolist().index(1)] == 300
    shown = set(big.edges[:, 1].tolist())
    assert shown == set(big.indicator_ids.tolist())  # every shown indicator has a shown report
    with pytest.raises(ValueError):
        network_graph([1], [1], max_nodes=1)
