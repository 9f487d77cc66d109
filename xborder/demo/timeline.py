"""When scams happen and get reported: growth, daily rhythm, reporting delay."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

# Both countries keep UTC+7; people report while awake.
_LOCAL = timedelta(hours=7)
_HOUR_WEIGHTS = (1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 10, 9, 9, 9, 9, 9, 9, 10, 11, 11, 9, 6, 3)

# Median hours between the scam and the report. Quick scams are reported the
# same day; investment and romance victims notice only when withdrawals fail.
_DELAY_HOURS = {
    "phishing": 10, "impersonation": 5, "ecommerce": 72, "employment": 96, "investment": 400,
    "romance": 500, "sextortion": 20, "loan": 48, "gambling": 72, "prize": 24, "remote_access": 4,
    "drugs": 60, "other": 48,
}


@dataclass(frozen=True, slots=True)
class Activity:
    """A gang's working life as fractions of the scenario window, and its trend.

    trend > 0: reports grow towards the end; trend < 0: they fade (a gang hit by
    a crackdown or moving elsewhere); 0: steady.
    """

    start: float
    end: float
    trend: float

    def draw(self, rng: random.Random) -> float:
        """Position within the gang's own life, 0..1."""
        u = rng.random()
        if self.trend > 0:
            return float(u ** (1 / (1 + self.trend)))
        if self.trend < 0:
            return 1 - float(u ** (1 / (1 - self.trend)))
        return u

    def at(self, f: float) -> float:
        """Position within the scenario window for a position `f` within the gang's life."""
        return self.start + f * (self.end - self.start)


def new_activity(rng: random.Random, rank: int) -> Activity:
    roll = rng.random()
    if rank == 0 or roll < 0.4:
        return Activity(0.0, 1.0, rng.uniform(0.8, 2.0))
    if roll < 0.55:
        return Activity(rng.uniform(0.3, 0.6), 1.0, rng.uniform(0.5, 1.5))  # newcomer
    if roll < 0.7:
        return Activity(0.0, rng.uniform(0.55, 0.9), -rng.uniform(0.5, 1.5))  # disrupted
    return Activity(0.0, 1.0, 0.0)


def moment(rng: random.Random, start: datetime, end: datetime, position: float) -> datetime:
    """A report time at `position` (0..1) of [start, end], moved to a waking hour."""
    raw = start + (end - start) * position
    local_day = (raw + _LOCAL).replace(hour=0, minute=0, second=0, microsecond=0)
    hour = rng.choices(range(24), weights=_HOUR_WEIGHTS)[0]
    t = local_day + timedelta(hours=hour, minutes=rng.randrange(60), seconds=rng.randrange(60)) - _LOCAL
    return t if start <= t <= end else raw.replace(microsecond=0)


def incident_before(rng: random.Random, reported: datetime, scam_type: str) -> datetime:
    hours = rng.lognormvariate(math.log(_DELAY_HOURS.get(scam_type, 48)), 0.9)
    return reported - timedelta(minutes=max(5, int(hours * 60)))


def iso(t: datetime) -> str:
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
