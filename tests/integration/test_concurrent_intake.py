"""Writers in parallel: no lost report, no "database is locked", an unbroken audit chain."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from xborder.actions.reports import submit_report
from xborder.core.actors import ANONYMOUS
from xborder.core.intake import check_report
from xborder.store.audit import verify_chain
from xborder.store.tables import network_members, networks, reports


def test_parallel_submissions_keep_every_report_and_the_chain(node):
    def worker(w: int) -> list[int]:
        ids = []
        for i in range(20):
            # every worker reuses the same two phones, written in opposite
            # orders, so all of them race to lock the same rows and network
            phones = ("081-234-5678", "089-765-4321") if w % 2 else ("089-765-4321", "081-234-5678")
            text = f"Worker {w} report {i}: the agent called from {phones[0]}, then from {phones[1]}"
            ids.append(submit_report(node, check_report({"country": "TH", "text": text,
                                                         "external_id": f"w{w}-{i}"}),
                                     acting=ANONYMOUS).report_id)
        return ids

    with ThreadPoolExecutor(4) as pool:
        ids = [i for chunk in pool.map(worker, range(4)) for i in chunk]
    # the same external ids again, in parallel: nothing new is stored
    with ThreadPoolExecutor(4) as pool:
        again = [i for chunk in pool.map(worker, range(4)) for i in chunk]

    assert sorted(again) == sorted(ids) and len(set(ids)) == 80
    with node.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(reports)).scalar_one() == 80
        live = conn.execute(select(networks.c.id, networks.c.report_count)
                            .where(networks.c.status == "active")).all()
        members = conn.execute(select(func.count()).select_from(network_members)).scalar_one()
        check = verify_chain(conn)
        stranded = conn.execute(select(func.count()).select_from(reports)
                                .where(reports.c.relink_needed.is_(True))).scalar_one()
    assert stranded == 0  # no deadlock pushed a report onto the unlinked path
    assert len(live) == 1 and live[0].report_count == members == 80
    assert check.ok and check.rows == 80
