"""Intake throughput: reports/s through submit_report and through HTTP.

    python bench/intake/run.py [--reports 10000] [--database-url URL]

Baseline measured in the same run: extraction alone on the same texts (the
floor cost every path pays), and extraction + classification. The action is
measured one report per transaction (submit_report, as the HTTP API uses it)
and 200 per transaction (submit_reports, as bulk import and the demo use it).
Target (issue 2): >= 1,000 reports/s through the action on one core with SQLite.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import httpx

from xborder.actions.reports import submit_report, submit_reports
from xborder.classify import classify_text
from xborder.core.actors import Actor
from xborder.core.intake import check_report
from xborder.demo import generate
from xborder.extract import extract
from xborder.node import open_node
from xborder.settings import load_settings

BENCH = Actor(kind="node", name="bench", role="admin")


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:>10,.0f} reports/s  ({seconds:6.2f} s for {n:,})"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--http-clients", type=int, default=4)
    ap.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    args = ap.parse_args()

    raw = generate(seed=11, reports=args.reports).reports
    checked = [check_report(r) for r in raw]
    texts = [r.text for r in checked]
    print(f"{len(texts):,} generated reports, {sum(len(t.encode()) for t in texts) / 1e6:.2f} MB of text")

    t = time.perf_counter()
    for r in checked:
        extract(r.text, country=r.country)
    print(f"baseline  extract only           {rate(len(texts), time.perf_counter() - t)}")

    t = time.perf_counter()
    for r in checked:
        classify_text(r.text, indicators=extract(r.text, country=r.country))
    print(f"baseline  extract + classify     {rate(len(texts), time.perf_counter() - t)}")

    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/action.db"
        settings = replace(load_settings({"XBORDER_HOME": tmp}), database_url=url)
        node = open_node(settings, init=True)
        t = time.perf_counter()
        for r in checked:
            submit_report(node, r, acting=BENCH, source="bench")
        print(f"action    submit_report          {rate(len(checked), time.perf_counter() - t)}   [{node.engine.dialect.name}]")
        node.close()

        settings = replace(settings, database_url=args.database_url or f"sqlite:///{tmp}/batched.db")
        node = open_node(settings, init=True)
        if args.database_url:
            with node.engine.begin() as conn:  # the same server database: start from empty
                conn.exec_driver_sql("TRUNCATE reports, reporter_contacts, indicators, observations, networks, "
                                     "network_members, network_events, audit_log, audit_head CASCADE")
        t = time.perf_counter()
        for i in range(0, len(checked), 200):
            submit_reports(node, checked[i:i + 200], acting=BENCH, source="bench")
        print(f"action    submit_reports x200    {rate(len(checked), time.perf_counter() - t)}   [{node.engine.dialect.name}]")
        node.close()

        env = {**os.environ, "XBORDER_HOME": f"{tmp}/http"}
        if args.database_url:
            env["XBORDER_DATABASE_URL"] = args.database_url
        subprocess.run([sys.executable, "-m", "xborder.cli", "init"], env=env, check=True, capture_output=True)
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "xborder.cli", "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    httpx.get(f"{base}/healthz", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            bodies = [{**r, "external_id": f"http-{r['external_id']}"} for r in raw]
            chunks = [bodies[i::args.http_clients] for i in range(args.http_clients)]

            def post_all(chunk):
                with httpx.Client(base_url=base, timeout=30) as http:
                    for body in chunk:
                        resp = http.post("/api/v1/reports", json=body)
                        if resp.status_code != 201:
                            raise RuntimeError(f"{resp.status_code}: {resp.text[:200]}")

            t = time.perf_counter()
            with ThreadPoolExecutor(args.http_clients) as pool:
                list(pool.map(post_all, chunks))
            print(f"http      POST /api/v1/reports   {rate(len(bodies), time.perf_counter() - t)}   "
                  f"[{args.http_clients} keep-alive clients, one uvicorn worker]")
        finally:
            server.terminate()
            server.wait()
    print("target: >= 1,000 reports/s through submit_report on one core with SQLite")


if __name__ == "__main__":
    main()
