"""The report-indicator graph in canonical form: sorted ids, one edge per pair.

Everything downstream works on positions into the sorted id arrays, so the
result of any computation is the same whatever order the caller's rows came
in (a database returns rows in no promised order).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

Ints = NDArray[np.int64]


@dataclass(frozen=True)
class ReportGraph:
    report_ids: Ints  # sorted, unique
    indicator_ids: Ints  # sorted, unique: the indicators some observation cites
    edge_report: Ints  # position in report_ids, one edge per (report, indicator) pair
    edge_indicator: Ints  # position in indicator_ids; edges sorted by (indicator, report)
    degree: Ints  # per indicator: distinct reports citing it in the whole store

    @property
    def n_reports(self) -> int:
        return len(self.report_ids)

    @property
    def n_indicators(self) -> int:
        return len(self.indicator_ids)

    def edge_degree(self) -> Ints:
        return self.degree[self.edge_indicator]

    def report_positions(self, ids: ArrayLike) -> Ints:
        """Positions of report ids; ValueError for an id not in the graph."""
        return _positions(self.report_ids, np.asarray(ids, dtype=np.int64), "report")


def build_graph(report_ids: ArrayLike, obs_report: ArrayLike, obs_indicator: ArrayLike,
                indicator_reports: ArrayLike | None = None) -> ReportGraph:
    """Canonical graph from observation rows.

    `obs_report[k]` cites `obs_indicator[k]`; repeated pairs (one indicator
    quoted twice in a text) count once. `indicator_reports`, aligned with the
    observations, is the indicator's report count over the whole store; when
    the observations are only part of the store (one network being re-split)
    it keeps the hub rule deciding as it would over everything. It never
    lowers a degree below what the observations themselves show.
    """
    reports = np.unique(np.asarray(report_ids, dtype=np.int64))
    obs_r = np.asarray(obs_report, dtype=np.int64)
    obs_i = np.asarray(obs_indicator, dtype=np.int64)
    if obs_r.shape != obs_i.shape or obs_r.ndim != 1:
        raise ValueError("obs_report and obs_indicator must be 1-d arrays of the same length")
    r_pos = _positions(reports, obs_r, "report")
    indicators, i_pos = np.unique(obs_i, return_inverse=True)
    i_pos = i_pos.astype(np.int64)

    # One sort gives both the de-duplication and the (indicator, report) order.
    key = np.unique(i_pos * max(len(reports), 1) + r_pos)
    edge_indicator = key // max(len(reports), 1)
    edge_report = key - edge_indicator * max(len(reports), 1)
    degree = np.bincount(edge_indicator, minlength=len(indicators)).astype(np.int64)

    if indicator_reports is not None:
        given = np.asarray(indicator_reports, dtype=np.int64)
        if given.shape != obs_i.shape:
            raise ValueError("indicator_reports must align with the observations")
        store = np.zeros(len(indicators), dtype=np.int64)
        np.maximum.at(store, i_pos, given)
        degree = np.maximum(degree, store)
    return ReportGraph(reports, indicators, edge_report, edge_indicator, degree)


def _positions(sorted_ids: Ints, ids: Ints, what: str) -> Ints:
    pos = np.searchsorted(sorted_ids, ids)
    inside = pos < len(sorted_ids)
    ok = inside.copy()
    ok[inside] = sorted_ids[pos[inside]] == ids[inside]
    if not ok.all():
        missing = ids[~ok][:5].tolist()
        raise ValueError(f"unknown {what} ids, e.g. {missing}")
    return pos.astype(np.int64)
