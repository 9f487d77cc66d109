"""Why two reports are linked: the shortest chain of shared indicators.

Breadth-first search on the report-indicator graph over linkable indicators
only (a hub explains nothing). All reports of a level are expanded at once;
a node reached from several nodes keeps the one with the smallest id as its
parent, so the chain shown for the same data is always the same.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.sparse import coo_array

from xborder.link.bipartite import Ints, build_graph
from xborder.link.hubs import linkable_mask
from xborder.link.params import LinkParams


@dataclass(frozen=True)
class ExplanationPath:
    reports: tuple[int, ...]  # from the first report to the second
    indicators: tuple[int, ...]  # indicators[k] is cited by reports[k] and reports[k+1]


def shortest_path(obs_report: ArrayLike, obs_indicator: ArrayLike, source: int, target: int, *,
                  indicator_reports: ArrayLike | None = None, params: LinkParams = LinkParams(),
                  max_indicators: int | None = None) -> ExplanationPath | None:
    """Shortest chain from report `source` to report `target`; None when there is none
    (or none within `max_indicators` shared indicators)."""
    if source == target:
        return ExplanationPath((int(source),), ())
    reports = np.unique(np.asarray(obs_report, dtype=np.int64))
    graph = build_graph(reports, obs_report, obs_indicator, indicator_reports)
    ends = np.searchsorted(graph.report_ids, [source, target])
    if np.any(ends >= graph.n_reports) or np.any(graph.report_ids[np.minimum(ends, graph.n_reports - 1)]
                                                   != [source, target]):
        return None  # a report that cites nothing links to nothing

    keep = linkable_mask(graph.edge_degree(), params)
    rows, cols = graph.edge_report[keep], graph.n_reports + graph.edge_indicator[keep]
    n = graph.n_reports + graph.n_indicators
    adjacency = coo_array((np.ones(2 * len(rows), dtype=np.int8),
                           (np.r_[rows, cols], np.r_[cols, rows])), shape=(n, n)).tocsr()
    max_levels = None if max_indicators is None else 2 * max_indicators
    parent = _bfs_parents(adjacency.indptr, adjacency.indices, int(ends[0]), int(ends[1]), max_levels)
    if parent[ends[1]] < 0:
        return None
    chain = [int(ends[1])]
    while chain[-1] != ends[0]:
        chain.append(int(parent[chain[-1]]))
    chain.reverse()
    return ExplanationPath(tuple(int(graph.report_ids[v]) for v in chain[0::2]),
                           tuple(int(graph.indicator_ids[v - graph.n_reports]) for v in chain[1::2]))


def _bfs_parents(indptr: Ints, indices: Ints, source: int, target: int, max_levels: int | None) -> Ints:
    parent = np.full(len(indptr) - 1, -1, dtype=np.int64)
    parent[source] = source
    frontier = np.array([source], dtype=np.int64)
    level = 0
    while len(frontier) and parent[target] < 0 and (max_levels is None or level < max_levels):
        counts = indptr[frontier + 1] - indptr[frontier]
        at = np.repeat(indptr[frontier], counts) + np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts,
                                                                                      counts)
        reached, via = indices[at].astype(np.int64), np.repeat(frontier, counts)
        new = parent[reached] < 0
        reached, via = reached[new], via[new]
        order = np.lexsort((via, reached))
        reached, via = reached[order], via[order]
        first = np.r_[True, reached[1:] != reached[:-1]] if len(reached) else np.zeros(0, dtype=bool)
        parent[reached[first]] = via[first]
        frontier = reached[first]
        level += 1
    return parent
