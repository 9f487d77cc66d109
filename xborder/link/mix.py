"""Counts of a categorical value per network (scam types, countries, indicators)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xborder.link.bipartite import Ints


@dataclass(frozen=True)
class Mix:
    offsets: Ints  # network g's rows are [offsets[g], offsets[g+1])
    values: NDArray[Any]
    counts: Ints

    def of(self, network: int) -> dict[Any, int]:
        """Value -> count for one network, most frequent first (ties by value)."""
        a, b = self.offsets[network], self.offsets[network + 1]
        return {_plain(v): int(c) for v, c in zip(self.values[a:b], self.counts[a:b])}

    def distinct(self) -> Ints:
        """How many distinct values each network has (before any limit)."""
        return np.diff(self.offsets)


def count_per_network(labels: Ints, values: ArrayLike, n_networks: int, *, limit: int | None = None,
                      skip: object = None) -> Mix:
    """Count each value per network; `skip` (e.g. "") is not counted; `limit` keeps the top ones."""
    vals = np.asarray(values)
    if len(vals) != len(labels):
        raise ValueError("values must align with labels")
    if skip is not None:
        present = vals != skip
        labels, vals = labels[present], vals[present]
    codes_values, codes = np.unique(vals, return_inverse=True)
    width = np.int64(max(len(codes_values), 1))
    key, count = np.unique(labels * width + codes, return_counts=True)
    network, code = key // width, key % width
    # Within a network: most frequent first, then by value (codes are sorted values).
    order = np.lexsort((code, -count, network))
    network, code, count = network[order], code[order], count[order]
    if limit is not None:
        first = np.searchsorted(network, network)
        keep = np.arange(len(network)) - first < limit
        network, code, count = network[keep], code[keep], count[keep]
    offsets = np.searchsorted(network, np.arange(n_networks + 1))
    return Mix(offsets.astype(np.int64), codes_values[code], count.astype(np.int64))


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value
