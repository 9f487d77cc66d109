"""xborder link --full: the same partition as incremental intake, the same ids,
history for merges and splits, and an atomic swap."""

from __future__ import annotations

from collections import defaultdict

import pytest
from sqlalchemy import func, select

from xborder.actions.recompute import recompute_networks
from xborder.actions.reports import submit_reports
from xborder.core.actors import Actor
from xborder.core.intake import check_report
from xborder.demo import generate
from xborder.store.tables import network_events, network_members, networks, reports

LOADER = Actor(kind="node", name="test", role="admin")


def membership(node) -> dict[int, frozenset[int]]:
    by_network: dict[int, set[int]] = defaultdict(set)
    with node.engine.connect() as conn:
        for report_id, network_id in conn.execute(select(network_members.c.report_id, network_members.c.network_id)):
            by_network[network_id].add(report_id)
    return {n: frozenset(r) for n, r in by_network.items()}


def load(node, seed=5, count=500):
    batch = [check_report(r) for r in generate(seed=seed, reports=count).reports]
    for i in range(0, len(batch), 100):
        submit_reports(node, batch[i:i + 100], acting=LOADER, source="test")


def test_full_recompute_gives_the_incremental_partition_and_keeps_every_id(node):
    load(node)
    before = membership(node)
    with node.engine.connect() as conn:
        stats_before = {r.id: (r.report_count, r.countries, str(r.loss_thb)) for r in
                        conn.execute(select(networks).where(networks.c.status == "active"))}
    done = recompute_networks(node, acting=LOADER)
    assert membership(node) == before  # same groups under the same ids
    assert done.new_ids == 0 and done.retired == 0 and done.networks == len(before)
    with node.engine.connect() as conn:
        stats_after = {r.id: (r.report_count, r.countries, str(r.loss_thb)) for r in
                       conn.execute(select(networks).where(networks.c.status == "active"))}
    assert stats_after == stats_before


def test_recompute_records_a_split_and_new_intake_gets_fresh_ids(node):
    from sqlalchemy import delete

    from xborder.actions.reports import submit_report
    from xborder.store.tables import observations

    texts = ["Call 081-234-5678", "Again 081-234-5678 and LINE ID: mule_ring7", "LINE ID: mule_ring7 asked for fees"]
    ids = [submit_report(node, check_report({"country": "TH", "text": t}), acting=LOADER).report_id for t in texts]
    (original,) = membership(node)
    # the analyst-side fix: the bridging report's phone observation was a typo
    with node.engine.begin() as conn:
        conn.execute(delete(observations).where(observations.c.report_id == ids[1],
                                                observations.c.span_start == 6))
    done = recompute_networks(node, acting=LOADER)
    after = membership(node)
    assert sorted(map(sorted, after.values())) == [[ids[0]], [ids[1], ids[2]]]
    assert done.new_ids == 1 and original in after  # the larger part keeps the id
    with node.engine.connect() as conn:
        events = conn.execute(select(network_events.c.event, network_events.c.other_network_id)
                              .where(network_events.c.event == "split")).all()
    assert events == [("split", original)]
    newest = submit_report(node, check_report({"country": "TH", "text": "Unrelated: pay-here-th.shop/x"}),
                           acting=LOADER)
    assert newest.network_id not in after  # the id sequence moved past recompute's explicit ids


def test_a_failed_recompute_leaves_the_old_partition(node, monkeypatch):
    load(node, count=200)
    before = membership(node)
    import xborder.actions.recompute as mod

    def boom(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(mod, "_refresh_all_stats", boom)
    with pytest.raises(RuntimeError):
        recompute_networks(node, acting=LOADER)
    assert membership(node) == before
    with node.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(reports)).scalar_one() == 200


def test_an_indicator_turning_hub_unlinks_what_it_glued_as_a_full_recompute_would(node):
    from dataclasses import replace

    from xborder.actions.reports import submit_report
    from xborder.link.params import LinkParams

    node.settings = replace(node.settings, link_params=LinkParams(hub_degree=3))

    def file(text):
        return submit_report(node, check_report({"country": "TH", "text": text}), acting=LOADER)

    # a courier's real number that nobody warninglisted yet, quoted by victims of two gangs
    a = file("LINE ID: gang_one asked me to call 02-345-6789")
    b = file("LINE ID: gang_two said the courier 02-345-6789 would call")
    assert a.network_id == b.network_id  # glued while the number still looked specific
    file("LINE ID: gang_one again, pay the deposit")
    file("LINE ID: gang_two wanted the fee first")
    c = file("The courier called me from 02-345-6789 twice")
    d = file("Also called by 02-345-6789 about delivery")  # the fourth report: the number is a hub now
    assert d.new_hubs
    incremental = membership(node)
    recompute_networks(node, acting=LOADER)
    assert membership(node) == incremental
    groups = sorted(sorted(g) for g in incremental.values())
    assert [a.report_id, a.report_id + 2] in groups and [b.report_id, b.report_id + 2] in groups
    assert [c.report_id] in groups and [d.report_id] in groups
