"""All pairs of positions that share a value in a sorted array, vectorised."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

Ints = NDArray[np.int64]


def pairs_within(groups: Ints) -> tuple[Ints, Ints]:
    """Every (a, b), a < b, of positions holding the same value in sorted `groups`."""
    if len(groups) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    size, rank = run_sizes(groups)
    # The position at rank k in a run of d pairs with the d-1-k after it.
    count = size - 1 - rank
    first = np.repeat(np.arange(len(groups), dtype=np.int64), count)
    offset = np.arange(len(first)) - np.repeat(np.cumsum(count) - count, count)
    return first, first + 1 + offset


def run_sizes(groups: Ints) -> tuple[Ints, Ints]:
    """Per position of sorted `groups`: the size of its run and its rank in the run."""
    if len(groups) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    sizes = np.diff(np.r_[starts, len(groups)])
    return np.repeat(sizes, sizes), np.arange(len(groups)) - np.repeat(starts, sizes)
