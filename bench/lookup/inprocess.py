"""In-process lookups against a big index, and what the index costs in memory.

    python bench/lookup/inprocess.py N      prints one JSON line

Run in a process of its own so that its resident memory is the index's and
nothing else's. The index is built from synthetic arrays (data.py) with the
same bulk-load path the database build uses.
"""

from __future__ import annotations

import gc
import json
import random
import resource
import sys
import time

from data import arrays, value

from xborder.lookup.build import build_from_arrays
from xborder.lookup.query import readings
from xborder.lookup.resolve import best_entry


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


def main() -> None:
    n = int(sys.argv[1])
    gc.collect()
    before = rss_bytes()
    started = time.perf_counter()
    cols = arrays(n)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    index = build_from_arrays(**cols)  # type: ignore[arg-type]
    built = time.perf_counter() - started
    del cols
    gc.collect()
    after = rss_bytes()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    rng = random.Random(3)
    # Four in five are known values, one in five never seen.
    queries = [value(rng.randrange(n)) if rng.random() < 0.8 else value(n + rng.randrange(n))
               for _ in range(500_000)]
    now = time.time()
    lookup = index.lookup
    started = time.perf_counter()
    hits = 0
    for kind, v in queries:
        if lookup(kind, v, now) is not None:
            hits += 1
    entry_seconds = time.perf_counter() - started

    find = index.find
    started = time.perf_counter()
    for kind, v in queries:
        find(kind, v)
    find_seconds = time.perf_counter() - started

    pasted = [v for _, v in queries[:100_000]]
    started = time.perf_counter()
    for v in pasted:
        best_entry(index, readings(v), now)
    pasted_seconds = time.perf_counter() - started

    print(json.dumps({
        "indicators": n, "rss_before": before, "rss_after": after, "peak_rss": peak,
        "index_bytes": after - before, "columns_bytes": index.memory_bytes(),
        "generate_seconds": generated, "build_seconds": built,
        "lookups": len(queries), "hits": hits, "entry_per_second": len(queries) / entry_seconds,
        "find_per_second": len(queries) / find_seconds, "pasted_per_second": len(pasted) / pasted_seconds,
    }))


if __name__ == "__main__":
    main()
