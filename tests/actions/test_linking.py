"""Intake linking and `xborder link --full` give the same partition, giants included."""

from collections import defaultdict
from dataclasses import replace

import numpy as np
from sqlalchemy import select

from xborder.actions.networks import link_pending
from xborder.actions.recompute import recompute_networks
from xborder.actions.reports import submit_report
from xborder.core.actors import ANONYMOUS
from xborder.core.intake import check_report
from xborder.link.params import LinkParams
from xborder.link.partition import partition
from xborder.link.synthetic import synthetic_graph
from xborder.store.tables import network_members, networks, reports

PARAMS = LinkParams(hub_degree=25, giant_size=60)


def _groups(node) -> list[list[int]]:
    """The stored partition as sorted lists of generated report ids."""
    with node.engine.connect() as conn:
        rows = conn.execute(select(reports.c.external_id, network_members.c.network_id)
                            .join(network_members, network_members.c.report_id == reports.c.id)).all()
    out = defaultdict(list)
    for external_id, network_id in rows:
        out[network_id].append(int(external_id))
    return sorted(sorted(g) for g in out.values())


def _flagged(node) -> int:
    with node.engine.connect() as conn:
        return len(conn.execute(select(reports.c.id).where(reports.c.relink_needed.is_(True))).all())


def test_intake_and_full_recompute_agree_when_components_grow_past_giant_size(node):
    node.settings = replace(node.settings, link_params=PARAMS)
    g = synthetic_graph(420, seed=5, max_gang=90, n_hubs=1, hub_degrees=(30, 40), n_generic=4,
                        generic_degrees=(6, 18), bridge_share=0.02)
    full = partition(g.report_ids, g.obs_report, g.obs_indicator, params=PARAMS)
    sizes = np.bincount(full.components)
    # The data exercise what this test is about: components above giant_size
    # that the rule splits, and an indicator that becomes a hub on the way.
    assert sizes.max() > PARAMS.giant_size and full.n_networks > len(sizes)
    assert len(full.hub_ids) >= 1

    cites = defaultdict(set)
    for r, i in zip(g.obs_report.tolist(), g.obs_indicator.tolist()):
        cites[r].add(i)
    flagged_seen = 0
    for k, r in enumerate(g.report_ids.tolist()):  # arrival order is id order
        numbers = " และ ".join(f"0{810000000 + i}" for i in sorted(cites[r]))
        body = check_report({"country": "TH", "channel": "sms", "external_id": str(r),
                             "text": f"โอนเงินแล้ว โทร {numbers}"})
        done = submit_report(node, body, acting=ANONYMOUS)
        assert len(done.indicators) == len(cites[r])
        if k % 150 == 149:  # the job a deployment runs every few minutes
            flagged_seen = max(flagged_seen, _flagged(node))
            link_pending(node, acting=ANONYMOUS)
    flagged_seen = max(flagged_seen, _flagged(node))
    link_pending(node, acting=ANONYMOUS)
    assert flagged_seen > 0  # intake did meet components above giant_size
    assert _flagged(node) == 0

    expected = sorted(sorted(x.tolist()) for x in full.groups())
    assert _groups(node) == expected

    # The full recompute over the same store finds nothing to change.
    done = recompute_networks(node, acting=ANONYMOUS)
    assert (done.new_ids, done.retired, done.events) == (0, 0, 0)
    assert _groups(node) == expected


def test_split_pieces_share_a_component_key_and_whole_components_have_none(node):
    node.settings = replace(node.settings, link_params=PARAMS)
    g = synthetic_graph(300, seed=2, max_gang=90, n_hubs=0, n_generic=3, generic_degrees=(6, 18))
    cites = defaultdict(set)
    for r, i in zip(g.obs_report.tolist(), g.obs_indicator.tolist()):
        cites[r].add(i)
    for r in g.report_ids.tolist():
        numbers = " และ ".join(f"0{810000000 + i}" for i in sorted(cites[r]))
        submit_report(node, check_report({"country": "TH", "external_id": str(r), "text": f"โทร {numbers}"}),
                      acting=ANONYMOUS)
    recompute_networks(node, acting=ANONYMOUS)
    full = partition(g.report_ids, g.obs_report, g.obs_indicator, params=PARAMS)
    with node.engine.connect() as conn:
        rows = conn.execute(select(reports.c.external_id, networks.c.id, networks.c.component)
                            .join(network_members, network_members.c.report_id == reports.c.id)
                            .join(networks, networks.c.id == network_members.c.network_id)).all()
    key_of = {int(e): k for e, _, k in rows}
    network_of = {int(e): n for e, n, _ in rows}
    component = dict(zip(g.report_ids.tolist(), full.components.tolist()))
    sizes = np.bincount(full.components)
    for r, c in component.items():
        if sizes[c] > PARAMS.giant_size:
            pieces = {network_of[x] for x, cx in component.items() if cx == c}
            assert key_of[r] == min(pieces)
        else:
            assert key_of[r] is None
    assert any(k is not None for k in key_of.values())


def test_a_raising_linker_never_costs_the_report_and_link_pending_finishes(node, client, headers, monkeypatch,
                                                                           caplog, tmp_path):
    import xborder.actions.reports as intake
    from typer.testing import CliRunner

    from xborder.cli import app

    first = client.post("/api/v1/reports", json={"country": "TH", "external_id": "a-1",
                                                 "text": "โทรมาจาก 081-234-5678 ให้โอนเงิน"})
    assert first.status_code == 201
    real = intake.link_report

    def broken(*args, **kwargs):
        raise RuntimeError("graph store down")

    monkeypatch.setattr(intake, "link_report", broken)
    with caplog.at_level("ERROR", logger="xborder.actions.reports"):
        stranded = client.post("/api/v1/reports", json={"country": "TH", "external_id": "a-2",
                                                        "text": "Again 0812345678 called me"})
    assert stranded.status_code == 201
    assert "graph store down" in caplog.text
    got = client.get(f"/api/v1/reports/{stranded.json()['id']}", headers=headers["analyst"]).json()
    assert got["relink_needed"] is True and got["network"] is None
    monkeypatch.setattr(intake, "link_report", real)

    for key in [k for k in __import__("os").environ if k.startswith("XBORDER_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("XBORDER_HOME", str(tmp_path / "cli-home"))
    monkeypatch.setenv("XBORDER_DATABASE_URL", node.settings.database_url)
    monkeypatch.setenv("XBORDER_SECRET_KEY", node.settings.secret_key)
    import xborder.cli as cli

    opened = []
    real_node = cli._node
    # The command's process would exit and close its pool; in-process, close it here.
    monkeypatch.setattr(cli, "_node", lambda *a, **k: opened.append(real_node(*a, **k)) or opened[-1])
    run = CliRunner().invoke(app, ["link", "--pending"])
    for n in opened:
        n.close()
    assert run.exit_code == 0 and "linked 1 pending" in run.stdout
    got = client.get(f"/api/v1/reports/{stranded.json()['id']}", headers=headers["analyst"]).json()
    assert got["relink_needed"] is False and got["network"]["id"] == first.json()["network_id"] is not None
