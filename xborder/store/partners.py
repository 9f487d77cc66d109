"""Partners and their sharing agreements: reads shared by the publisher, TAXII and the admin API."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, select

from xborder.share.policy import Agreement, parse_kinds
from xborder.store.tables import agreements, audit_log, partners


@dataclass(frozen=True)
class AgreementRow:
    """One stored agreement with its partner, as the policy layer reads it."""

    id: int
    partner_id: int
    partner: str
    country: str
    collection_id: str
    terms: Agreement
    created_at: datetime
    updated_at: datetime | None
    revoked_at: datetime | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


def _select() -> Select[Any]:
    return (select(agreements, partners.c.name.label("partner"), partners.c.country.label("partner_country"))
            .join(partners, partners.c.id == agreements.c.partner_id))


def _row(r: Any) -> AgreementRow:
    terms = Agreement(kinds=parse_kinds(r.kinds), tlp_max=r.tlp_max, min_confidence=r.min_confidence,
                      narratives=r.narratives, purpose=r.purpose, retention_days=r.retention_days,
                      suspended=bool(r.suspended), revoked=r.revoked_at is not None, partner=r.partner)
    return AgreementRow(id=r.id, partner_id=r.partner_id, partner=r.partner, country=r.partner_country,
                        collection_id=r.collection_id, terms=terms, created_at=r.created_at,
                        updated_at=r.updated_at, revoked_at=r.revoked_at)


def live_agreements(conn: Connection) -> list[AgreementRow]:
    """Every agreement not revoked (suspended ones included), oldest first."""
    return [_row(r) for r in conn.execute(_select().where(agreements.c.revoked_at.is_(None))
                                          .order_by(agreements.c.id))]


def all_agreements(conn: Connection) -> list[AgreementRow]:
    return [_row(r) for r in conn.execute(_select().order_by(agreements.c.id))]


def live_agreement(conn: Connection, partner_id: int) -> AgreementRow | None:
    """The partner's agreement in force (suspended or not), if any."""
    r = conn.execute(_select().where(agreements.c.partner_id == partner_id, agreements.c.revoked_at.is_(None))
                     .order_by(agreements.c.id.desc())).first()
    return None if r is None else _row(r)


def latest_agreement(conn: Connection, partner_id: int) -> AgreementRow | None:
    """The partner's newest agreement, revoked or not."""
    r = conn.execute(_select().where(agreements.c.partner_id == partner_id)
                     .order_by(agreements.c.id.desc())).first()
    return None if r is None else _row(r)


def agreement_by_collection(conn: Connection, collection_id: str) -> AgreementRow | None:
    r = conn.execute(_select().where(agreements.c.collection_id == collection_id)).first()
    return None if r is None else _row(r)


def find_partner(conn: Connection, name: str) -> Any:
    return conn.execute(select(partners).where(partners.c.name == name)).first()


def partner_by_id(conn: Connection, partner_id: int) -> Any:
    return conn.execute(select(partners).where(partners.c.id == partner_id)).first()


def list_partners(conn: Connection) -> list[Any]:
    return list(conn.execute(select(partners).order_by(partners.c.name)).all())


def agreement_history(conn: Connection, partner_id: int) -> list[tuple[int, datetime, str, dict[str, Any]]]:
    """Every change to the partner's agreements, oldest first: (audit seq, at, action, terms after it).

    Read from the audit log, whose rows carry the full terms after each change.
    """
    found: list[int] = list(conn.execute(select(agreements.c.id).where(agreements.c.partner_id == partner_id))
                            .scalars())
    ids = [str(i) for i in found]
    if not ids:
        return []
    rows = conn.execute(select(audit_log.c.seq, audit_log.c.at, audit_log.c.action, audit_log.c.details)
                        .where(audit_log.c.object_type == "agreement", audit_log.c.object_id.in_(ids))
                        .order_by(audit_log.c.seq)).all()
    return [(r.seq, r.at, r.action, json.loads(r.details)) for r in rows]
