"""`xborder demo` builds its scenario, serves it, and the printed token works."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.e2e
def test_demo_serves_a_cross_border_scenario(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("XBORDER_")}
    env["XBORDER_HOME"] = str(tmp_path)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "xborder.cli", "demo", "--reports", "800", "--seed", "3",
                             "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    try:
        token = None
        deadline = time.monotonic() + 120
        while token is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line and proc.poll() is not None:
                pytest.fail("demo exited before printing its token")
            if line.startswith("token: "):
                token = line.split(": ", 1)[1].strip()
        assert token and token.startswith("xb_")
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                httpx.get(f"{base}/healthz", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        auth = {"Authorization": f"Bearer {token}"}
        nets = httpx.get(f"{base}/api/v1/networks", params={"limit": 200}, headers=auth, timeout=10).json()
        assert nets["total"] >= 10
        assert any(n["cross_border"] for n in nets["items"])
        top = nets["items"][0]
        detail = httpx.get(f"{base}/api/v1/networks/{top['id']}", headers=auth, timeout=10).json()
        assert detail["report_count"] >= 5 and detail["indicators"]
        page = httpx.get(f"{base}/api/v1/reports", params={"limit": 200}, headers=auth, timeout=10).json()
        assert {r["language"] for r in page["items"]} >= {"th", "km", "en"}
        assert "Largest networks" in httpx.get(base, timeout=10).text
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        proc.stdout.close()
