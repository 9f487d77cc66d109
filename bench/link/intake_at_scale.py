"""Incremental linking per report against a store of a million reports.

    python bench/link/intake_at_scale.py [--reports 1000000] [--new 2000]

Loads a synthetic graph (xborder.link.synthetic, the same generator as
bench/link/run.py) straight into a fresh SQLite node's tables, partitions it
with `xborder link --full`'s code, then files new reports through
submit_report, each citing what one existing report cited, and prints the
per-report latency of the whole intake and of the linking step alone, then
the time `xborder link --pending` takes to re-split what intake flagged.
Baseline in the same run: submit_report into an empty node.
Target (issue 5): median incremental linking <= 2 ms per report at 1M reports.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import numpy as np

import xborder.actions.reports as intake
from xborder.actions.networks import link_pending
from xborder.actions.recompute import recompute_networks
from xborder.core.actors import Actor
from xborder.core.intake import check_report
from xborder.link.synthetic import synthetic_graph
from xborder.node import open_node
from xborder.settings import load_settings

BENCH = Actor(kind="node", name="bench", role="admin")


def load(node, graph) -> None:
    """Bulk-insert reports, indicators (as Thai mobile numbers) and observations."""
    at = datetime(2026, 6, 1, tzinfo=timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
    pairs = np.unique(np.stack([graph.obs_report, graph.obs_indicator], axis=1), axis=0)
    indicators, degree = np.unique(pairs[:, 1], return_counts=True)
    raw = node.engine.raw_connection()
    cur = raw.cursor()
    cur.executemany(
        "INSERT INTO reports (id, country, channel, text, language, scam_probability, scam_type, reported_at, "
        "created_at, source, status, relink_needed) VALUES (?, 'TH', 'sms', 'bench', 'en', 0.9, 'other', ?, ?, "
        "'bench', 'new', 0)", ((int(r), at, at) for r in graph.report_ids))
    cur.executemany(
        "INSERT INTO indicators (id, kind, value, report_count, first_seen, last_seen) "
        "VALUES (?, 'phone', ?, ?, ?, ?)",
        ((int(i), phone_of(int(i)), int(d), at, at) for i, d in zip(indicators, degree)))
    cur.executemany("INSERT INTO observations (report_id, indicator_id, span_start, span_end, role) "
                    "VALUES (?, ?, 0, 10, 'mentioned')", ((int(r), int(i)) for r, i in pairs))
    raw.commit()
    raw.close()


def phone_of(indicator_id: int) -> str:
    return f"+66{810000000 + indicator_id}"


def national(indicator_id: int) -> str:
    return f"0{810000000 + indicator_id}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=1_000_000)
    ap.add_argument("--new", type=int, default=2000)
    args = ap.parse_args()

    graph = synthetic_graph(args.reports, seed=3)
    # A new victim cites what an earlier victim of the same gang cited: two
    # indicators of one existing report (or one, if it cited one).
    rng = np.random.default_rng(7)
    order = np.argsort(graph.obs_report, kind="stable")
    by_report = np.split(graph.obs_indicator[order], np.flatnonzero(np.diff(graph.obs_report[order])) + 1)
    when = (datetime.now(timezone.utc) - timedelta(days=1)).isoformat()
    bodies = []
    for k in rng.choice(len(by_report), size=args.new):
        cited = np.unique(by_report[k])[:2]
        numbers = " และ ".join(national(int(i)) for i in cited)
        bodies.append(check_report({"country": "TH", "channel": "sms", "reported_at": when,
                                    "text": f"โอนเงินแล้ว โทร {numbers}"}))

    linking: list[float] = []
    real = intake.link_report

    def timed(*a, **k):
        t = time.perf_counter()
        try:
            return real(*a, **k)
        finally:
            linking.append(time.perf_counter() - t)

    intake.link_report = timed
    with tempfile.TemporaryDirectory() as tmp:
        for label, size in (("empty store", 0), (f"{args.reports:,} reports", args.reports)):
            settings = replace(load_settings({"XBORDER_HOME": tmp}), database_url=f"sqlite:///{tmp}/{size}.db")
            node = open_node(settings, init=True)
            if size:
                t = time.perf_counter()
                load(node, graph)
                loaded = time.perf_counter() - t
                t = time.perf_counter()
                done = recompute_networks(node, acting=BENCH)
                print(f"loaded {size:,} reports / {len(graph.obs_report):,} observations in {loaded:.1f} s; "
                      f"link --full {time.perf_counter() - t:.1f} s -> {done.networks:,} networks")
            linking.clear()
            whole = []
            for body in bodies:
                t = time.perf_counter()
                intake.submit_report(node, body, acting=BENCH, source="bench")
                whole.append(time.perf_counter() - t)
            ms = lambda xs, q: 1000 * float(np.quantile(xs, q))  # noqa: E731
            print(f"{label:>20}: submit_report median {1000 * statistics.median(whole):.2f} ms "
                  f"(p99 {ms(whole, 0.99):.2f}); linking step median {1000 * statistics.median(linking):.3f} ms "
                  f"(p99 {ms(linking, 0.99):.3f})")
            # Reports that reached a component above giant_size were placed
            # provisionally; `link --pending` (serve runs it every
            # XBORDER_RELINK_SECONDS) re-splits those components whole.
            t = time.perf_counter()
            flagged = link_pending(node, acting=BENCH)
            print(f"{label:>20}: link --pending after them: {flagged:,} flagged report(s) in "
                  f"{time.perf_counter() - t:.1f} s")
            node.close()
    print("target: median incremental linking <= 2 ms per report at 1,000,000 reports")


if __name__ == "__main__":
    main()
