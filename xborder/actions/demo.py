"""Fill a fresh node with the synthetic TH/KH scenario of xborder.demo."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select

from xborder.actions.access import create_token
from xborder.actions.reports import submit_reports
from xborder.core.actors import Actor
from xborder.core.intake import ReportError, ReportIn, check_report
from xborder.node import Node
from xborder.store.tables import indicators, networks, reports

DEMO = Actor(kind="node", name="demo", role="admin")


class DemoError(RuntimeError):
    pass


@dataclass(frozen=True)
class DemoBuilt:
    reports: int
    networks: int
    cross_border: int
    indicators: int
    token: str


def build_demo(node: Node, *, seed: int, count: int, on_report: Callable[[], None] = lambda: None) -> DemoBuilt:
    from xborder.demo import generate

    with node.engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(reports)).scalar_one():
            raise DemoError("the demo needs an empty database")
    scenario = generate(seed=seed, reports=count)
    batch: list[ReportIn] = []
    for raw in scenario.reports:
        try:
            batch.append(check_report(raw))
        except ReportError as exc:
            raise DemoError(f"the generator made an invalid report {raw.get('external_id')}: {exc}") from None
        if len(batch) == 500:
            _submit(node, batch, on_report)
    _submit(node, batch, on_report)
    token = create_token(node, "analyst", acting=DEMO, name="demo-analyst").token
    with node.engine.connect() as conn:
        active = (networks.c.status == "active") & (networks.c.report_count >= 2)
        n_networks = conn.execute(select(func.count()).select_from(networks).where(active)).scalar_one()
        n_cross = conn.execute(select(func.count()).select_from(networks)
                               .where(active, networks.c.countries.contains(","))).scalar_one()
        n_reports = conn.execute(select(func.count()).select_from(reports)).scalar_one()
        n_indicators = conn.execute(select(func.count()).select_from(indicators)).scalar_one()
    return DemoBuilt(n_reports, n_networks, n_cross, n_indicators, token)


def _submit(node: Node, batch: list[ReportIn], on_report: Callable[[], None]) -> None:
    for _ in submit_reports(node, batch, acting=DEMO, source="demo"):
        on_report()
    batch.clear()
