"""Disjoint sets over report ids, for recomputing networks from observations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable


class UnionFind:
    def __init__(self) -> None:
        self._parent: dict[int, int] = {}

    def add(self, x: int) -> None:
        self._parent.setdefault(x, x)

    def find(self, x: int) -> int:
        parent = self._parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression keeps later finds O(1)-ish
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller id wins, so the result does not depend on input order
            if rb < ra:
                ra, rb = rb, ra
            self._parent[rb] = ra

    def groups(self) -> list[set[int]]:
        out: dict[int, set[int]] = defaultdict(set)
        for x in self._parent:
            out[self.find(x)].add(x)
        return list(out.values())


def components(reports: Iterable[int], observations: Iterable[tuple[int, int]]) -> list[set[int]]:
    """Connected components of reports that share an indicator.

    `observations` are (report_id, indicator_id) pairs of linkable indicators.
    """
    uf = UnionFind()
    for r in reports:
        uf.add(r)
    first_report: dict[int, int] = {}
    for report_id, indicator_id in observations:
        uf.add(report_id)
        seen = first_report.setdefault(indicator_id, report_id)
        if seen != report_id:
            uf.union(seen, report_id)
    return uf.groups()
