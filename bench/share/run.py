"""Sharing between nodes: TAXII serving, full and incremental sync, beside the stix2 library's object building.

    python bench/share/run.py [--serve-indicators 100000] [--sync-objects 100000]
                              [--incremental-objects 1000] [--baseline-indicators 10000]
                              [--page-size 1000] [--th-database-url URL]

Each KH node is a real `xborder serve` process on loopback with its own
SQLite database; TH pulls in this process (as `xborder sync` does), into
SQLite unless --th-database-url names another database. KH's collections are
filled by writing the published versions straight into share_objects, as
the publisher would (its own cost is not measured here). The data is
bench/share/build.py's: indicators of ten kinds with varied facts, four
STIX objects each (observable, indicator, relationship, sighting).

Measured, with the target beside each figure:
- serving: every object of a collection of --serve-indicators indicators,
  paged through the TAXII API with the largest page (10,000) a partner may
  ask for, over HTTP on loopback, parsed by the client;
- full sync of --sync-objects objects from KH into an empty TH (fetch, check,
  apply to TH's intelligence, cursor, logs), pages of --page-size;
- incremental sync of --incremental-objects new objects after that;
- the baseline: the stix2 library building and serialising the same
  indicators' `indicator` objects, and xborder's own builder on the same data.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build import synthetic_facts, with_stix2  # noqa: E402

from xborder.actions.access import check_key_terms, create_token  # noqa: E402
from xborder.actions.agreements import Terms, add_partner, set_agreement  # noqa: E402
from xborder.actions.sync import sync_partner  # noqa: E402
from xborder.core.actors import CLI  # noqa: E402
from xborder.core.clock import utcnow  # noqa: E402
from xborder.node import Node, open_node  # noqa: E402
from xborder.settings import load_settings  # noqa: E402
from xborder.share.client import BearerAuth, TaxiiClient  # noqa: E402
from xborder.share.facts import IndicatorFacts, NodeIdentity  # noqa: E402
from xborder.share.markings import marking_definitions  # noqa: E402
from xborder.share.stix import identity_object, indicator_object, indicator_objects  # noqa: E402
from xborder.share.timestamps import stix_time  # noqa: E402
from xborder.store.partners import live_agreement  # noqa: E402
from xborder.store.share import NewVersion, add_versions, lock_publishing  # noqa: E402

KH = NodeIdentity("KH", "xborder-kh")
KINDS = "phone,bank_account,url,domain,promptpay,line_id,telegram,email,ip,ussd"
MAX_PAGE = 10_000


def env_for(home: Path, country: str, database_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XBORDER_")}
    env.update(XBORDER_HOME=str(home), XBORDER_NODE_COUNTRY=country, XBORDER_NODE_NAME=f"xborder-{country.lower()}",
               XBORDER_PUBLISH_SECONDS="0", XBORDER_SYNC_SECONDS="0", XBORDER_LOOKUP_POLL_SECONDS="0")
    if database_url:
        env["XBORDER_DATABASE_URL"] = database_url
    return env


def open_with(env: dict[str, str]) -> Node:
    return open_node(load_settings(env), init=True)


def chunks(facts: list[IndicatorFacts], size: int = 5000) -> Iterator[list[IndicatorFacts]]:
    for start in range(0, len(facts), size):
        yield facts[start:start + size]


def publish(node: Node, facts: list[IndicatorFacts], *, reference: bool) -> int:
    """Store the versions the publisher would store for these indicators; returns how many objects."""
    stored = 0
    if reference:
        with node.engine.begin() as conn:
            lock_publishing(conn)
            stored += add_versions(conn, [NewVersion(o["id"], o["type"], o.get("modified", o["created"]), None,
                                                     "clear", None, False, json.dumps(o))
                                          for o in [identity_object(KH), *marking_definitions()]], utcnow())
    for part in chunks(facts):
        rows = []
        for f in part:
            version = stix_time(f.modified)
            rows += [NewVersion(o["id"], o["type"], o.get("modified", version), f.kind, f.tlp, f.confidence, False,
                                json.dumps(o, ensure_ascii=False, separators=(",", ":")))
                     for o in indicator_objects(KH, f)]
        with node.engine.begin() as conn:
            lock_publishing(conn)
            stored += add_versions(conn, rows, utcnow())
    return stored


def make_kh(home: Path, facts: list[IndicatorFacts]) -> tuple[dict[str, str], str, str, int]:
    """A KH node sharing `facts` with TH: (env, collection id, TH's token, objects)."""
    env = env_for(home, "KH")
    node = open_with(env)
    add_partner(node, "TH", country="TH", acting=CLI)
    set_agreement(node, "TH", Terms(kinds=KINDS, tlp_max="amber", min_confidence=0, purpose="bench"), acting=CLI)
    token = create_token(node, "partner", acting=CLI, name="th", terms=check_key_terms("partner", partner="TH")).token
    with node.engine.connect() as conn:
        agreement = live_agreement(conn, 1)
    assert agreement is not None
    objects = publish(node, facts, reference=True)
    node.close()
    return env, agreement.collection_id, token, objects


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Served:
    """`xborder serve` as its own process."""

    def __init__(self, env: dict[str, str]) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen([sys.executable, "-m", "xborder.cli", "serve", "--port", str(self.port)],
                                     env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"xborder serve did not start: {self.proc.stderr.read() if self.proc.stderr else ''}")
            time.sleep(0.2)
        self.api_root = f"http://127.0.0.1:{self.port}/taxii2/api/"

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=60)
        if self.proc.stderr:
            self.proc.stderr.close()


