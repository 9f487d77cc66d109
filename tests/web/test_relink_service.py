"""`xborder serve` finishes deferred linking by itself (XBORDER_RELINK_SECONDS)."""

import time
from dataclasses import replace

from fastapi.testclient import TestClient

import xborder.actions.reports as intake
from xborder.web.app import create_app


def test_the_server_links_a_report_whose_linking_failed_without_an_operator(node, headers, monkeypatch):
    real = intake.link_report

    def broken(*args, **kwargs):
        raise RuntimeError("graph store down")

    node.settings = replace(node.settings, relink_seconds=0.05, lookup_poll_seconds=0)
    with TestClient(create_app(node)) as client:
        first = client.post("/api/v1/reports", json={"country": "TH", "text": "โทรมาจาก 081-234-5678 ให้โอนเงิน"})
        monkeypatch.setattr(intake, "link_report", broken)
        stranded = client.post("/api/v1/reports", json={"country": "TH", "text": "Again 0812345678 called me"})
        monkeypatch.setattr(intake, "link_report", real)
        assert first.status_code == stranded.status_code == 201
        deadline = time.monotonic() + 20
        while True:
            got = client.get(f"/api/v1/reports/{stranded.json()['id']}", headers=headers["analyst"]).json()
            if not got["relink_needed"] or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert got["relink_needed"] is False and got["network"]["id"] == first.json()["network_id"]
        assert client.app.state.relinker.done >= 1


def test_relinking_is_off_when_the_setting_is_zero(node):
    node.settings = replace(node.settings, relink_seconds=0, lookup_poll_seconds=0)
    with TestClient(create_app(node)) as client:
        assert client.app.state.relinker is None
