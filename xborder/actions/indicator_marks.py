"""An analyst confirms an indicator or marks it a false positive."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert

from xborder.core.actors import Actor
from xborder.core.clock import utcnow
from xborder.link.indicator_risk import VERDICT_EVIDENCE, explain_risk
from xborder.node import Node
from xborder.store.audit import append_audit
from xborder.store.indicators import get_indicator
from xborder.store.marks import risk_evidence
from xborder.store.tables import indicator_marks

VERDICTS = tuple(VERDICT_EVIDENCE)


@dataclass(frozen=True)
class Marked:
    mark_id: int
    indicator_id: int
    kind: str
    value: str
    verdict: str
    risk: dict[str, Any]  # link.indicator_risk.explain_risk, with this mark counted


def check_verdict(verdict: str) -> str:
    if verdict not in VERDICTS:
        raise ValueError(f"unknown verdict {verdict!r}; verdicts: {', '.join(VERDICTS)}")
    return verdict


def mark_indicator(node: Node, kind: str, value: str, verdict: str, *, acting: Actor,
                   note: str | None = None) -> Marked:
    """Record the verdict on the indicator (kind, canonical value); its risk follows the latest verdict.

    LookupError when the node has never seen the indicator: a mark is an
    opinion about evidence, and there is none.
    """
    check_verdict(verdict)
    with node.engine.begin() as conn:
        row = get_indicator(conn, kind, value)
        if row is None:
            raise LookupError(f"{kind} {value} is not known to this node")
        now = utcnow()
        mark_id: int = conn.execute(insert(indicator_marks).values(
            indicator_id=row.id, verdict=verdict, actor=acting.label, note=note, created_at=now,
        ).returning(indicator_marks.c.id)).scalar_one()
        append_audit(conn, acting=acting, action="mark_indicator", object_type="indicator", object_id=row.id,
                     details={"kind": kind, "value": value, "verdict": verdict, "mark_id": mark_id}, at=now)
        risk = explain_risk(row.kind, row.warninglist, risk_evidence(conn, row.id), now)
    return Marked(mark_id, row.id, row.kind, row.value, verdict, risk)
