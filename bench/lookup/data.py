"""Synthetic indicators for the lookup bench: arrays for the in-process index, rows for a database.

Value i is deterministic: 60% Thai mobile numbers, 20% bank accounts, 10%
domains, 10% URLs, so value lengths are those of real traffic.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import numpy as np
from sqlalchemy import Engine, insert

from xborder.lookup.index import KIND_CODE
from xborder.store.tables import indicators, observations, reports

KIND_OF_DIGIT = ("phone",) * 6 + ("bank_account",) * 2 + ("domain", "url")
NOW = datetime.now(timezone.utc).replace(microsecond=0)


def value(i: int) -> tuple[str, str]:
    kind = KIND_OF_DIGIT[i % 10]
    if kind == "phone":
        return kind, f"+668{i:08d}"
    if kind == "bank_account":
        return kind, f"{1_000_000_000 + i}"
    if kind == "domain":
        return kind, f"scam{i}-shop.com"
    return kind, f"http://scam{i}-pay.com/login/{i}"


def messy(kind: str, canonical: str) -> str:
    """How a person would paste it: national format with dashes, defanged links."""
    if kind == "phone":
        national = "0" + canonical[3:]
        return f"{national[:3]}-{national[3:6]}-{national[6:]}"
    if kind == "bank_account":
        return f"{canonical[:3]}-{canonical[3]}-{canonical[4:9]}-{canonical[9:]}"
    return canonical.replace(".", "[.]").replace("http", "hxxp")


def arrays(n: int, seed: int = 5) -> dict[str, object]:
    """Columns for build_from_arrays: n indicators, 1-5 fresh reports each."""
    rng = np.random.default_rng(seed)
    kinds = np.array([KIND_CODE[KIND_OF_DIGIT[d]] for d in range(10)], dtype=np.uint8)[np.arange(n) % 10]
    counts = rng.integers(1, 6, n)
    now = int(NOW.timestamp())
    first = now - rng.integers(0, 200 * 86400, n)
    return {
        "ids": np.arange(1, n + 1, dtype=np.int64), "kinds": kinds, "values": [value(i)[1] for i in range(n)],
        "counts": counts, "first": first, "last": np.full(n, now), "mass": counts.astype(np.float32),
        "scam_masks": (1 << rng.integers(0, 13, n)).astype(np.uint16), "epoch": float(now),
    }


def fill_database(engine: Engine, n: int, batch: int = 50_000) -> float:
    """n indicators, each cited by one report (two indicators a report); returns seconds taken."""
    started = time.perf_counter()
    at = NOW - timedelta(days=1)
    n_reports = (n + 1) // 2
    with engine.begin() as conn:
        for start in range(1, n_reports + 1, batch):
            conn.execute(insert(reports), [
                {"id": r, "country": "TH" if r % 3 else "KH", "channel": "sms", "text": f"synthetic report {r}",
                 "language": "en", "scam_probability": 0.9, "scam_type": "impersonation", "reported_at": at,
                 "created_at": at, "source": "import", "status": "new", "relink_needed": False}
                for r in range(start, min(start + batch, n_reports + 1))
            ])
        for start in range(0, n, batch):
            stop = min(start + batch, n)
            conn.execute(insert(indicators), [
                {"id": i + 1, "kind": value(i)[0], "value": value(i)[1], "report_count": 1, "first_seen": at,
                 "last_seen": at} for i in range(start, stop)
            ])
            conn.execute(insert(observations), [
                {"report_id": i // 2 + 1, "indicator_id": i + 1, "span_start": 0, "span_end": 10, "role": "mentioned"}
                for i in range(start, stop)
            ])
    return time.perf_counter() - started
