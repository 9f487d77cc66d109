"""Pulling from a partner node: cursors, resume after a crash, refusals, retries, retention, the serve loop."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import uvicorn
from sqlalchemy import func, select, text

from xborder.actions.access import check_key_terms, create_token
from xborder.actions.agreements import Terms, add_partner, set_agreement, suspend_agreement
from xborder.actions.publish import publish_changes
from xborder.actions.reports import submit_report
from xborder.actions.sync import SyncError, SyncLoop, purge_partner, sync_all, sync_partner
from xborder.core.actors import CLI
from xborder.core.clock import utcnow
from xborder.core.intake import ReportIn
from xborder.node import Node
from xborder.share.client import RetryPolicy
from xborder.share.facts import NodeIdentity
from xborder.store.indicators import get_indicator
from xborder.store.partners import live_agreement
from xborder.store.tables import audit_log, partner_objects, reports, sync_cursors

KH_PHONE = "+85512345678"
TAXII = "application/taxii+json;version=2.1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Partner:
    node: Node
    url: str
    collection: str
    token: str

    def file(self, text: str) -> None:
        submit_report(self.node, ReportIn(country="KH", channel="call", text=text), acting=CLI)
        publish_changes(self.node, acting=CLI)


@pytest.fixture
def kh(make_node) -> Iterator[Partner]:
    """Node KH serving TAXII on loopback, with an agreement for TH and a partner key for TH."""
    base = make_node("sqlite")
    node = replace(base, settings=replace(base.settings, node_country="KH", node_name="xborder-kh",
                                          publish_seconds=0, sync_seconds=0, lookup_poll_seconds=0))
    add_partner(node, "TH", country="TH", acting=CLI)
    set_agreement(node, "TH", Terms(kinds="phone,url,domain,bank_account", tlp_max="amber", min_confidence=0,
                                    purpose="MOU"), acting=CLI)
    token = create_token(node, "partner", acting=CLI, name="th-pull",
                         terms=check_key_terms("partner", partner="TH")).token
    with node.engine.connect() as conn:
        agreement = live_agreement(conn, 1)
    assert agreement is not None
    from xborder.web.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(node), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("KH's server did not start")
        time.sleep(0.05)
    yield Partner(node, f"http://127.0.0.1:{port}/taxii2/api/", agreement.collection_id, token)
    server.should_exit = True
    thread.join(timeout=10)


def _pull_from(node: Node, kit: Any, url: str, collection: str, token: str = "xb_token", **terms: Any) -> None:
    kit.add_partner(node, "KH", taxii_url=url, collection=collection, token=token, **terms)


def _count(node: Node, table: Any, *where: Any) -> int:
    with node.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())


def _cursor(node: Node) -> str | None:
    with node.engine.connect() as conn:
        return conn.execute(select(sync_cursors.c.cursor)).scalar_one_or_none()


def test_sync_takes_in_what_the_partner_shares_and_then_only_what_is_new(node, kit, kh):
    kh.file(f"ជនល្បិចកលបានហៅពីលេខ {KH_PHONE} អះអាងថាជាប៉ូលីស")
    _pull_from(node, kit, kh.url, kh.collection, kh.token)

    first = sync_partner(node, "KH", acting=CLI, limit=3)

    assert first.rejected == 0 and first.created > 0 and first.pages >= 2
    with node.engine.connect() as conn:
        ind = get_indicator(conn, "phone", KH_PHONE)
        country = conn.execute(select(reports.c.country).where(reports.c.source == "partner")).scalars().all()
    assert ind is not None and ind.report_count == 1 and country == ["KH"]
    assert _count(node, audit_log, audit_log.c.action == "import_partner_objects") == first.pages
    assert first.cursor is not None and _cursor(node) == first.cursor

    again = sync_partner(node, "KH", acting=CLI)
    assert again.objects == 0 and _cursor(node) == first.cursor
    redo = sync_partner(node, "KH", acting=CLI, from_start=True)
    assert redo.objects == first.objects and redo.created == redo.updated == 0
    assert redo.unchanged == first.created and _cursor(node) == first.cursor

    kh.file("Pay the fee at https://aba-verify.top/pay to release your parcel")
    later = sync_partner(node, "KH", acting=CLI)
    assert later.created > 0 and later.unchanged <= 2  # KH's identity and markings are not sent again
    with node.engine.connect() as conn:
        assert get_indicator(conn, "domain", "aba-verify.top") is not None
    assert _cursor(node) != first.cursor


def test_a_pull_killed_between_pages_resumes_after_the_last_committed_one(node, kit, kh):
    for n in range(4):
        kh.file(f"Scam call from +8551234{n:04d} asking for my bank PIN")
    _pull_from(node, kit, kh.url, kh.collection, kh.token)

    class Killed(Exception):
        pass

    def die(progress: Any) -> None:
        if progress.pages == 2:
            raise Killed

    with pytest.raises(Killed):
        sync_partner(node, "KH", acting=CLI, limit=4, on_page=die)
    kept = _count(node, partner_objects)
    assert kept > 0 and _cursor(node) is not None

    rest = sync_partner(node, "KH", acting=CLI, limit=4)

    assert rest.unchanged == 0  # nothing committed before the crash comes again
    with node.engine.connect() as conn:
        assert all(get_indicator(conn, "phone", f"+8551234{n:04d}").report_count == 1 for n in range(4))
    assert _count(node, partner_objects) == kept + rest.created


def test_what_stops_a_pull_is_said_plainly(node, kit, kh):
    with pytest.raises(SyncError, match="no partner 'KH'"):
        sync_partner(node, "KH", acting=CLI)
    add_partner(node, "KH", country="KH", acting=CLI, taxii_url=kh.url, pull_collection=kh.collection,
                pull_token="xb_wrong")
    with pytest.raises(SyncError, match="no sharing agreement"):
        sync_partner(node, "KH", acting=CLI)
    set_agreement(node, "KH", Terms(kinds="phone", purpose="MOU"), acting=CLI)
    with pytest.raises(SyncError, match="refused our credential \\(HTTP 401\\)"):
        sync_partner(node, "KH", acting=CLI)

    add_partner(node, "KH2", country="KH", acting=CLI, taxii_url=kh.url, pull_collection=kh.collection,
                pull_token=kh.token)
    set_agreement(node, "KH2", Terms(kinds="phone", purpose="MOU"), acting=CLI)
    suspend_agreement(kh.node, "TH", acting=CLI)  # KH stops the flow
    with pytest.raises(SyncError, match="suspended"):
        sync_partner(node, "KH2", acting=CLI)
    suspend_agreement(node, "KH2", acting=CLI)  # and here, suspending our side skips the pull
    assert sync_partner(node, "KH2", acting=CLI).skipped == "the sharing agreement is suspended here"

    add_partner(node, "LA", country="LA", acting=CLI)
    set_agreement(node, "LA", Terms(kinds="phone", purpose="MOU"), acting=CLI)
    with pytest.raises(SyncError, match="nowhere to pull from.*--taxii-url, --pull-collection, --pull-token-file"):
        sync_partner(node, "LA", acting=CLI)
    everyone = sync_all(node, acting=CLI)
    assert set(everyone) == {"KH", "KH2"} and isinstance(everyone["KH"], SyncError)


class _Scripted:
    """A stand-in partner server: answers from a list, counts requests."""

    def __init__(self, replies: list[tuple[int, dict[str, str], bytes]]) -> None:
        self.replies, self.seen = replies, 0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                owner.seen += 1
                status, headers, body = owner.replies.pop(0)
                self.send_response(status)
                for k, v in {"Content-Type": TAXII, "Content-Length": str(len(body)), **headers}.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/taxii2/api/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _page(objects: list[dict[str, Any]], last: str, more: bool = False) -> tuple[int, dict[str, str], bytes]:
    body: dict[str, Any] = {"more": more, "objects": objects}
    if more:
        body["next"] = "page-2"
    return 200, {"X-TAXII-Date-Added-Last": last}, json.dumps(body).encode()


def test_a_flaky_partner_is_retried_and_a_bad_page_stops_the_pull_after_the_good_ones(node, kit):
    good = kit.indicator_page(kit.facts())
    bad = kit.indicator_page(kit.facts("domain", "aba-verify.top"), identity=False)
    bad[1]["pattern"] = "[domain-name:value = 'ABA-VERIFY.TOP']"
    server = _Scripted([(503, {"Retry-After": "1"}, b"{}"), _page(good, "2026-01-01T00:00:00.000001Z", more=True),
                        (502, {}, b"{}"), _page(bad, "2026-01-01T00:00:00.000009Z")])
    slept: list[float] = []
    try:
        _pull_from(node, kit, server.url, "kh-collection")
        with pytest.raises(SyncError, match="page 2 was refused and nothing of it applied.*objects\\[1\\].pattern"):
            sync_partner(node, "KH", acting=CLI, retry=RetryPolicy(sleep=slept.append, jitter=lambda: 0.5))
    finally:
        server.close()
    assert server.seen == 4 and slept == [1.0, 0.25]
    assert _cursor(node) == "2026-01-01T00:00:00.000001Z"
    with node.engine.connect() as conn:
        assert get_indicator(conn, "phone", KH_PHONE) is not None
        assert get_indicator(conn, "domain", "aba-verify.top") is None
        refused = conn.execute(select(audit_log.c.details)
                               .where(audit_log.c.action == "share_import_refused")).scalars().all()
    assert len(refused) == 1  # the refused page is on the record, with why
    record = json.loads(refused[0])
    assert record["partner"] == "KH" and record["page"] == 2 and record["cursor"] == "2026-01-01T00:00:00.000001Z"
    assert record["errors"][0]["field"] == "objects[1].pattern"


def test_partner_data_past_its_retention_is_purged_with_its_effect(node, kit):
    kh = kit.add_partner(node, retention_days=30)
    from xborder.actions.partner_import import apply_partner_objects
    from xborder.core.actors import Actor

    page = kit.indicator_page(kit.facts(), kit.facts("domain", "aba-verify.top"))
    page.append(kit.network(3, ("phone", KH_PHONE), ("domain", "aba-verify.top")))
    apply_partner_objects(node, kh, page, acting=Actor("partner", "KH", "partner"))
    kept = _count(node, partner_objects)

    assert purge_partner(node, "KH", acting=CLI, now=utcnow() + timedelta(days=29)) == 0
    assert _count(node, partner_objects) == kept

    assert purge_partner(node, "KH", acting=CLI, now=utcnow() + timedelta(days=31)) == kept
    assert _count(node, partner_objects) == 0 and kit.partner_report_ids(node) == []
    with node.engine.connect() as conn:
        assert get_indicator(conn, "phone", KH_PHONE).report_count == 0
        details = json.loads(conn.execute(select(audit_log.c.details)
                                          .where(audit_log.c.action == "purge_partner_objects")).scalar_one())
    assert details["objects"] == kept and details["retention_days"] == 30 and details["pseudo_reports"] == 3


def test_the_loop_in_serve_pulls_on_its_own_and_purges_what_partners_pushed(node, kit, kh):
    from sqlalchemy import update

    from xborder.actions.partner_import import apply_partner_objects
    from xborder.core.actors import Actor

    kh.file(f"Scammer on {KH_PHONE} says my son is arrested")
    _pull_from(node, kit, kh.url, kh.collection, kh.token)
    # LA only pushes (TAXII POST): nothing to pull, but its retention still holds.
    la = kit.add_partner(node, "LA", "LA", retention_days=1)
    pushed = kit.indicator_page(kit.facts("domain", "la.top"), by=NodeIdentity("LA", "xborder-la"))
    apply_partner_objects(node, la, pushed, acting=Actor("partner", "LA", "partner"))
    with node.engine.begin() as conn:
        conn.execute(update(partner_objects).where(partner_objects.c.partner_id == la.id)
                     .values(received_at=utcnow() - timedelta(days=2)))
    loop = SyncLoop(node, 0.2, acting=CLI)
    loop.start()
    try:
        deadline = time.monotonic() + 30
        while True:
            with node.engine.connect() as conn:
                pulled = get_indicator(conn, "phone", KH_PHONE) is not None
                purged = get_indicator(conn, "domain", "la.top").report_count == 0
            if pulled and purged:
                break
            assert time.monotonic() < deadline, f"the loop never pulled ({pulled}) or purged ({purged})"
            time.sleep(0.1)
    finally:
        loop.stop()
    assert _cursor(node) is not None
    assert not loop.running
    off = SyncLoop(node, 0, acting=CLI)
    off.start()
    assert not off.running


def test_the_sync_and_purge_commands(tmp_path, monkeypatch, kit):
    import os

    from typer.testing import CliRunner

    from xborder.cli import app

    for key in list(os.environ):
        if key.startswith("XBORDER_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("XBORDER_HOME", str(tmp_path / "home"))

    def xb(*args: str) -> Any:
        return CliRunner().invoke(app, list(args))

    assert xb("init").exit_code == 0
    none = xb("sync")
    assert none.exit_code == 1 and "no partner to pull from" in none.stderr
    page = kit.indicator_page(kit.facts())
    refusal = json.dumps({"title": "Forbidden", "description": "the agreement with TH is suspended"}).encode()
    server = _Scripted([_page(page, "2026-01-01T00:00:00.000001Z"), (403, {}, refusal)])
    try:
        (tmp_path / "token").write_text("xb_kh-token\n")
        assert xb("partner", "add", "KH", "--country", "KH", "--taxii-url", server.url, "--pull-collection", "c1",
                  "--pull-token-file", str(tmp_path / "token")).exit_code == 0
        assert xb("agreement", "set", "KH", "--kinds", "phone", "--purpose", "MOU").exit_code == 0
        pulled = xb("sync")
        assert pulled.exit_code == 0, pulled.stderr
        assert "KH: 10 objects in 1 page(s): 5 new, 0 updated, 0 unchanged, 5 ignored, 0 rejected" in pulled.stdout
        refused = xb("sync", "KH")
        assert refused.exit_code == 1 and "the agreement with TH is suspended" in refused.stderr
    finally:
        server.close()
    purged = xb("share", "purge", "KH")
    assert purged.exit_code == 0 and "KH: 0 object(s) past retention purged" in purged.stdout
    unknown = xb("share", "purge", "LA")
    assert unknown.exit_code == 1 and "no partner 'LA'" in unknown.stderr


def test_a_large_pull_refreshes_the_planners_statistics_as_it_goes(node, kit, kh, monkeypatch):
    # A first pull of 100,000 objects slowed page after page while PostgreSQL took
    # partner_objects for empty; lowered here so that two reports' objects are "large".
    import xborder.actions.sync as sync

    monkeypatch.setattr(sync, "ANALYZE_FIRST", 1)
    kh.file(f"Scam call from {KH_PHONE} asking for my bank PIN")
    _pull_from(node, kit, kh.url, kh.collection, kh.token)

    def planner_rows() -> float | None:
        if node.engine.dialect.name != "postgresql":
            return None
        with node.engine.connect() as conn:
            return float(conn.execute(select(func.coalesce(text("reltuples"), -1)).select_from(
                text("pg_class")).where(text("relname = 'partner_objects'"))).scalar_one())

    before = planner_rows()
    done = sync_partner(node, "KH", acting=CLI)
    assert done.created > 0
    if before is not None:
        assert before <= 0 and planner_rows() == _count(node, partner_objects)
