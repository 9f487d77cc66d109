"""Networks: which reports belong to the same gang, from what they share.

The rule (parameters in `LinkParams`):

1. Union. Two reports are in the same component when a chain of shared
   linkable indicators joins them. An indicator is linkable when it is not
   warninglisted (the caller leaves those out) and no more than
   `hub_degree` distinct reports cite it (`hubs.linkable`). Intake applies
   the same test to each new report (`incremental.decide_links`), so both
   paths build the same components.
2. Split. A component of more than `giant_size` reports is split, each step
   taken only on the components still too big after the one before:
   a. drop glue indicators, values whose reports belong to many groups
      without them (`glue.py`);
   b. drop weak ties, citations no second victim corroborates
      (`weak_ties.py`);
   c. Leiden communities on the specificity-weighted report-report
      projection (`communities.py`).
   Smaller components are networks as they are.

Intake (`incremental.plan_join`) builds the same networks: the exact union
below `giant_size`; for a component above it, a provisional place and a flag,
after which `xborder link --pending` re-splits that whole component with
this code. Pieces of one split component share `networks.component`.

Networks are numbered 0..n-1 in the order of their smallest report id, and
everything is computed on sorted ids with a fixed Leiden seed, so the same
observations give the same partition in whatever order they arrive.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xborder.link.bipartite import Ints, ReportGraph, build_graph
from xborder.link.communities import split_giants
from xborder.link.components import report_components
from xborder.link.glue import drop_glue
from xborder.link.hubs import linkable_mask
from xborder.link.params import LinkParams
from xborder.link.weak_ties import drop_weak_ties


@dataclass(frozen=True)
class Partition:
    report_ids: Ints  # sorted, unique
    labels: Ints  # network index per report, numbered by smallest member id
    components: Ints  # plain component per report before splitting, same numbering rule
    hub_ids: Ints  # indicators cited by the reports but not linking them (degree > hub_degree)

    @property
    def n_networks(self) -> int:
        return int(self.labels.max()) + 1 if len(self.labels) else 0

    def label_of(self, report_ids: ArrayLike) -> Ints:
        """Network index of each given report id; ValueError for an unknown id."""
        ids = np.asarray(report_ids, dtype=np.int64)
        pos = np.searchsorted(self.report_ids, ids)
        found = (pos < len(self.report_ids)) & (self.report_ids[np.minimum(pos, len(self.report_ids) - 1)] == ids)
        if not found.all():
            raise ValueError(f"unknown report ids, e.g. {ids[~found][:5].tolist()}")
        return self.labels[pos]

    def members(self, network: int) -> Ints:
        """Report ids of one network, ascending."""
        return self.report_ids[self.labels == network]

    def groups(self) -> list[Ints]:
        """Report ids of every network, in network order."""
        if self.n_networks == 0:
            return []
        order = np.argsort(self.labels, kind="stable")
        bounds = np.cumsum(np.bincount(self.labels, minlength=self.n_networks))[:-1]
        return np.split(self.report_ids[order], bounds)


def partition(report_ids: ArrayLike, obs_report: ArrayLike, obs_indicator: ArrayLike,
              indicator_reports: ArrayLike | None = None, params: LinkParams = LinkParams()) -> Partition:
    """Networks of the given reports.

    `report_ids`: every report to place, including those citing nothing (each
    becomes a network of one). `obs_report`/`obs_indicator`: observation rows
    of non-warninglisted indicators. `indicator_reports`: per observation, the
    indicator's report count over the whole store; needed when the rows are
    only part of the store, optional otherwise (see `bipartite.build_graph`).
    """
    graph = build_graph(report_ids, obs_report, obs_indicator, indicator_reports)
    return partition_graph(graph, params)


def partition_graph(graph: ReportGraph, params: LinkParams = LinkParams()) -> Partition:
    keep = linkable_mask(graph.edge_degree(), params)
    components = report_components(graph, keep)
    labels = components
    # Each step sees only the components the steps before it left too big.
    for step in (partial(drop_glue, params=params), drop_weak_ties):
        judged = _in_giants(graph, labels, params)
        if not judged.any():
            break
        keep = step(graph, keep, judged)
        labels = report_components(graph, keep)
    labels = split_giants(graph, keep, labels, params)
    hubs = graph.indicator_ids[~linkable_mask(graph.degree, params)]
    return Partition(graph.report_ids, labels, components, hubs)


def _in_giants(graph: ReportGraph, labels: Ints, params: LinkParams) -> NDArray[np.bool_]:
    """Per edge: whether its report is in a component above giant_size."""
    sizes = np.bincount(labels) if len(labels) else np.zeros(0, dtype=np.int64)
    return (sizes > params.giant_size)[labels[graph.edge_report]]
