"""An analyst confirms or corrects what a report is."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, select, update

from xborder.core.actors import Actor
from xborder.core.clock import utcnow
from xborder.core.taxonomy import NOT_SCAM, SCAM_TYPES
from xborder.node import Node
from xborder.store.audit import append_audit
from xborder.store.tables import labels, reports

LABELS = (*SCAM_TYPES, NOT_SCAM)


class LabelError(ValueError):
    pass


@dataclass(frozen=True)
class Labelled:
    label_id: int
    report_id: int
    label: str
    previous: str
    confirmed: bool


def check_label(label: str) -> str:
    if label not in LABELS:
        raise LabelError(f"unknown label {label!r}; labels: {', '.join(LABELS)}")
    return label


def confirm_label(node: Node, report_id: int, label: str, *, acting: Actor, note: str | None = None) -> Labelled:
    """Record the analyst's label and make it the report's scam type.

    `confirmed` is true when the analyst agreed with what the report already
    said, false when they corrected it. The next `xborder model train` learns
    from every labelled report.
    """
    check_label(label)
    with node.engine.begin() as conn:
        previous = conn.execute(select(reports.c.scam_type).where(reports.c.id == report_id)).scalar_one_or_none()
        if previous is None:
            raise LookupError(f"no report {report_id}")
        now = utcnow()
        label_id = conn.execute(insert(labels).values(
            report_id=report_id, label=label, user_id=acting.user_id, actor=acting.label, note=note, created_at=now,
        ).returning(labels.c.id)).scalar_one()
        conn.execute(update(reports).where(reports.c.id == report_id).values(scam_type=label, status="labelled"))
        append_audit(conn, acting=acting, action="confirm_label", object_type="report", object_id=report_id,
                     details={"label": label, "previous": previous}, at=now)
    return Labelled(label_id, report_id, label, previous, previous == label)
