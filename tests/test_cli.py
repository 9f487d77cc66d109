"""The `xborder` command, driven as an operator would (in-process runner, real files)."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from typer.testing import CliRunner

from xborder.cli import app
from xborder.store.tables import reports


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    for key in list(os.environ):
        if key.startswith("XBORDER_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("XBORDER_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def xb(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def stored(home: Path) -> int:
    engine = create_engine(f"sqlite:///{home / 'xborder.db'}")
    with engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(reports)).scalar_one()
    engine.dispose()
    return n


def test_commands_before_init_say_what_to_do(home):
    r = xb("token", "create", "--role", "analyst")
    assert r.exit_code == 1 and "xborder init" in r.stderr


def test_init_users_and_tokens(home):
    assert xb("init").exit_code == 0
    assert (home / "secret.key").stat().st_mode & 0o777 == 0o600
    assert xb("init").exit_code == 0  # idempotent: migrating an up-to-date database is a no-op
    assert xb("user", "add", "somchai", "--role", "analyst").exit_code == 0
    dup = xb("user", "add", "somchai", "--role", "analyst")
    assert dup.exit_code == 1 and "already exists" in dup.stderr
    bad = xb("user", "add", "x y", "--role", "analyst")
    assert bad.exit_code == 1 and "username" in bad.stderr
    made = xb("token", "create", "--role", "bank", "--name", "kbank")
    assert made.exit_code == 0 and made.stdout.strip().splitlines()[-1].startswith("xb_")
    wrong = xb("token", "create", "--role", "superuser")
    assert wrong.exit_code == 1 and "unknown role" in wrong.stderr
    listed = xb("token", "list")
    assert "kbank" in listed.stdout and made.stdout.strip().splitlines()[-1] not in listed.stdout
    assert xb("token", "revoke", "1").exit_code == 0
    assert xb("token", "revoke", "1").exit_code == 1


def write_csv(path: Path, rows: list[dict]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["external_id", "country", "channel", "text", "loss_amount",
                                           "loss_currency", "reporter_name"])
        w.writeheader()
        w.writerows(rows)
    return path


def test_import_csv_reports_bad_rows_by_line_and_is_idempotent(home, tmp_path):
    xb("init")
    rows = [{"external_id": f"h-{i}", "country": "TH", "channel": "sms", "text": f"โอนเงินไปที่ 08123456{i:02d}",
             "loss_amount": "100", "loss_currency": "THB", "reporter_name": "Anan"} for i in range(10)]
    rows[3]["country"] = "ZZ"
    rows[6]["loss_currency"] = "DOGE"
    path = write_csv(tmp_path / "hotline.csv", rows)
    first = xb("import", str(path))
    assert first.exit_code == 1
    assert "line 5: country:" in first.stderr and "line 8: loss.currency:" in first.stderr
    assert "10 rows: 8 added, 0 already present, 2 failed" in first.stdout
    again = xb("import", str(path))
    assert "10 rows: 0 added, 8 already present, 2 failed" in again.stdout
    assert stored(home) == 8


def test_import_jsonl_without_external_ids_is_still_idempotent(home, tmp_path):
    xb("init")
    path = tmp_path / "reports.jsonl"
    lines = [json.dumps({"country": "KH", "text": f"ផ្ញើប្រាក់ទៅ 012 345 67{i}"}) for i in range(5)] + ["{oops"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert xb("import", str(path)).exit_code == 1
    r = xb("import", str(path))
    assert "6 rows: 0 added, 5 already present, 1 failed" in r.stdout and "line 6: invalid JSON" in r.stderr
    assert stored(home) == 5


def test_import_refuses_what_it_cannot_read(home, tmp_path):
    xb("init")
    missing = xb("import", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 1 and "no such file" in missing.stderr
    odd = tmp_path / "reports.xlsx"
    odd.write_bytes(b"PK\x03\x04")
    r = xb("import", str(odd))
    assert r.exit_code == 1 and "--format" in r.stderr
    headless = tmp_path / "bad.csv"
    headless.write_text("when,what\n1,2\n")
    r = xb("import", str(headless))
    assert r.exit_code == 1 and "lacks country, text" in r.stderr
    assert stored(home) == 0


def test_a_killed_import_loses_nothing_committed_and_a_rerun_finishes(home, tmp_path):
    xb("init")
    total = 3000
    rows = [{"external_id": f"bulk-{i}", "country": "TH", "channel": "sms",
             "text": f"Loan approved, pay the fee to 08{i:08d} via LINE id loan{i % 50}", "loss_amount": "",
             "loss_currency": "", "reporter_name": ""} for i in range(total)]
    path = write_csv(tmp_path / "bulk.csv", rows)
    env = {**os.environ, "XBORDER_HOME": str(home)}
    proc = subprocess.Popen([sys.executable, "-m", "xborder.cli", "import", str(path)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while stored(home) < 200 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = stored(home)
    assert 0 < partial < total
    finish = xb("import", str(path))
    assert finish.exit_code == 0, finish.stderr
    assert f"{total - partial} added, {partial} already present" in finish.stdout
    assert stored(home) == total
    assert xb("audit", "verify").exit_code == 0


def test_audit_verify_fails_loudly_on_tampering(home):
    xb("init")
    xb("user", "add", "anan", "--role", "analyst")
    xb("user", "add", "bopha", "--role", "investigator")
    assert "intact: 2 rows" in xb("audit", "verify").stdout
    engine = create_engine(f"sqlite:///{home / 'xborder.db'}")
    with engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("UPDATE audit_log SET actor = 'cli:someone-else' WHERE seq = 1"))
    engine.dispose()
    r = xb("audit", "verify")
    assert r.exit_code == 1 and "tampered: row 1" in r.stderr


def test_extract_reads_any_bytes_and_prints_json_lines(home):
    r = CliRunner().invoke(app, ["extract", "--country", "TH"],
                           input="โทร ๐๘๑-๒๓๔-๕๖๗๘ หรือ hxxps://kbank-secure[.]top/login \xff".encode() + b"\xff\xfe")
    assert r.exit_code == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert {(x["kind"], x["value"]) for x in rows} == {
        ("phone", "+66812345678"), ("url", "https://kbank-secure.top/login"), ("domain", "kbank-secure.top")}
    assert "not valid UTF-8" in r.stderr
    bad = xb("extract", "--country", "XX")
    assert bad.exit_code == 1 and "unknown country" in bad.stderr


def test_a_bad_database_url_is_a_message_not_a_traceback(home, monkeypatch):
    monkeypatch.setenv("XBORDER_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    r = xb("init")
    assert r.exit_code == 1 and "cannot use the database" in r.stderr and "Traceback" not in r.stderr
    monkeypatch.setenv("XBORDER_DATABASE_URL", "nosuchdb://x")
    r = xb("init")
    assert r.exit_code == 1 and "Can't load plugin" in r.stderr


def test_link_full_and_pending_from_the_command_line(home, tmp_path):
    xb("init")
    rows = [{"external_id": f"n-{i}", "country": "TH", "channel": "sms", "text": f"โอนไปที่ 08123456{i % 3:02d}",
             "loss_amount": "", "loss_currency": "", "reporter_name": ""} for i in range(9)]
    assert xb("import", str(write_csv(tmp_path / "n.csv", rows))).exit_code == 0
    full = xb("link", "--full")
    assert full.exit_code == 0 and "9 reports in 3 networks: 3 kept their id, 0 new" in full.stdout
    assert "linked 0 pending" in xb("link", "--pending").stdout
    neither = xb("link")
    assert neither.exit_code == 1 and "--pending or --full" in neither.stderr
