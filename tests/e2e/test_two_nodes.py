"""Two nodes, TH and KH, as separate `xborder serve` processes with their own databases, sharing over TAXII."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

XBORDER = [sys.executable, "-m", "xborder.cli"]
KH_PHONE = "+85512345678"
RED_PHONE = "+85598765432"
LATE_PHONE = "+85511223344"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Node:
    name: str
    env: dict[str, str]
    port: int
    server: subprocess.Popen[str] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def run(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(XBORDER + list(args), env=self.env, capture_output=True, text=True, timeout=180)
        if ok:
            assert done.returncode == 0, f"{self.name}: xborder {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
        return done

    def token(self, *args: str) -> str:
        return self.run("token", "create", *args).stdout.strip().splitlines()[-1]

    def serve(self) -> None:
        self.server = subprocess.Popen(XBORDER + ["serve", "--host", "127.0.0.1", "--port", str(self.port)],
                                       env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{self.base}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or self.server.poll() is not None:
                out = self.server.stdout.read() if self.server.poll() is not None and self.server.stdout else ""
                pytest.fail(f"{self.name} did not come up: {out}")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=30)
            if self.server.stdout:
                self.server.stdout.close()


def make_node(tmp: Path, country: str) -> Node:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XBORDER_")}
    env.update(XBORDER_HOME=str(tmp / country.lower()), XBORDER_NODE_COUNTRY=country,
               XBORDER_NODE_NAME=f"xborder-{country.lower()}",
               # The test says when to publish and to pull, so that each step is seen on its own.
               XBORDER_PUBLISH_SECONDS="0", XBORDER_SYNC_SECONDS="0", XBORDER_LOOKUP_POLL_SECONDS="0.2")
    node = Node(country, env, free_port())
    node.run("init")
    return node


def eventually(check: Callable[[], Any], what: str, seconds: float = 20) -> Any:
    deadline = time.monotonic() + seconds
    while True:
        got = check()
        if got:
            return got
        if time.monotonic() > deadline:
            pytest.fail(f"never happened: {what}")
        time.sleep(0.2)


@pytest.fixture
def nodes(tmp_path: Path) -> Iterator[tuple[Node, Node]]:
    th, kh = make_node(tmp_path, "TH"), make_node(tmp_path, "KH")
    try:
        yield th, kh
    finally:
        th.stop()
        kh.stop()


@pytest.mark.e2e
def test_intelligence_crosses_from_kh_to_th_only_as_the_agreement_says(nodes, tmp_path):
    th, kh = nodes
    # KH: TH is a partner with an agreement and a key to pull with.
    kh.run("partner", "add", "TH", "--country", "TH")
    kh.run("agreement", "set", "TH", "--kinds", "phone,url,domain", "--tlp-max", "amber", "--min-confidence", "0",
           "--purpose", "MOU on call-centre scams")
    collection = next(line.split()[-1] for line in kh.run("agreement", "show", "TH").stdout.splitlines()
                      if line.startswith("collection_id"))
    (tmp_path / "kh-token").write_text(kh.token("--role", "partner", "--partner", "TH", "--name", "th-pull") + "\n")
    kh_analyst = {"Authorization": f"Bearer {kh.token('--role', 'analyst', '--name', 'kh-analyst')}"}
    # TH: KH is a partner it pulls from.
    th.run("partner", "add", "KH", "--country", "KH", "--taxii-url", f"{kh.base}/taxii2/api/",
           "--pull-collection", collection, "--pull-token-file", str(tmp_path / "kh-token"))
    th.run("agreement", "set", "KH", "--kinds", "phone,url,domain", "--tlp-max", "amber", "--purpose", "MOU")
    th_analyst = {"Authorization": f"Bearer {th.token('--role', 'analyst', '--name', 'th-analyst')}"}
    kh.serve()
    th.serve()

    with httpx.Client(base_url=kh.base, timeout=10) as at_kh, httpx.Client(base_url=th.base, timeout=10) as at_th:
        def file_at_kh(text: str, tlp: str = "amber") -> None:
            r = at_kh.post("/api/v1/reports", json={"country": "KH", "channel": "call", "text": text, "tlp": tlp})
            assert r.status_code == 201, r.text

        def th_knows(phone: str) -> dict[str, Any] | None:
            r = at_th.get(f"/api/v1/indicators/phone/{phone}", headers=th_analyst)
            assert r.status_code in (200, 404), r.text
            return r.json() if r.status_code == 200 else None

        def th_lookup(phone: str) -> dict[str, Any]:
            r = at_th.get("/api/v1/lookup", params={"q": phone}, headers=th_analyst)
            assert r.status_code == 200, r.text
            return dict(r.json())

        file_at_kh(f"ជនល្បិចកលបានហៅពីលេខ {KH_PHONE} អះអាងថាជាប៉ូលីស ហើយទាមទារប្រាក់")
        file_at_kh(f"Caller on {RED_PHONE} named the victim's family; police only", tlp="red")
        kh.run("share", "publish")
        assert th_knows(KH_PHONE) is None

        pulled = th.run("sync", "KH")
        assert "KH:" in pulled.stdout and " 0 rejected" in pulled.stdout

        known = th_knows(KH_PHONE)
        assert known is not None and known["countries"] == ["KH"] and known["risk"]["sources"]["sightings"] == 1
        assert known["risk"]["score"] > 0
        seen = eventually(lambda: (got := th_lookup(KH_PHONE))["verdict"] != "unknown" and got,
                          "TH's lookup learns the KH number")
        assert seen["countries"] == ["KH"] and seen["risk"] > 0
        # TLP:RED never left KH.
        assert th_knows(RED_PHONE) is None and th_lookup(RED_PHONE)["verdict"] == "unknown"

        # KH suspends the agreement: nothing more flows, and TH's pull says why.
        kh.run("agreement", "suspend", "TH")
        file_at_kh(f"New gang number {LATE_PHONE} pretending to be a bank")
        kh.run("share", "publish")
        stopped = th.run("sync", "KH", ok=False)
        assert stopped.returncode == 1 and "suspended" in stopped.stderr
        assert th_knows(LATE_PHONE) is None
        kh.run("agreement", "resume", "TH")
        th.run("sync", "KH")
        assert th_knows(LATE_PHONE) is not None

        # A KH analyst finds the first number was a false positive: the revocation reaches TH.
        marked = at_kh.post(f"/api/v1/indicators/phone/{KH_PHONE}/false-positive", headers=kh_analyst,
                            json={"note": "a hijacked line, returned to its owner"})
        assert marked.status_code == 201, marked.text
        kh.run("share", "publish")
        th.run("sync", "KH")
        gone = th_knows(KH_PHONE)
        assert gone is not None and gone["risk"]["score"] == 0 and gone["countries"] == []
        # The lookup index of the running TH process must follow the withdrawal too
        # (xborder.store.partner_objects.evidence_changes says which indicators to reload).
        eventually(lambda: th_lookup(KH_PHONE)["verdict"] == "unknown", "TH's lookup drops the revoked number")

    th.stop()
    kh.stop()
    for node in (th, kh):
        assert "intact" in node.run("audit", "verify").stdout
