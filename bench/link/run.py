"""Network linking at scale: full recompute, intake decision, gang recovery.

    python bench/link/run.py [--reports 1000000] [--seed 1]

Generates a report-indicator graph (`xborder.link.synthetic`: power-law gang
sizes and indicator reuse, lone reports, popular values below the hub
threshold, hubs far above it, and 0.3% of victims citing a second gang) and
prints, in one run:

- full recompute (`partition`) time and peak memory, in a fresh process that
  only loads the arrays and partitions them (targets: <= 60 s, <= 4 GB);
- the intake decision per report (degree look-up + `decide_links`), median
  (target <= 2 ms);
- baselines: plain components with networkx on a 100,000-report subset, with
  the pure-Python UnionFind on the same subset, and with scipy's csgraph on
  the full graph;
- gang recovery, adjusted Rand index against the generator's truth, with
  hubs present (target >= 0.95), without and with cross-gang victims.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

from xborder.link.bipartite import build_graph
from xborder.link.components import report_components
from xborder.link.hubs import linkable_mask
from xborder.link.incremental import decide_links
from xborder.link.params import LinkParams
from xborder.link.partition import partition
from xborder.link.synthetic import synthetic_graph
from xborder.link.unionfind import components as unionfind_components


def recompute_only(path: str) -> None:
    data = np.load(path)
    start = time.perf_counter()
    p = partition(data["report_ids"], data["obs_report"], data["obs_indicator"])
    seconds = time.perf_counter() - start
    np.save(path + ".labels.npy", p.labels)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "networks": p.n_networks,
                      "largest": int(np.bincount(p.labels).max()),
                      "largest_component": int(np.bincount(p.components).max())}))


def measured_recompute(g, workdir: Path) -> tuple[dict, np.ndarray]:
    path = str(workdir / "graph.npz")
    np.savez(path, report_ids=g.report_ids, obs_report=g.obs_report, obs_indicator=g.obs_indicator)
    # Baseline footprint of a process that has the arrays loaded but has not partitioned.
    idle = subprocess.run([sys.executable, "-c", (
        "import json, resource, numpy as np, xborder.link.partition\n"
        f"d = np.load({path!r}); [d[k] for k in d.files]\n"
        "print(json.dumps(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))")],
        check=True, capture_output=True, text=True)
    out = subprocess.run([sys.executable, __file__, "--recompute-only", path], check=True, capture_output=True,
                         text=True)
    figures = json.loads(out.stdout)
    figures["idle_mb"] = json.loads(idle.stdout)
    return figures, np.load(path + ".labels.npy")


def intake_decision(g, params: LinkParams, samples: int, rng: np.random.Generator) -> np.ndarray:
    graph = build_graph(g.report_ids, g.obs_report, g.obs_indicator)
    # What intake holds: each indicator's report count, looked up by id.
    degree_of = dict(zip(graph.indicator_ids.tolist(), graph.degree.tolist()))
    order = np.argsort(graph.edge_report, kind="stable")
    starts = np.searchsorted(graph.edge_report[order], np.arange(graph.n_reports + 1))
    cited = graph.indicator_ids[graph.edge_indicator[order]].tolist()
    times = np.empty(samples)
    for k, r in enumerate(rng.choice(graph.n_reports, samples, replace=False).tolist()):
        t = time.perf_counter()
        ids = cited[starts[r]:starts[r + 1]]
        decide_links(ids, [degree_of[i] for i in ids], params)
        times[k] = time.perf_counter() - t
    return times


def plain_baselines(g, params: LinkParams, subset: int) -> dict[str, float]:
    import networkx as nx

    graph = build_graph(g.report_ids, g.obs_report, g.obs_indicator)
    keep = linkable_mask(graph.edge_degree(), params)
    t = time.perf_counter()
    full = report_components(graph, keep)
    csgraph_s = time.perf_counter() - t

    inside = keep & (graph.edge_report < subset)
    rows, cols = graph.edge_report[inside].tolist(), graph.edge_indicator[inside].tolist()
    t = time.perf_counter()
    nxg = nx.Graph()
    nxg.add_nodes_from(("r", r) for r in range(subset))
    nxg.add_edges_from((("r", r), ("i", i)) for r, i in zip(rows, cols))
    n_nx = sum(1 for c in nx.connected_components(nxg) if any(kind == "r" for kind, _ in c))
    networkx_s = time.perf_counter() - t

    t = time.perf_counter()
    n_uf = len(unionfind_components(range(subset), zip(rows, cols)))
    unionfind_s = time.perf_counter() - t

    sub_graph = build_graph(graph.report_ids[:subset], graph.report_ids[graph.edge_report[inside]],
                            graph.indicator_ids[graph.edge_indicator[inside]])
    t = time.perf_counter()
    n_cs = int(report_components(sub_graph, np.ones(len(sub_graph.edge_report), dtype=bool)).max()) + 1
    csgraph_sub_s = time.perf_counter() - t
    if not n_nx == n_uf == n_cs:
        raise RuntimeError(f"baselines disagree: networkx {n_nx}, unionfind {n_uf}, csgraph {n_cs}")
    return {"csgraph_full_s": csgraph_s, "components_full": int(full.max()) + 1, "networkx_s": networkx_s,
            "unionfind_s": unionfind_s, "csgraph_subset_s": csgraph_sub_s, "components_subset": n_nx}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--subset", type=int, default=100_000)
    ap.add_argument("--samples", type=int, default=20_000)
    ap.add_argument("--recompute-only", metavar="NPZ", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.recompute_only:
        recompute_only(args.recompute_only)
        return

    params = LinkParams()
    rng = np.random.default_rng(args.seed)
    t = time.perf_counter()
    g = synthetic_graph(args.reports, seed=args.seed)
    n_obs = len(g.obs_report)
    print(f"graph: {args.reports:,} reports, {n_obs:,} observations, {len(g.hub_ids)} hubs, "
          f"{len(g.generic_ids)} popular values below the hub threshold, "
          f"largest gang {np.bincount(g.truth).max():,} (generated in {time.perf_counter() - t:.1f} s)")

    with tempfile.TemporaryDirectory() as tmp:
        full, labels = measured_recompute(g, Path(tmp))
    ari_bridges = adjusted_rand_score(g.truth, labels)
    print("\nfull recompute (partition), fresh process:")
    print(f"  time          {full['seconds']:8.1f} s      target <= 60 s")
    print(f"  peak RSS      {full['peak_mb']:8.0f} MB     target <= 4096 MB "
          f"(of which {full['idle_mb']:.0f} MB interpreter + loaded arrays)")
    print(f"  networks      {full['networks']:8,}        largest {full['largest']:,} reports "
          f"(largest plain component {full['largest_component']:,})")

    times = intake_decision(g, params, min(args.samples, args.reports), rng)
    print("\nintake decision per report (degree look-up + decide_links):")
    print(f"  median        {np.median(times) * 1e3:8.4f} ms     target <= 2 ms   "
          f"(p99 {np.quantile(times, 0.99) * 1e3:.4f} ms, {len(times):,} reports)")

    base = plain_baselines(g, params, min(args.subset, args.reports))
    print("\nbaselines, plain components over linkable indicators:")
    print(f"  networkx      {base['networkx_s']:8.2f} s      on {min(args.subset, args.reports):,} reports "
          f"({base['components_subset']:,} components)")
    print(f"  UnionFind     {base['unionfind_s']:8.2f} s      same subset (pure Python, xborder.link.unionfind)")
    print(f"  csgraph       {base['csgraph_subset_s']:8.2f} s      same subset")
    print(f"  csgraph       {base['csgraph_full_s']:8.2f} s      full graph ({base['components_full']:,} components)")

    clean = synthetic_graph(args.reports, seed=args.seed, bridge_share=0.0)
    p = partition(clean.report_ids, clean.obs_report, clean.obs_indicator, params=params)
    plain = partition(clean.report_ids, clean.obs_report, clean.obs_indicator,
                      params=LinkParams(giant_size=args.reports + 1))
    print("\ngang recovery, adjusted Rand index against the generator's truth (target >= 0.95):")
    print(f"  hubs + popular values             {adjusted_rand_score(clean.truth, p.labels):.4f}   "
          f"(plain components, no split: {adjusted_rand_score(clean.truth, plain.labels):.4f})")
    print(f"  ... + 0.3% cross-gang victims     {ari_bridges:.4f}")


if __name__ == "__main__":
    main()
