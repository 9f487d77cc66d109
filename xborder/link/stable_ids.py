"""Stable network ids across recomputes, and the history of merges and splits.

A new network keeps the id of the old network it shares most reports with.
Pairs (new network, old id) are taken greedily by overlap, largest first,
each old id and each new network used once; equal overlaps go to the older
(smaller) old id, then to the new network with the smaller first report, so
the outcome depends on the memberships alone. A new network left without an
old id gets a fresh one, in order of first report.

History, one event per new network that needs one:
- ("merged", id, old_ids): the network took in reports of the other old
  networks `old_ids` (its own kept id is not repeated there);
- ("split", id, (old_id,)): the network took part of `old_id`, which now
  lives on in several networks, and `id` is not `old_id`.
A new network that is both gets both events. Old ids no longer used by any
network are listed in `retired`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from xborder.link.bipartite import Ints
from xborder.link.partition import Partition


@dataclass(frozen=True)
class NetworkEvent:
    kind: str  # "merged" or "split"
    network_id: int
    old_ids: tuple[int, ...]


@dataclass(frozen=True)
class IdMatch:
    ids: Ints  # network id per network of the new partition (index = label)
    events: tuple[NetworkEvent, ...]
    retired: tuple[int, ...]
    next_id: int  # the first id not handed out


def match_ids(old_report_ids: ArrayLike, old_network_ids: ArrayLike, new: Partition, next_id: int) -> IdMatch:
    """Ids for `new`'s networks given the old membership (report id -> network id)."""
    old_reports = np.asarray(old_report_ids, dtype=np.int64)
    old_networks = np.asarray(old_network_ids, dtype=np.int64)
    if old_reports.shape != old_networks.shape:
        raise ValueError("old_report_ids and old_network_ids must have the same length")
    if len(np.unique(old_reports)) != len(old_reports):
        raise ValueError("a report can be in only one old network")
    if len(old_networks) and next_id <= int(old_networks.max()):
        raise ValueError("next_id must be above every old network id")

    # Reports deleted since the old partition simply drop out of the overlap.
    if len(new.report_ids):
        pos = np.minimum(np.searchsorted(new.report_ids, old_reports), len(new.report_ids) - 1)
        still = new.report_ids[pos] == old_reports
    else:
        pos, still = np.zeros(len(old_reports), dtype=np.int64), np.zeros(len(old_reports), dtype=bool)
    new_label = new.labels[pos[still]]
    old_values, old_index = np.unique(old_networks[still], return_inverse=True)
    width = np.int64(max(len(old_values), 1))
    key, overlap = np.unique(new_label * width + old_index, return_counts=True)
    # pairs sorted by (new label, old id): old_values is sorted, so index order is id order
    pairs = np.column_stack([key // width, old_values[key % width]]) if len(key) else np.zeros((0, 2), np.int64)

    ids = np.full(new.n_networks, -1, dtype=np.int64)
    taken: set[int] = set()
    for k in np.lexsort((pairs[:, 0], pairs[:, 1], -overlap)):
        label, old = int(pairs[k, 0]), int(pairs[k, 1])
        if ids[label] == -1 and old not in taken:
            ids[label] = old
            taken.add(old)
    fresh = np.flatnonzero(ids == -1)
    ids[fresh] = next_id + np.arange(len(fresh))

    events = _merges(pairs, ids) + _splits(pairs, ids)
    events.sort(key=lambda e: (e.network_id, e.kind))
    retired = tuple(int(o) for o in np.unique(old_networks) if int(o) not in taken)
    return IdMatch(ids, tuple(events), retired, next_id + len(fresh))


def _merges(pairs: Ints, ids: Ints) -> list[NetworkEvent]:
    out: list[NetworkEvent] = []
    for group in _runs(pairs, by=0):
        label = group[0, 0]
        out.append(NetworkEvent("merged", int(ids[label]), tuple(int(o) for o in group[:, 1] if o != ids[label])))
    return out


def _splits(pairs: Ints, ids: Ints) -> list[NetworkEvent]:
    out: list[NetworkEvent] = []
    for group in _runs(pairs[np.lexsort((pairs[:, 0], pairs[:, 1]))], by=1):
        old = int(group[0, 1])
        out.extend(NetworkEvent("split", int(ids[t]), (old,)) for t in group[:, 0] if ids[t] != old)
    return out


def _runs(pairs: Ints, by: int) -> list[Ints]:
    """The runs of rows sharing column `by` (rows sorted by it) that have two rows or more."""
    if len(pairs) == 0:
        return []
    column = pairs[:, by]
    starts = np.flatnonzero(np.r_[True, column[1:] != column[:-1]])
    ends = np.r_[starts[1:], len(column)]
    return [pairs[a:b] for a, b in zip(starts, ends) if b - a >= 2]
