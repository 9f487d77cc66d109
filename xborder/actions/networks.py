"""Network maintenance: finish linking for reports stored unlinked, re-split what intake placed provisionally."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select, update

from xborder.actions.linking import link_report
from xborder.actions.recompute import resplit_pending
from xborder.core.actors import Actor
from xborder.core.clock import as_utc, utcnow
from xborder.link.incremental import decide_links
from xborder.node import Node
from xborder.store.audit import append_audit
from xborder.store.tables import indicators, network_members, observations, reports


def link_pending(node: Node, *, acting: Actor, limit: int | None = None) -> int:
    """Link every report flagged relink_needed, oldest first; returns how many were flagged.

    Two kinds of report carry the flag. One whose linking failed at intake
    has no network: it is linked now, each in its own transaction, so a
    failure leaves the remaining ones flagged for the next run. One that
    intake placed provisionally in a component above giant_size has a
    network: its whole component is then re-split as `xborder link --full`
    would (`recompute.resplit_pending`), which clears the flags.
    """
    params = node.settings.link_params
    with node.engine.connect() as conn:
        q = select(reports.c.id).where(reports.c.relink_needed.is_(True)).order_by(reports.c.id)
        pending: list[int] = list(conn.execute(q.limit(limit) if limit else q).scalars())
    for report_id in pending:
        with node.engine.begin() as conn:
            row = conn.execute(select(reports.c.country, reports.c.loss_thb, reports.c.reported_at,
                                      reports.c.relink_needed).where(reports.c.id == report_id)).one()
            placed = conn.execute(select(network_members.c.network_id)
                                  .where(network_members.c.report_id == report_id)).first()
            if not row.relink_needed or placed is not None:
                continue
            cited = conn.execute(
                select(observations.c.indicator_id, indicators.c.report_count)
                .join(indicators, indicators.c.id == observations.c.indicator_id)
                .where(observations.c.report_id == report_id, indicators.c.warninglist.is_(None))
                .distinct().order_by(observations.c.indicator_id)
            ).all()
            # Degrees of now, as a recompute would use: a value that became a
            # hub while the report waited links nothing.
            decision = decide_links([c[0] for c in cited], [c[1] for c in cited], params)
            now = utcnow()
            result = link_report(conn, report_id=report_id, indicator_ids=list(decision.link), country=row.country,
                                 loss_thb=None if row.loss_thb is None else Decimal(str(row.loss_thb)),
                                 reported_at=as_utc(row.reported_at), now=now, params=params)
            if not result.provisional:
                conn.execute(update(reports).where(reports.c.id == report_id).values(relink_needed=False))
            append_audit(conn, acting=acting, action="link_pending", object_type="report", object_id=report_id,
                         details={"network_id": result.network_id, "merged": list(result.merged),
                                  "provisional": result.provisional}, at=now)
    resplit_pending(node, acting=acting)
    return len(pending)
