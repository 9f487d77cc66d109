"""Analysts' labels: the latest per report, and the confirmed set for training."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Connection, func, select

from xborder.store.tables import labels, reports


def report_labels(conn: Connection, report_id: int):
    return conn.execute(select(labels).where(labels.c.report_id == report_id).order_by(labels.c.id)).all()


def confirmed_labels(conn: Connection) -> Iterator[tuple[str, str]]:
    """(text, label) for every labelled report, the latest label winning."""
    latest = (select(labels.c.report_id, func.max(labels.c.id).label("last_id"))
              .group_by(labels.c.report_id).subquery())
    rows = conn.execute(
        select(reports.c.text, labels.c.label)
        .join(latest, latest.c.report_id == reports.c.id)
        .join(labels, labels.c.id == latest.c.last_id)
        .order_by(reports.c.id)
    )
    for text, label in rows:
        yield str(text), str(label)
