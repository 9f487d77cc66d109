"""submit_report: validate, extract, classify, store, link — one transaction."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection, bindparam, select, update

from xborder.actions.linking import link_report
from xborder.actions.recompute import repartition_around
from xborder.classify import Classification, classify_text
from xborder.core.actors import Actor
from xborder.core.clock import utcnow
from xborder.core.indicators import Indicator
from xborder.core.intake import ReportIn
from xborder.core.money import convert
from xborder.extract import canonicalize, extract
from xborder.link.incremental import decide_links
from xborder.node import Node
from xborder.store.audit import append_audit
from xborder.store.intake_writes import IntakeWriter
from xborder.store.tables import network_members, reports

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Submitted:
    report_id: int
    created: bool
    network_id: int | None
    indicators: tuple[Indicator, ...] = ()
    classification: Classification | None = None
    new_hubs: tuple[int, ...] = ()  # indicators this report made hubs


def submit_report(node: Node, report: ReportIn, *, acting: Actor, source: str = "api") -> Submitted:
    """Store a checked report with its indicators and link it into networks.

    Idempotent by external_id: a report seen before is returned, not stored
    again. If linking fails, the report is stored without it and flagged for
    `xborder link --pending`.
    """
    return submit_reports(node, [report], acting=acting, source=source)[0]


def submit_reports(node: Node, batch: Sequence[ReportIn], *, acting: Actor, source: str) -> list[Submitted]:
    """submit_report for many reports in one transaction (bulk import, demo).

    Each report still gets its own rows and its own audit row; sharing the
    commit is what makes bulk intake fast, since SQLite writes every touched
    page once per commit. If the batch fails, each report is retried alone so
    one bad report cannot sink the others.
    """
    prepared = [_prepare(node, r) for r in batch]
    try:
        with node.engine.begin() as conn:
            done = [_store(conn, node, *p, acting=acting, source=source) for p in prepared]
    except Exception:
        if len(prepared) == 1:
            # Linking must never cost a victim their report: store it unlinked,
            # flagged, and let `xborder link --pending` finish the job.
            log.exception("storing report with linking failed; storing it unlinked")
            with node.engine.begin() as conn:
                return [_store(conn, node, *prepared[0], acting=acting, source=source, link=False)]
        log.exception("a batch of %d reports failed; storing them one by one", len(prepared))
        return [submit_report(node, r, acting=acting, source=source) for r in batch]
    hubs = sorted({h for d in done for h in d.new_hubs})
    if hubs:
        # After the commit, in its own transaction: the reports are safe
        # whatever happens here, and `xborder link --full` would redo it.
        try:
            repartition_around(node, hubs, acting=acting)
        except Exception:
            log.exception("re-partitioning around new hubs %s failed; run xborder link --full", hubs)
    return done


def _prepare(node: Node, report: ReportIn) -> tuple[ReportIn, list[Indicator], Classification, Decimal | None]:
    found = extract(report.text, country=report.country)
    verdict = classify_text(report.text, indicators=found)
    own = _reporters_own(report)
    if own:
        # "They called my number 081-..." names the victim, not the gang: the
        # victim's own contact is personal data, so it becomes no indicator
        # (nothing to link, score, look up or share; redacted narratives cut it).
        found = [i for i in found if (i.kind, i.value) not in own]
    loss_thb = None
    if report.loss is not None:
        loss_thb = convert(report.loss.amount, report.loss.currency, "THB", node.settings.rates_per_usd)
    return report, found, verdict, loss_thb


# The reporter's contact fields and the indicator kinds each may appear as in the text.
_OWN_KINDS = {"phone": ("phone", "promptpay"), "email": ("email",), "national_id": ("national_id", "promptpay")}


def _reporters_own(report: ReportIn) -> set[tuple[str, str]]:
    """(kind, canonical value) of the reporter's own phone, e-mail and ID number."""
    own: set[tuple[str, str]] = set()
    if report.reporter is None:
        return own
    for field, kinds in _OWN_KINDS.items():
        raw = getattr(report.reporter, field)
        if not raw:
            continue
        for kind in kinds:
            try:
                own.add((kind, canonicalize(kind, raw, report.country)))
            except ValueError:
                continue  # not readable as this kind: nothing in the text can equal it
    return own


_BY_EXTERNAL_ID = (
    select(reports.c.id, network_members.c.network_id)
    .outerjoin(network_members, network_members.c.report_id == reports.c.id)
    .where(reports.c.external_id == bindparam("external_id"))
)


def _existing(conn: Connection, external_id: str) -> Submitted | None:
    row = conn.execute(_BY_EXTERNAL_ID, {"external_id": external_id}).first()
    return None if row is None else Submitted(report_id=row.id, created=False, network_id=row.network_id)


