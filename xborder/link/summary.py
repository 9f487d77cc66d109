"""Network summaries for analysts: size, victims, loss, reach and tempo.

All inputs are per report, aligned with `Partition.report_ids`; everything is
computed for all networks at once. A report with no known reporter should
carry a key of its own (its report id, say), so it counts as one victim.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xborder.core.clock import as_utc
from xborder.core.money import DEFAULT_PER_USD
from xborder.link.bipartite import Ints
from xborder.link.mix import Mix, count_per_network
from xborder.link.partition import Partition

Floats = NDArray[np.float64]
Times = NDArray[np.datetime64]
DAY = 86400  # seconds


@dataclass(frozen=True)
class NetworkSummary:
    reports: int
    victims: int
    loss_thb: float
    loss_usd: float
    countries: tuple[str, ...]
    cross_border: bool
    provinces: dict[str, int]
    scam_types: dict[str, int]
    first_seen: datetime
    last_seen: datetime
    last_7_days: int
    last_30_days: int
    previous_30_days: int


@dataclass(frozen=True)
class NetworkSummaries:
    reports: Ints
    victims: Ints
    loss_thb: Floats
    loss_usd: Floats
    countries: Mix
    provinces: Mix
    scam_types: Mix
    first_seen: Times
    last_seen: Times
    last_7_days: Ints
    last_30_days: Ints
    previous_30_days: Ints  # the 30 days before the last 30: the base for growth

    @property
    def cross_border(self) -> NDArray[np.bool_]:
        return self.countries.distinct() > 1

    def network(self, g: int) -> NetworkSummary:
        return NetworkSummary(
            reports=int(self.reports[g]), victims=int(self.victims[g]), loss_thb=float(self.loss_thb[g]),
            loss_usd=float(self.loss_usd[g]), countries=tuple(sorted(self.countries.of(g))),
            cross_border=bool(self.cross_border[g]), provinces=self.provinces.of(g),
            scam_types=self.scam_types.of(g), first_seen=_datetime(self.first_seen[g]),
            last_seen=_datetime(self.last_seen[g]), last_7_days=int(self.last_7_days[g]),
            last_30_days=int(self.last_30_days[g]), previous_30_days=int(self.previous_30_days[g]),
        )


def summarise(partition: Partition, *, loss_thb: ArrayLike, country: ArrayLike, scam_type: ArrayLike,
              province: ArrayLike, reported_at: ArrayLike, reporter: ArrayLike, now: datetime | np.datetime64,
              thb_per_usd: float = float(DEFAULT_PER_USD["THB"])) -> NetworkSummaries:
    """Per-network figures. `loss_thb` may hold NaN for an unknown loss (counted as 0);
    `province` may hold "" for unknown; `reported_at` and `now` are UTC."""
    labels = partition.labels
    n = partition.n_networks
    loss = np.nan_to_num(np.asarray(loss_thb, dtype=np.float64), nan=0.0)
    at = np.asarray(reported_at, dtype="datetime64[s]")
    for name, arr in (("loss_thb", loss), ("reported_at", at), ("country", np.asarray(country)),
                      ("scam_type", np.asarray(scam_type)), ("province", np.asarray(province)),
                      ("reporter", np.asarray(reporter))):
        if len(arr) != len(labels):
            raise ValueError(f"{name} must have one value per report of the partition")
    if not thb_per_usd > 0:
        raise ValueError("thb_per_usd must be positive")
    seconds = at.astype(np.int64)
    today = int(np.datetime64(_naive_utc(now), "s").astype(np.int64))

    loss_sum = np.asarray(np.bincount(labels, weights=loss, minlength=n), dtype=np.float64)
    first = np.full(n, np.datetime64("9999-12-31T00:00:00", "s"))
    last = np.full(n, np.datetime64("0001-01-01T00:00:00", "s"))
    np.minimum.at(first, labels, at)
    np.maximum.at(last, labels, at)
    return NetworkSummaries(
        reports=np.bincount(labels, minlength=n).astype(np.int64),
        victims=count_per_network(labels, reporter, n).distinct(),
        loss_thb=loss_sum, loss_usd=loss_sum / thb_per_usd,
        countries=count_per_network(labels, country, n), provinces=count_per_network(labels, province, n, skip=""),
        scam_types=count_per_network(labels, scam_type, n), first_seen=first, last_seen=last,
        last_7_days=_within(labels, seconds, today - 7 * DAY, None, n),
        last_30_days=_within(labels, seconds, today - 30 * DAY, None, n),
        previous_30_days=_within(labels, seconds, today - 60 * DAY, today - 30 * DAY, n),
    )


def _within(labels: Ints, at: Ints, after: int, until: int | None, n: int) -> Ints:
    # A report dated after `now` (a clock ahead) still counts as recent.
    inside = (at > after) if until is None else (at > after) & (at <= until)
    return np.bincount(labels[inside], minlength=n).astype(np.int64)


def _naive_utc(at: datetime | np.datetime64) -> Any:
    # numpy's datetime64 has no zone: give it UTC wall time (naive means UTC already).
    return as_utc(at).replace(tzinfo=None) if isinstance(at, datetime) else at


def _datetime(at: np.datetime64) -> datetime:
    return at.astype("datetime64[s]").astype(datetime).replace(tzinfo=timezone.utc)
