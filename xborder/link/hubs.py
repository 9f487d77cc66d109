"""The hub rule, the one place that says whether an indicator may link reports.

An indicator links the reports that cite it while it is cited by at most
`params.hub_degree` distinct reports (its degree). The degree is counted over
the whole store (`indicators.report_count`), never over a subset, so a
recompute of one network and a recompute of everything decide alike.
Warninglisted indicators never link; callers leave them out before asking.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xborder.link.params import LinkParams


def linkable(degree: int, params: LinkParams) -> bool:
    """Whether an indicator cited by `degree` distinct reports links them."""
    return 0 < degree <= params.hub_degree


def linkable_mask(degrees: ArrayLike, params: LinkParams) -> NDArray[np.bool_]:
    """`linkable` for an array of degrees."""
    d = np.asarray(degrees)
    return (d > 0) & (d <= params.hub_degree)