_INSERT_REPORT = (
    "INSERT INTO reports (external_id, country, channel, text, language, scam_probability, scam_type, province, "
    "loss_amount, loss_currency, loss_thb, reported_at, incident_at, created_at, source, status, relink_needed, tlp) "
    "VALUES (:external_id, :country, :channel, :text, :language, :scam_probability, :scam_type, :province, "
    ":loss_amount, :loss_currency, :loss_thb, :reported_at, :incident_at, :created_at, :source, 'new', :relink, :tlp) "
    "ON CONFLICT (external_id) DO NOTHING RETURNING id"
)
_INSERT_CONTACT = ("INSERT INTO reporter_contacts (report_id, ciphertext, victim_key) "
                   "VALUES (:report_id, :ciphertext, :victim_key)")
_UPSERT_INDICATOR = (
    "INSERT INTO indicators (kind, value, warninglist, report_count, first_seen, last_seen) "
    "VALUES (:kind, :value, :warninglist, 1, :seen, :seen) "
    "ON CONFLICT (kind, value) DO UPDATE SET report_count = indicators.report_count + 1, "
    "first_seen = CASE WHEN excluded.first_seen < indicators.first_seen "
    "THEN excluded.first_seen ELSE indicators.first_seen END, "
    "last_seen = CASE WHEN excluded.last_seen > indicators.last_seen "
    "THEN excluded.last_seen ELSE indicators.last_seen END, "
    "warninglist = excluded.warninglist RETURNING id, report_count"
)
_INSERT_OBSERVATION = ("INSERT INTO observations (report_id, indicator_id, span_start, span_end, role) "
                       "VALUES (:report_id, :indicator_id, :start, :end, 'mentioned')")


def _store(conn: Connection, node: Node, report: ReportIn, found: list[Indicator], verdict: Classification,
           loss_thb: Decimal | None, *, acting: Actor, source: str, link: bool = True) -> Submitted:
    # ON CONFLICT DO NOTHING makes a repeated external_id a no-op even when two
    # writers race: PostgreSQL makes the second wait for the first to commit.
    now = utcnow()
    loss = report.loss
    db = IntakeWriter(conn)
    row = db.one(_INSERT_REPORT, {
        "external_id": report.external_id, "country": report.country, "channel": report.channel,
        "text": report.text, "language": verdict.language, "scam_probability": verdict.scam_probability,
        "scam_type": verdict.scam_type, "province": report.province,
        "loss_amount": loss.amount if loss else None, "loss_currency": loss.currency if loss else None,
        "loss_thb": loss_thb, "reported_at": report.reported_at, "incident_at": report.incident_at,
        "created_at": now, "source": source, "relink": not link, "tlp": report.tlp,
    })
    if row is None:
        db.close()
        existing = _existing(conn, report.external_id) if report.external_id is not None else None
        if existing is None:
            raise RuntimeError("report insert returned no id")
        return existing
    report_id = row[0]

    if report.reporter is not None:
        contact = report.reporter.model_dump(exclude_none=True)
        db.run(_INSERT_CONTACT, {"report_id": report_id, "ciphertext": node.box.seal(contact),
                                 "victim_key": node.box.victim_key(contact)})

    ids: dict[tuple[str, str], int] = {}
    candidates: list[int] = []
    degrees: list[int] = []
    # Sorted, so concurrent writers lock indicator rows in one order and
    # cannot deadlock on PostgreSQL.
    for ind in sorted({(i.kind, i.value): i for i in found}.values(), key=lambda i: (i.kind, i.value)):
        row = db.one(_UPSERT_INDICATOR, {"kind": ind.kind, "value": ind.value,
                                         "warninglist": ind.warninglist, "seen": report.reported_at})
        if row is None:
            raise RuntimeError("indicator upsert returned no row")
        ids[(ind.kind, ind.value)] = row[0]
        if ind.warninglist is None:
            candidates.append(row[0])
            degrees.append(row[1])
    # The same hub rule as the full recompute (xborder.link.hubs), so both
    # paths build the same networks.
    decision = decide_links(candidates, degrees, node.settings.link_params)
    linkable = list(decision.link)
    if decision.new_hubs:
        log.info("indicators %s became hubs; re-partitioning their networks", list(decision.new_hubs))
    spans = {(ids[(i.kind, i.value)], i.start): i.end for i in found}
    if spans:
        db.many(_INSERT_OBSERVATION, [{"report_id": report_id, "indicator_id": iid, "start": start, "end": end}
                                      for (iid, start), end in spans.items()])
    db.close()

    network_id = None
    provisional = False
    if link:
        linked = link_report(conn, report_id=report_id, indicator_ids=linkable, country=report.country,
                             loss_thb=loss_thb, reported_at=report.reported_at, now=now,
                             params=node.settings.link_params)
        network_id, provisional = linked.network_id, linked.provisional
        if provisional:
            # Its component is above giant_size: `xborder link --pending` re-splits it.
            conn.execute(update(reports).where(reports.c.id == report_id).values(relink_needed=True))
    append_audit(conn, acting=acting, action="submit_report", object_type="report", object_id=report_id,
                 details={"external_id": report.external_id, "source": source, "indicators": len(ids),
                          "network_id": network_id, "relink_needed": provisional or not link}, at=now)
    return Submitted(report_id=report_id, created=True, network_id=network_id, indicators=tuple(found),
                     classification=verdict, new_hubs=decision.new_hubs)
