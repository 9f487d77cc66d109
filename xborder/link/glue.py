"""Glue indicators: popular values below the hub threshold that join unrelated gangs.

Inside a giant component, an indicator is glue when the reports citing it
already belong to many different groups without it. A gang's own domain is
cited by victims who also share the gang's phones and accounts, so its
reports fall into a few groups; a courier's real number is cited by victims
of every gang, so its reports fall into nearly as many groups as there are
reports. Indicators are judged from the most specific up, in degree bands
that double (core_degree, 2*core_degree], ..., each band against the groups
built from the bands already accepted, so a gang's tie is in place before
its wider identifiers are judged.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from xborder.link.bipartite import ReportGraph
from xborder.link.components import report_components
from xborder.link.params import LinkParams

Mask = NDArray[np.bool_]


def drop_glue(graph: ReportGraph, keep: Mask, judged: Mask, params: LinkParams) -> Mask:
    """`keep` without the edges of glue indicators among the `judged` edges."""
    degree = graph.edge_degree()
    accepted = keep & ~(judged & (degree > params.core_degree))
    low = params.core_degree
    while low < params.hub_degree:
        band = keep & judged & (degree > low) & (degree <= 2 * low)
        low *= 2
        if not band.any():
            continue
        groups = report_components(graph, accepted)
        sizes = np.bincount(groups)
        group = groups[graph.edge_report[band]]
        indicator = graph.edge_indicator[band]
        # Lone reports say nothing about which gang an indicator serves.
        grouped = sizes[group] >= 2
        n = np.int64(len(sizes))
        distinct = np.unique(indicator[grouped] * n + group[grouped]) // n
        spread = np.bincount(distinct, minlength=graph.n_indicators)
        cited = np.bincount(indicator, minlength=graph.n_indicators)
        glue = spread > params.glue_share * cited
        accepted |= band & ~glue[graph.edge_indicator]
    return accepted
