"""The analysts' feedback loop: label -> train -> the new version serves -> roll back."""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from xborder.classify import classify_text
from xborder.cli import app


@pytest.fixture
def home(tmp_path, monkeypatch):
    for key in list(os.environ):
        if key.startswith("XBORDER_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("XBORDER_HOME", str(tmp_path / "home"))
    yield tmp_path / "home"
    from xborder.classify.loading import set_registry_dir

    set_registry_dir(None)  # later tests in this process classify with the shipped model again


def xb(*args):
    return CliRunner().invoke(app, list(args))


def test_labels_feed_training_and_a_version_can_be_rolled_back(home, tmp_path):
    from xborder.actions.labels import confirm_label
    from xborder.actions.reports import submit_report
    from xborder.core.actors import CLI
    from xborder.core.intake import check_report
    from xborder.node import open_node

    assert xb("init").exit_code == 0
    node = open_node()
    shipped = classify_text("hello").model_version
    ids = [submit_report(node, check_report({"country": "KH", "text": t}), acting=CLI).report_id
           for t in ("សួស្តី ការងារងាយៗ រកលុយ 500$ ក្នុងមួយថ្ងៃ ទាក់ទង Telegram @easyjob_kh",
                     "ขอบคุณที่ใช้บริการ พัสดุของท่านจัดส่งแล้ว")]
    confirm_label(node, ids[0], "employment", acting=CLI)
    confirm_label(node, ids[1], "not_scam", acting=CLI)

    trained = xb("model", "train", "--seed", "3")
    assert trained.exit_code == 0, trained.stderr
    version = trained.stdout.split()[1]
    assert version != shipped and classify_text("hello").model_version == version

    from sqlalchemy import select

    from xborder.store.tables import audit_log

    with node.engine.connect() as conn:
        row = conn.execute(select(audit_log.c.details).where(audit_log.c.action == "train_model")).scalar_one()
    assert json.loads(row)["analyst_labels"] == 2

    listed = xb("model", "list").stdout
    assert f"* {version}" in listed and shipped in listed

    report = tmp_path / "eval.json"
    evaluated = xb("model", "evaluate", "--json", str(report))
    assert evaluated.exit_code == 0 and "confusion matrix" in evaluated.stdout
    metrics = json.loads(report.read_text())
    assert metrics["model_version"] == version
    assert set(metrics["type"]["type_head"]["per_class"]) >= {"phishing", "romance", "drugs"}

    assert xb("model", "use", shipped).exit_code == 0
    assert classify_text("hello").model_version == shipped
    bad = xb("model", "use", "no-such-version")
    assert bad.exit_code == 1 and "unknown model version" in bad.stderr
    node.close()
