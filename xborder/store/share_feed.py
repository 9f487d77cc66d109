"""What a TAXII collection serves: share_objects through an agreement's filter, in SQL.

A collection is one agreement's view of share_objects. The filter runs in
the database on the columns the publisher fills (kind, tlp, confidence,
audience), so a page of 10,000 objects is one indexed range scan on seq and
no body is parsed on the way out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, func, insert, or_, select

from xborder.share.markings import RED
from xborder.share.policy import export_kinds, export_tlps
from xborder.share.timestamps import parse_time, stix_time
from xborder.store.partners import AgreementRow
from xborder.store.tables import share_log, share_objects, taxii_status

MEDIA_TYPE_STIX = "application/stix+json;version=2.1"


@dataclass(frozen=True)
class View:
    """One collection: the agreement whose filter it applies."""

    agreement_id: int
    kinds: tuple[str, ...]
    tlps: tuple[str, ...]
    min_confidence: int

    @classmethod
    def of(cls, agreement: AgreementRow) -> View:
        # Suspension is refused before a view is ever built (403); the terms
        # are read as if active so that the view stays what it would serve.
        from dataclasses import replace

        terms = replace(agreement.terms, suspended=False, revoked=False)
        return cls(agreement.id, export_kinds(terms), tuple(t for t in export_tlps(terms) if t != RED),
                   terms.min_confidence)


def _visible(view: View, t: Any) -> list[Any]:
    c = t.c
    return [
        or_(c.audience.is_(None), c.audience == view.agreement_id),
        or_(c.kind.is_(None), c.kind.in_(view.kinds)),
        c.tlp.in_(view.tlps),
        c.tlp != RED,  # never, whatever a view says
        or_(c.confidence.is_(None), c.confidence >= view.min_confidence),
    ]


@dataclass(frozen=True)
class ObjectQuery:
    """TAXII 2.1 filters (section 3.5) plus the position a `next` cursor resumes from."""

    limit: int
    after_seq: int = 0
    added_after: datetime | None = None
    ids: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    versions: tuple[str, ...] = ("last",)
    spec_versions: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict, compare=False)


def _version_clause(view: View, versions: Sequence[str]) -> Any:
    c = share_objects.c
    parts = []
    for v in versions:
        if v == "all":
            return None
        if v == "last":
            parts.append(c.latest.is_(True))
        elif v == "first":
            first = share_objects.alias("first_version")
            parts.append(c.seq.in_(select(func.min(first.c.seq)).where(*_visible(view, first))
                                   .group_by(first.c.stix_id, first.c.audience)))
        else:
            at = parse_time(v)
            # Stored stamps are written by stix_time (milliseconds unless the
            # time has microseconds); a client may write either precision.
            forms = {stix_time(at), at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), v}
            parts.append(c.modified.in_(sorted(forms)))
    return or_(*parts)


def _where(view: View, q: ObjectQuery) -> list[Any]:
    c = share_objects.c
    where = _visible(view, share_objects)
    if q.after_seq:
        where.append(c.seq > q.after_seq)
    if q.added_after is not None:
        where.append(c.date_added > q.added_after)
    if q.ids:
        where.append(c.stix_id.in_(q.ids))
    if q.types:
        where.append(c.stix_type.in_(q.types))
    if q.spec_versions:
        where.append(c.spec_version.in_(q.spec_versions))
    versions = _version_clause(view, q.versions)
    if versions is not None:
        where.append(versions)
    return where


@dataclass(frozen=True)
class Page:
    rows: list[Any]  # seq, stix_id, modified, date_added, spec_version[, body]
    more: bool


def read_page(conn: Connection, view: View, q: ObjectQuery, *, bodies: bool) -> Page:
    c = share_objects.c
    cols = [c.seq, c.stix_id, c.modified, c.date_added, c.spec_version] + ([c.body] if bodies else [])
    rows = conn.execute(select(*cols).where(and_(*_where(view, q))).order_by(c.seq).limit(q.limit + 1)).all()
    return Page(list(rows[: q.limit]), len(rows) > q.limit)


def newest_seq(conn: Connection) -> int:
    return int(conn.execute(select(func.coalesce(func.max(share_objects.c.seq), 0))).scalar_one())


def log_rows(conn: Connection, partner_id: int, direction: str, items: Sequence[tuple[str, str]], at: datetime,
             audit_seq: int) -> None:
    """One share_log row per object version that crossed the border."""
    if not items:
        return
    if conn.dialect.name == "postgresql":
        # COPY: a served page of 10,000 objects is logged in milliseconds, not a
        # third of a second of executemany.
        raw = conn.connection.driver_connection
        if raw is None:
            raise RuntimeError("the connection is closed")
        with raw.cursor() as cur:
            with cur.copy("COPY share_log (partner_id, direction, stix_id, modified, at, audit_seq) FROM STDIN") \
                    as copy:
                for sid, modified in items:
                    copy.write_row((partner_id, direction, sid, modified, at, audit_seq))
        return
    conn.execute(insert(share_log), [
        {"partner_id": partner_id, "direction": direction, "stix_id": sid, "modified": modified, "at": at,
         "audit_seq": audit_seq} for sid, modified in items])


def read_status(conn: Connection, status_id: str) -> Any:
    return conn.execute(select(taxii_status).where(taxii_status.c.id == status_id)).first()


def partner_log(conn: Connection, partner_id: int, since: datetime | None, batch: int = 5000) -> Any:
    """Every share_log row of a partner since a time, oldest first, streamed."""
    q = select(share_log).where(share_log.c.partner_id == partner_id)
    if since is not None:
        q = q.where(share_log.c.at >= since)
    return conn.execution_options(yield_per=batch).execute(q.order_by(share_log.c.id))
