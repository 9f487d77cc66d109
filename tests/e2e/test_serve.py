"""Start `xborder serve` as a real process on a free loopback port and drive it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

XBORDER = [sys.executable, "-m", "xborder.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args, env, **kw):
    return subprocess.run(XBORDER + args, env=env, capture_output=True, text=True, timeout=120, **kw)


@pytest.fixture
def node_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XBORDER_")}
    env["XBORDER_HOME"] = str(tmp_path / "home")
    return env


@pytest.mark.e2e
def test_a_served_node_links_reports_over_http(node_env):
    assert run(["init"], node_env).returncode == 0
    made = run(["token", "create", "--role", "analyst", "--name", "e2e"], node_env)
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip().splitlines()[-1]
    assert token.startswith("xb_")

    port = free_port()
    server = subprocess.Popen(XBORDER + ["serve", "--host", "127.0.0.1", "--port", str(port)], env=node_env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail(f"server did not come up: {server.stdout.read() if server.poll() is not None else ''}")
            time.sleep(0.2)

        with httpx.Client(base_url=base, timeout=10) as http:
            ids = []
            for country, text in (("TH", "มิจฉาชีพโทรจาก 081-234-5678 อ้างเป็นเจ้าหน้าที่ธนาคาร"),
                                  ("KH", "ជនល្បិចកលបានហៅពីលេខ +66 81 234 5678"),
                                  ("TH", "Fake shop wants payment via https://cheap-phones-th.shop/pay")):
                r = http.post("/api/v1/reports", json={"country": country, "channel": "call", "text": text})
                assert r.status_code == 201, r.text
                ids.append(r.json())
            assert ids[0]["network_id"] == ids[1]["network_id"] != ids[2]["network_id"]

            auth = {"Authorization": f"Bearer {token}"}
            assert http.get("/api/v1/networks").status_code == 401
            nets = http.get("/api/v1/networks", headers=auth).json()["items"]
            assert [n["id"] for n in nets] == [ids[0]["network_id"]]
            assert nets[0]["countries"] == ["KH", "TH"] and nets[0]["cross_border"] is True
            report = http.get(f"/api/v1/reports/{ids[2]['id']}", headers=auth).json()
            assert {(i["kind"], i["value"]) for i in report["indicators"]} == {
                ("url", "https://cheap-phones-th.shop/pay"), ("domain", "cheap-phones-th.shop")}
            bad = http.post("/api/v1/reports", content=b"{", headers={"Content-Type": "application/json"})
            assert bad.status_code == 400 and bad.json()["field"] == "body"
            assert "xborder node" in http.get("/").text
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()

    verified = run(["audit", "verify"], node_env)
    assert verified.returncode == 0 and "intact" in verified.stdout
