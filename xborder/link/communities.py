"""Last resort for giants: Leiden communities on a weighted projection.

Run only on components still above `giant_size` once glue indicators and
weak ties are gone (dense structures that no single value explains). The
graph is the report-report projection where two reports are tied by every
linkable indicator they share with weight 1/(d-1), d being the indicator's
reports inside the component (the resource-allocation index): each indicator
gives each of its reports the same total weight, 1, however many reports cite
it, so a value cited by 20 reports ties them firmly and one cited by 800
spreads the same weight too thin to hold unrelated gangs together. Leiden
(configuration model, fixed seed) returns connected communities, so every
network can still be explained by a chain of shared indicators inside it.
"""

from __future__ import annotations

import igraph as ig
import leidenalg as la
import numpy as np
from numpy.typing import NDArray

from xborder.link._pairs import pairs_within, run_sizes
from xborder.link.bipartite import Ints, ReportGraph
from xborder.link.components import renumber_by_first
from xborder.link.params import LinkParams

Floats = NDArray[np.float64]


def split_giants(graph: ReportGraph, keep: NDArray[np.bool_], components: Ints, params: LinkParams) -> Ints:
    """Network index per report: the components, each giant replaced by its communities."""
    sizes = np.bincount(components) if len(components) else np.zeros(0, dtype=np.int64)
    giants = np.flatnonzero(sizes > params.giant_size)
    if len(giants) == 0:
        return components
    labels = components.copy()
    next_label = len(sizes)
    edge_component = components[graph.edge_report]
    for c in giants:
        members = np.flatnonzero(components == c)
        chosen = keep & (edge_component == c)
        local_reports = np.searchsorted(members, graph.edge_report[chosen])
        community = leiden_communities(len(members), local_reports, graph.edge_indicator[chosen], params)
        labels[members] = next_label + community
        next_label += int(community.max()) + 1
    return renumber_by_first(labels)


def leiden_communities(n: int, reports: Ints, indicators: Ints, params: LinkParams) -> Ints:
    """Community per report (0..n-1) from edges sorted by indicator."""
    src, dst, weight = project(n, reports, indicators, params.clique_limit)
    graph = ig.Graph(n=n, edges=np.column_stack([src, dst]))
    found = la.find_partition(graph, la.RBConfigurationVertexPartition, weights=weight.tolist(),
                              resolution_parameter=params.resolution, seed=params.seed,
                              n_iterations=params.leiden_iterations)
    return np.asarray(found.membership, dtype=np.int64)


def project(n: int, reports: Ints, indicators: Ints, clique_limit: int) -> tuple[Ints, Ints, Floats]:
    """Report-report edges (src < dst, each pair once) with summed weights."""
    size, rank = run_sizes(indicators)
    small = np.flatnonzero((size >= 2) & (size <= clique_limit))
    first, second = pairs_within(indicators[small])
    chord_src, chord_dst, chord_weight = _chord_pairs(size, rank, clique_limit)
    src = [small[first], *chord_src]
    dst = [small[second], *chord_dst]
    weight = [1.0 / (size[small[first]] - 1), *chord_weight]
    a = reports[np.concatenate(src)]
    b = reports[np.concatenate(dst)]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    pair, inverse = np.unique(lo * np.int64(n) + hi, return_inverse=True)
    summed = np.bincount(inverse, weights=np.concatenate(weight), minlength=len(pair))
    return pair // n, pair % n, np.asarray(summed, dtype=np.float64)


def _chord_pairs(size: Ints, rank: Ints, clique_limit: int) -> tuple[list[Ints], list[Ints], list[Floats]]:
    # A large indicator becomes a chord ring: strides 1, 2, 4, ... below d.
    # Every report gets 2*S ties of weight 1/(2*S), total 1 as in a clique,
    # and any two of its reports are within log2(d) steps of each other.
    idx = np.flatnonzero(size > clique_limit)
    d, k = size[idx], rank[idx]
    strides = np.floor(np.log2(np.maximum(d - 1, 1))).astype(np.int64) + 1
    src, dst, weight = [], [], []
    for s in range(int(strides.max(initial=0))):
        on = (1 << s) < d
        src.append(idx[on])
        dst.append(idx[on] - k[on] + (k[on] + (1 << s)) % d[on])
        weight.append(1.0 / (2 * strides[on]))
    return src, dst, weight
