"""Analysts' marks on indicators, and the evidence an indicator's risk is scored from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, select

from xborder.link.indicator_risk import VERDICT_EVIDENCE, Evidence
from xborder.store.tables import indicator_marks, observations, reports

# There is no partner data yet: a report that came in from a partner is the
# partner's sighting, and the partner is known only by the report's country.
PARTNER_SOURCE = "partner"


def indicator_mark_rows(conn: Connection, indicator_id: int) -> Sequence[Row[Any]]:
    """Every mark on the indicator, oldest first."""
    return conn.execute(
        select(indicator_marks).where(indicator_marks.c.indicator_id == indicator_id).order_by(indicator_marks.c.id)
    ).all()


def risk_evidence(conn: Connection, indicator_id: int) -> list[Evidence]:
    """Reports (one source each), partner sightings (one source per partner) and marks (one per actor)."""
    mentioned = select(observations.c.report_id).where(observations.c.indicator_id == indicator_id)
    rows = conn.execute(
        select(reports.c.id, reports.c.reported_at, reports.c.source, reports.c.country)
        .where(reports.c.id.in_(mentioned)).order_by(reports.c.id)
    ).all()
    evidence = [
        Evidence("sighting", r.reported_at, f"partner:{r.country}") if r.source == PARTNER_SOURCE
        else Evidence("report", r.reported_at, f"report:{r.id}")
        for r in rows
    ]
    evidence += [Evidence(VERDICT_EVIDENCE[m.verdict], m.created_at, m.actor)
                 for m in indicator_mark_rows(conn, indicator_id)]
    return evidence
