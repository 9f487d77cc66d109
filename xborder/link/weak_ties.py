"""Weak ties: a single victim's citation that joins two gangs.

Report r's tie to indicator i is corroborated when the graph closes a short
cycle around it without r's word alone: another report cites i together with
another indicator j of r (r-i-r'-j, a 4-cycle), or i and j are each cited
with a third indicator l by other reports (r-i-r1-l-r2-j, a 6-cycle). Victims
of one gang corroborate each other this way; a victim who cites gang A's
phone and gang B's mule account is the only thing between them. The test is
local, so it keeps working where a giant is full of long cycles.

Inside a giant component a report keeps its corroborated ties and drops the
others; a report with none keeps only its tie to its most specific indicator
(lowest degree, then lowest id), so it can join one group but never glue two.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from xborder.link._pairs import pairs_within
from xborder.link.bipartite import Ints, ReportGraph

Mask = NDArray[np.bool_]


def drop_weak_ties(graph: ReportGraph, keep: Mask, judged: Mask) -> Mask:
    """`keep` without the weak ties among the `judged` edges."""
    edges = np.flatnonzero(keep & judged)
    edges = edges[np.lexsort((graph.edge_indicator[edges], graph.edge_report[edges]))]
    report = graph.edge_report[edges]
    indicator = graph.edge_indicator[edges]

    first, second = pairs_within(report)
    supported = _corroborated(report, indicator, first, second, np.int64(graph.n_indicators))
    embedded = np.zeros(len(edges), dtype=bool)
    embedded[first[supported]] = True
    embedded[second[supported]] = True

    has_embedded = np.zeros(graph.n_reports, dtype=bool)
    has_embedded[report[embedded]] = True
    most_specific = np.lexsort((indicator, graph.degree[indicator], report))
    is_first = np.r_[True, report[most_specific][1:] != report[most_specific][:-1]]
    lone_kept = np.zeros(len(edges), dtype=bool)
    lone_kept[most_specific[is_first]] = True

    drop = np.where(has_embedded[report], ~embedded, ~lone_kept)
    out = keep.copy()
    out[edges[drop]] = False
    return out


def _corroborated(report: Ints, indicator: Ints, first: Ints, second: Ints, n: np.int64) -> Mask:
    """Per indicator pair cited by one report: whether a 4- or 6-cycle backs it.

    `report`/`indicator` are the edges sorted by (report, indicator);
    `first`/`second` index the pairs of edges within each report.
    """
    _, inverse, count = np.unique(indicator[first] * n + indicator[second], return_inverse=True,
                                  return_counts=True)
    supported = count[inverse] >= 2  # another report cites the same pair: a 4-cycle
    ask = np.flatnonzero(~supported)
    if len(ask) == 0:
        return supported

    # Co-citation graph of indicators, both directions, sorted by (x, y).
    pair_x = indicator[first] if len(first) else indicator[:0]
    pair_y = indicator[second] if len(second) else indicator[:0]
    key, pair_count = np.unique(pair_x * n + pair_y, return_counts=True)
    x = np.concatenate([key // n, key % n])
    y = np.concatenate([key % n, key // n])
    c = np.concatenate([pair_count, pair_count])
    order = np.lexsort((y, x))
    x, y, c = x[order], y[order], c[order]
    xy = x * n + y
    start = np.searchsorted(x, np.arange(n))
    degree = np.diff(np.r_[start, len(x)])
    cites = report * n + indicator  # sorted: edges are in (report, indicator) order

    # For each uncorroborated pair (i, j) of report r, walk the neighbours l
    # of the end with fewer neighbours and look for the pair (l, other end).
    i, j, r = indicator[first[ask]], indicator[second[ask]], report[first[ask]]
    small, other = np.where(degree[i] <= degree[j], i, j), np.where(degree[i] <= degree[j], j, i)
    walk = degree[small]
    query = np.repeat(np.arange(len(ask)), walk)
    at = np.repeat(start[small], walk) + np.arange(walk.sum()) - np.repeat(np.cumsum(walk) - walk, walk)
    l, count_small_l = y[at], c[at]
    count_l_other = _lookup(xy, c, l * n + other[query])
    # r's own citations do not count: if r cites l too, each of the two pairs
    # needs a second report.
    r_cites_l = _lookup(cites, np.ones(len(cites), dtype=np.int64), r[query] * n + l) > 0
    found = (count_l_other > 0) & (l != other[query])
    found &= ~(r_cites_l & ((count_small_l < 2) | (count_l_other < 2)))
    six_cycle = np.zeros(len(ask), dtype=bool)
    six_cycle[query[found]] = True
    supported[ask[six_cycle]] = True
    return supported


def _lookup(sorted_keys: Ints, values: Ints, keys: Ints) -> Ints:
    """values[k] where sorted_keys[k] == key, else 0."""
    if len(sorted_keys) == 0:
        return np.zeros(len(keys), dtype=np.int64)
    pos = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return np.where(sorted_keys[pos] == keys, values[pos], 0)
