"""One network as nodes and edges for the console, bounded in size.

A network of 40,000 reports cannot be drawn. Past `max_nodes`, the export
keeps the most-cited indicators (a quarter of the budget) and the reports
that cite most of them, first one report per kept indicator so that none
is drawn alone, and says in `summary` how much is not shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from xborder.link.bipartite import Ints, build_graph


@dataclass(frozen=True)
class NetworkGraph:
    report_ids: Ints  # shown reports, ascending
    indicator_ids: Ints  # shown indicators, ascending
    indicator_reports: Ints  # per shown indicator: how many of the network's reports cite it
    edges: Ints  # (report_id, indicator_id) rows among the shown nodes
    total_reports: int
    total_indicators: int
    total_edges: int

    @property
    def truncated(self) -> bool:
        return len(self.report_ids) < self.total_reports or len(self.indicator_ids) < self.total_indicators

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: {"nodes": [...], "edges": [...], "summary": {...}}."""
        nodes = [{"id": f"r{r}", "type": "report", "report_id": int(r)} for r in self.report_ids]
        nodes += [{"id": f"i{i}", "type": "indicator", "indicator_id": int(i), "reports": int(c)}
                  for i, c in zip(self.indicator_ids, self.indicator_reports)]
        edges = [{"source": f"r{r}", "target": f"i{i}"} for r, i in self.edges]
        summary = {"reports": self.total_reports, "indicators": self.total_indicators, "edges": self.total_edges,
                   "shown_reports": len(self.report_ids), "shown_indicators": len(self.indicator_ids),
                   "shown_edges": len(self.edges), "truncated": self.truncated}
        return {"nodes": nodes, "edges": edges, "summary": summary}


def network_graph(obs_report: ArrayLike, obs_indicator: ArrayLike, max_nodes: int = 500) -> NetworkGraph:
    """Export of one network from its observation rows."""
    if max_nodes < 2:
        raise ValueError("max_nodes must be at least 2")
    graph = build_graph(np.unique(np.asarray(obs_report, dtype=np.int64)), obs_report, obs_indicator)
    cited = np.bincount(graph.edge_indicator, minlength=graph.n_indicators)
    totals = (graph.n_reports, graph.n_indicators, len(graph.edge_report))

    if graph.n_reports + graph.n_indicators <= max_nodes:
        show_r, show_i = np.arange(graph.n_reports), np.arange(graph.n_indicators)
    else:
        n_ind = min(graph.n_indicators, max(1, max_nodes // 4))
        show_i = np.sort(np.lexsort((graph.indicator_ids, -cited))[:n_ind])
        on_shown = np.isin(graph.edge_indicator, show_i)
        # Edges are sorted by (indicator, report): the first edge of each shown
        # indicator gives its smallest report, so no kept indicator is alone.
        firsts = np.flatnonzero(on_shown & np.r_[True, graph.edge_indicator[1:] != graph.edge_indicator[:-1]])
        anchors = np.unique(graph.edge_report[firsts])[: max_nodes - n_ind]
        weight = np.bincount(graph.edge_report[on_shown], minlength=graph.n_reports)
        rest = np.setdiff1d(np.lexsort((np.arange(graph.n_reports), -weight)), anchors, assume_unique=True)
        rest = rest[weight[rest] > 0] if len(anchors) else rest
        show_r = np.sort(np.r_[anchors, rest[: max_nodes - n_ind - len(anchors)]]).astype(np.int64)

    on = np.isin(graph.edge_report, show_r) & np.isin(graph.edge_indicator, show_i)
    edges = np.column_stack([graph.report_ids[graph.edge_report[on]], graph.indicator_ids[graph.edge_indicator[on]]])
    edges = edges[np.lexsort((edges[:, 1], edges[:, 0]))]
    return NetworkGraph(graph.report_ids[show_r], graph.indicator_ids[show_i], cited[show_i], edges, *totals)
