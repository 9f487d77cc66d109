"""Network maintenance actions: finish linking for reports stored unlinked."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select, update

from xborder.actions.linking import link_report
from xborder.core.actors import Actor
from xborder.core.clock import as_utc, utcnow
from xborder.node import Node
from xborder.store.audit import append_audit
from xborder.store.tables import indicators, observations, reports


def link_pending(node: Node, *, acting: Actor, limit: int | None = None) -> int:
    """Link every report flagged relink_needed, oldest first; returns how many.

    Each report is linked in its own transaction, so a failure leaves the
    remaining ones flagged for the next run.
    """
    with node.engine.connect() as conn:
        q = select(reports.c.id).where(reports.c.relink_needed.is_(True)).order_by(reports.c.id)
        pending: list[int] = list(conn.execute(q.limit(limit) if limit else q).scalars())
    for report_id in pending:
        with node.engine.begin() as conn:
            row = conn.execute(select(reports.c.country, reports.c.loss_thb, reports.c.reported_at,
                                      reports.c.relink_needed).where(reports.c.id == report_id)).one()
            if not row.relink_needed:
                continue
            linkable: list[int] = list(conn.execute(
                select(observations.c.indicator_id)
                .join(indicators, indicators.c.id == observations.c.indicator_id)
                .where(observations.c.report_id == report_id, indicators.c.warninglist.is_(None))
                .distinct()
            ).scalars())
            now = utcnow()
            result = link_report(conn, report_id=report_id, indicator_ids=linkable, country=row.country,
                                 loss_thb=None if row.loss_thb is None else Decimal(str(row.loss_thb)),
                                 reported_at=as_utc(row.reported_at), now=now)
            conn.execute(update(reports).where(reports.c.id == report_id).values(relink_needed=False))
            append_audit(conn, acting=acting, action="link_pending", object_type="report", object_id=report_id,
                         details={"network_id": result.network_id, "merged": list(result.merged)}, at=now)
    return len(pending)
