"""Key indicators of a network: the values an investigator should act on first.

For every network at once, indicators rank by degree inside the network (how
many of its reports cite them). For one network small enough, they rank by
betweenness in its report-indicator graph instead: the mule account through
which two clusters of victims connect scores above a phone cited by one
cluster only. Betweenness costs O(nodes x edges), hence the size bound.
"""

from __future__ import annotations

from dataclasses import dataclass

import igraph as ig
import numpy as np
from numpy.typing import ArrayLike

from xborder.link.bipartite import build_graph
from xborder.link.mix import Mix, count_per_network
from xborder.link.partition import Partition

BETWEENNESS_LIMIT = 3000  # nodes (reports + indicators); about 50 ms on one core


@dataclass(frozen=True)
class KeyIndicator:
    indicator_id: int
    reports: int  # reports of the network citing it
    betweenness: float | None  # None when the network was too big to compute it


def key_indicators_all(partition: Partition, obs_report: ArrayLike, obs_indicator: ArrayLike,
                       limit: int = 5) -> Mix:
    """Per network, its `limit` most-cited indicators (Mix of indicator id -> reports)."""
    graph = build_graph(partition.report_ids, obs_report, obs_indicator)
    network = partition.labels[graph.edge_report]
    return count_per_network(network, graph.indicator_ids[graph.edge_indicator], partition.n_networks, limit=limit)


def key_indicators(obs_report: ArrayLike, obs_indicator: ArrayLike, limit: int = 5,
                   betweenness_limit: int = BETWEENNESS_LIMIT) -> list[KeyIndicator]:
    """Key indicators of one network from its observations."""
    reports = np.unique(np.asarray(obs_report, dtype=np.int64))
    graph = build_graph(reports, obs_report, obs_indicator)
    cited = np.bincount(graph.edge_indicator, minlength=graph.n_indicators)
    n_nodes = graph.n_reports + graph.n_indicators
    if n_nodes > betweenness_limit:
        order = np.lexsort((graph.indicator_ids, -cited))[:limit]
        return [KeyIndicator(int(graph.indicator_ids[i]), int(cited[i]), None) for i in order]
    g = ig.Graph(n=n_nodes, edges=np.column_stack([graph.edge_report, graph.n_reports + graph.edge_indicator]))
    between = np.asarray(g.betweenness(vertices=range(graph.n_reports, n_nodes), directed=False))
    # Rounded so that float noise never reorders equal scores.
    order = np.lexsort((graph.indicator_ids, -cited, -np.round(between, 9)))[:limit]
    return [KeyIndicator(int(graph.indicator_ids[i]), int(cited[i]), float(between[i])) for i in order]
