"""Which ids of a change stream (reports, marks, ...) the index has applied.

On PostgreSQL an id is handed out when a row is inserted, not when it
commits: id 101 can become visible before id 100. Asking only for ids above
the highest seen would lose 100 for good. So ids skipped over are kept as
gaps and asked for again until they turn up or `ttl` seconds pass (a
transaction open longer than that, or an id burnt by a rollback or by
`INSERT ... ON CONFLICT DO NOTHING`, which takes an id and inserts nothing).
Every id is applied once: applying a report twice would count it twice.
"""

from __future__ import annotations

from collections.abc import Iterable

# Long enough for any intake transaction (an import batch commits within
# seconds), short enough that burnt ids stop being asked for soon.
GAP_TTL_SECONDS = 120.0
# The most gaps kept: a re-run import can burn a million ids at once; the
# ids just below a new one are the likeliest to still commit.
MAX_GAPS = 10_000


class IdTracker:
    def __init__(self, high: int = 0, *, ttl: float = GAP_TTL_SECONDS, max_gaps: int = MAX_GAPS) -> None:
        self.high = high
        self.ttl = ttl
        self.max_gaps = max_gaps
        self.gaps: dict[int, float] = {}  # id -> when it was first missed

    @classmethod
    def from_tail(cls, high: int, present: Iterable[int], window: int, *, now: float) -> IdTracker:
        """A tracker after a build that saw `present` among the `window` ids up to `high`."""
        tracker = cls(high)
        seen = set(present)
        low = max(high - window, 0)
        tracker.gaps = {i: now for i in range(low + 1, high) if i not in seen}
        tracker._cap()
        return tracker

    def fresh(self, ids: Iterable[int], now: float) -> list[int]:
        """The ids not applied before, in order; they count as applied from now on."""
        out = []
        for i in sorted(set(ids)):
            if i > self.high:
                start = max(self.high + 1, i - self.max_gaps)
                for gap in range(start, i):
                    self.gaps[gap] = now
                self.high = i
                out.append(i)
            elif self.gaps.pop(i, None) is not None:
                out.append(i)
        self._cap()
        return out

    def expire(self, now: float) -> None:
        """Stop asking for gaps older than the ttl."""
        self.gaps = {i: t for i, t in self.gaps.items() if now - t < self.ttl}

    def open_gaps(self) -> list[int]:
        return sorted(self.gaps)

    def _cap(self) -> None:
        if len(self.gaps) > self.max_gaps:
            self.gaps = dict(sorted(self.gaps.items())[-self.max_gaps:])
