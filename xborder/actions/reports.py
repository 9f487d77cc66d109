"""submit_report: validate, extract, classify, store, link — one transaction."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from xborder.actions.linking import link_report
from xborder.classify import Classification, classify_text
from xborder.core.actors import Actor
from xborder.core.clock import utcnow
from xborder.core.indicators import Indicator
from xborder.core.intake import ReportIn
from xborder.core.money import convert
from xborder.extract import extract
from xborder.node import Node
from xborder.store.audit import append_audit
from xborder.store.indicators import upsert_indicator
from xborder.store.tables import network_members, observations, reporter_contacts, reports

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Submitted:
    report_id: int
    created: bool
    network_id: int | None
    indicators: tuple[Indicator, ...] = ()
    classification: Classification | None = None


def submit_report(node: Node, report: ReportIn, *, acting: Actor, source: str = "api") -> Submitted:
    """Store a checked report with its indicators and link it into networks.

    Idempotent by external_id: a report seen before is returned, not stored
    again. Linking runs in a savepoint; if it fails, the report is still
    stored and flagged for `xborder link --pending`.
    """
    found = extract(report.text, country=report.country)
    verdict = classify_text(report.text, indicators=found)
    loss_thb = None
    if report.loss is not None:
        loss_thb = convert(report.loss.amount, report.loss.currency, "THB", node.settings.rates_per_usd)
    try:
        with node.engine.begin() as conn:
            if report.external_id is not None:
                existing = _existing(conn, report.external_id)
                if existing is not None:
                    return existing
            return _store(conn, node, report, found, verdict, loss_thb, acting=acting, source=source)
    except IntegrityError:
        # Another writer stored the same external_id between our check and insert.
        if report.external_id is None:
            raise
        with node.engine.connect() as conn:
            existing = _existing(conn, report.external_id)
        if existing is None:
            raise
        return existing


def _existing(conn: Connection, external_id: str) -> Submitted | None:
    row = conn.execute(
        select(reports.c.id, network_members.c.network_id)
        .outerjoin(network_members, network_members.c.report_id == reports.c.id)
        .where(reports.c.external_id == external_id)
    ).first()
    return None if row is None else Submitted(report_id=row.id, created=False, network_id=row.network_id)


def _store(conn: Connection, node: Node, report: ReportIn, found: list[Indicator], verdict: Classification,
           loss_thb: Decimal | None, *, acting: Actor, source: str) -> Submitted:
    now = utcnow()
    report_id = conn.execute(insert(reports).values(
        external_id=report.external_id, country=report.country, channel=report.channel, text=report.text,
        language=verdict.language, scam_probability=verdict.scam_probability, scam_type=verdict.scam_type,
        province=report.province,
        loss_amount=report.loss.amount if report.loss else None,
        loss_currency=report.loss.currency if report.loss else None,
        loss_thb=loss_thb, reported_at=report.reported_at, incident_at=report.incident_at,
        created_at=now, source=source, status="new", relink_needed=False,
    ).returning(reports.c.id)).scalar_one()

    if report.reporter is not None:
        sealed = node.box.seal(report.reporter.model_dump(exclude_none=True))
        conn.execute(insert(reporter_contacts).values(report_id=report_id, ciphertext=sealed))

    ids: dict[tuple[str, str], int] = {}
    linkable: list[int] = []
    for ind in found:
        key = (ind.kind, ind.value)
        if key not in ids:
            ids[key] = upsert_indicator(conn, kind=ind.kind, value=ind.value, warninglist=ind.warninglist,
                                        seen_at=report.reported_at)
            if ind.warninglist is None:
                linkable.append(ids[key])
    rows = {(ids[(i.kind, i.value)], i.start): i for i in found}
    if rows:
        conn.execute(insert(observations), [
            {"report_id": report_id, "indicator_id": iid, "span_start": start, "span_end": ind.end,
             "role": "mentioned"}
            for (iid, start), ind in rows.items()
        ])

    network_id = None
    try:
        with conn.begin_nested():
            network_id = link_report(conn, report_id=report_id, indicator_ids=linkable, country=report.country,
                                     loss_thb=loss_thb, reported_at=report.reported_at, now=now).network_id
    except Exception:
        log.exception("linking report %s failed; flagged for xborder link --pending", report_id)
        conn.execute(update(reports).where(reports.c.id == report_id).values(relink_needed=True))

    append_audit(conn, acting=acting, action="submit_report", object_type="report", object_id=report_id,
                 details={"external_id": report.external_id, "source": source, "indicators": len(ids),
                          "network_id": network_id}, at=now)
    return Submitted(report_id=report_id, created=True, network_id=network_id, indicators=tuple(found),
                     classification=verdict)