def rate(label: str, count: int, seconds: float, unit: str = "objects/s") -> float:
    value = count / seconds
    print(f"  {label:<58} {value:>10,.0f} {unit}  ({count:,} in {seconds:.2f} s)")
    return value


def line(label: str, figure: str, target: str, ok: bool | None) -> None:
    verdict = "" if ok is None else ("meets target" if ok else "MISSES target")
    print(f"{label:<52} {figure:>18}   target {target:<18} {verdict}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--serve-indicators", type=int, default=100_000)
    ap.add_argument("--sync-objects", type=int, default=100_000)
    ap.add_argument("--incremental-objects", type=int, default=1_000)
    ap.add_argument("--baseline-indicators", type=int, default=10_000)
    ap.add_argument("--page-size", type=int, default=1000)
    ap.add_argument("--th-database-url", default=None)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="xborder-bench-share-"))
    per = 4  # objects per indicator
    serve_facts = synthetic_facts(args.serve_indicators)
    sync_count = args.sync_objects // per
    extra = args.incremental_objects // per
    sync_facts = synthetic_facts(sync_count + extra, seed=11)
    # The incremental batch is newer than everything before it, as new reports are.
    later = max(f.modified for f in sync_facts[:sync_count]) + timedelta(seconds=1)
    base, new = sync_facts[:sync_count], [replace(f, modified=later) for f in sync_facts[sync_count:]]
    servers: list[Served] = []
    try:
        print(f"building KH collections in {work} ...")
        serve_env, serve_collection, serve_token, served_objects = make_kh(work / "kh-serve", serve_facts)
        sync_env, sync_collection, sync_token, sync_objects = make_kh(work / "kh-sync", base)

        print("baseline: building STIX objects for the same indicators")
        n = min(args.baseline_indicators, len(serve_facts))
        start = time.perf_counter()
        for f in serve_facts[:n]:
            with_stix2(f).serialize()
        stix2_rate = rate(f"stix2.Indicator + serialize, {n:,} indicators", n, time.perf_counter() - start)
        start = time.perf_counter()
        for f in serve_facts:
            json.dumps(indicator_object(KH, f))
        ours_rate = rate(f"xborder.share.stix indicator_object + json, {len(serve_facts):,}", len(serve_facts),
                         time.perf_counter() - start)

        print("serving: paging through KH's collection over TAXII")
        servers.append(Served(serve_env))
        got = 0
        start = time.perf_counter()
        with TaxiiClient(servers[-1].api_root, auth=BearerAuth(serve_token)) as client:
            for page in client.pages(serve_collection, limit=MAX_PAGE):
                got += len(page.objects)
        serve_seconds = time.perf_counter() - start
        if got != served_objects:
            raise SystemExit(f"served {got} objects, expected {served_objects}")
        serve_rate = rate(f"{args.serve_indicators:,} indicators, pages of {MAX_PAGE:,}", got, serve_seconds)

        print("sync: TH pulls from KH")
        servers.append(Served(sync_env))
        th_env = env_for(work / "th", "TH", args.th_database_url)
        th = open_with(th_env)
        (work / "token").write_text(sync_token)
        add_partner(th, "KH", country="KH", acting=CLI, taxii_url=servers[-1].api_root,
                    pull_collection=sync_collection, pull_token=sync_token)
        set_agreement(th, "KH", Terms(kinds=KINDS, tlp_max="amber", min_confidence=0, purpose="bench"), acting=CLI)
        start = time.perf_counter()
        full = sync_partner(th, "KH", acting=CLI, limit=args.page_size)
        full_seconds = time.perf_counter() - start
        if full.objects != sync_objects or full.rejected:
            raise SystemExit(f"full sync took {full.objects} objects ({full.rejected} rejected), expected {sync_objects}")
        rate(f"full sync, {full.pages} pages ({full.created:,} new)", full.objects, full_seconds)

        kh_sync = open_node(load_settings(sync_env))
        added = publish(kh_sync, new, reference=False)
        kh_sync.close()
        start = time.perf_counter()
        more = sync_partner(th, "KH", acting=CLI, limit=args.page_size)
        incremental_seconds = time.perf_counter() - start
        if more.objects != added:
            raise SystemExit(f"incremental sync took {more.objects} objects, expected {added}")
        rate(f"incremental sync, {more.pages} page(s)", more.objects, incremental_seconds)
        th.close()

        print()
        line(f"TAXII serving, {args.serve_indicators:,} indicators", f"{serve_rate:,.0f} objects/s",
             ">= 10,000 objects/s", serve_rate >= 10_000)
        line(f"  (that is {serve_rate / per:,.0f} indicators/s, {got:,} objects)", f"{serve_seconds:.1f} s", "", None)
        line(f"full sync, {sync_objects:,} objects", f"{full_seconds:.1f} s", "<= 60 s", full_seconds <= 60)
        line(f"incremental sync, {added:,} objects", f"{incremental_seconds:.2f} s", "<= 2 s",
             incremental_seconds <= 2)
        line("baseline: stix2 library, indicator objects", f"{stix2_rate:,.0f} objects/s", "", None)
        line("xborder builder, same objects", f"{ours_rate:,.0f} objects/s",
             f"{ours_rate / stix2_rate:,.1f}x stix2", None)
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
