"""A gang's stock of one kind of indicator, rotated over time.

Mule accounts get frozen, SIMs get blocked and sites taken down, so a gang
moves from one to the next with some overlap. Reports close in time share
indicators, and the gang's network is a chain rather than a star: this is what
linking has to stitch together.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Generic, TypeVar

V = TypeVar("V")


@dataclass(slots=True)
class Item(Generic[V]):
    value: V
    start: float   # active window as fractions of the gang's active period
    end: float
    weight: float
    forced: int = 0  # picks owed before anything else (a mule account lent by another gang)
    uses: int = 0


@dataclass(slots=True)
class Pool(Generic[V]):
    items: list[Item[V]] = field(default_factory=list)

    @classmethod
    def rotating(cls, rng: random.Random, values: list[V], keep_first: bool = False) -> Pool[V]:
        """Windows in sequence with overlap; `keep_first` makes the first value long-lived."""
        n = len(values)
        pool: Pool[V] = cls()
        for i, v in enumerate(values):
            if keep_first and i == 0:
                start, end = -1.0, 2.0
            else:
                centre, half = (i + 0.5) / n, 0.75 / n
                start, end = centre - half, centre + half
            # Skewed weights: one number or account does most of the work at a time.
            pool.items.append(Item(v, start, end, rng.paretovariate(1.2)))
        return pool

    def add_forced(self, value: V, times: int) -> None:
        self.items.append(Item(value, -1.0, 2.0, 1.0, forced=times))

    def __bool__(self) -> bool:
        return bool(self.items)

    def pick(self, rng: random.Random, t: float) -> V:
        for item in self.items:
            if item.forced > 0:
                item.forced -= 1
                item.uses += 1
                return item.value
        live = [it for it in self.items if it.start <= t <= it.end]
        if not live:
            live = [min(self.items, key=lambda it: min(abs(it.start - t), abs(it.end - t)))]
        item = rng.choices(live, weights=[it.weight for it in live])[0] if len(live) > 1 else live[0]
        item.uses += 1
        return item.value

    def used(self) -> list[V]:
        return [it.value for it in self.items if it.uses]
