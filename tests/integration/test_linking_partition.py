"""Incremental linking on intake gives exactly the connected components of the
stored report-indicator graph (warninglisted indicators excluded)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from xborder.actions.reports import submit_report
from xborder.core.actors import Actor
from xborder.core.intake import check_report
from xborder.demo import generate
from xborder.link.unionfind import components
from xborder.store.tables import indicators, network_members, observations, reports

LOADER = Actor(kind="node", name="test", role="admin")


def test_incremental_networks_equal_recomputed_components(node):
    scenario = generate(seed=5, reports=400)
    for raw in scenario.reports:
        submit_report(node, check_report(raw), acting=LOADER, source="test")

    with node.engine.connect() as conn:
        report_ids = list(conn.execute(select(reports.c.id)).scalars())
        pairs = conn.execute(
            select(observations.c.report_id, observations.c.indicator_id)
            .join(indicators, indicators.c.id == observations.c.indicator_id)
            .where(indicators.c.warninglist.is_(None))
        ).all()
        membership = conn.execute(select(network_members.c.report_id, network_members.c.network_id)).all()

    expected = {frozenset(g) for g in components(report_ids, pairs)}
    by_network: dict[int, set[int]] = defaultdict(set)
    for report_id, network_id in membership:
        by_network[network_id].add(report_id)
    actual = {frozenset(g) for g in by_network.values()}
    assert len(membership) == len(report_ids)
    assert actual == expected
    assert max(len(g) for g in actual) > 10  # the scenario's gangs really did link
