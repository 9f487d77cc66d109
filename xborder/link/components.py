"""Plain connected components of reports over the edges that may link."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components

from xborder.link.bipartite import Ints, ReportGraph


def report_components(graph: ReportGraph, keep: NDArray[np.bool_]) -> Ints:
    """Component index per report over the edges where `keep` is true.

    Components are numbered in the order of their smallest report id, so the
    numbering is a function of the graph alone.
    """
    n_r = graph.n_reports
    rows = graph.edge_report[keep]
    # Indicators sit after the reports in one node range: the bipartite graph
    # has far fewer edges than the report-report projection would.
    cols = graph.edge_indicator[keep] + n_r
    n = n_r + graph.n_indicators
    adjacency = coo_array((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n)).tocsr()
    _, labels = connected_components(adjacency, directed=False)
    return renumber_by_first(labels[:n_r].astype(np.int64))


def renumber_by_first(labels: Ints) -> Ints:
    """Renumber labels 0..k-1 in order of first appearance.

    Reports are sorted by id, so first appearance is the smallest member id.
    """
    if len(labels) == 0:
        return labels
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[inverse]
