"""Partners and sharing agreements: add, set terms, suspend, resume, revoke. Each one transaction + audit row.

Every audit row of an agreement carries the full terms in force after the
change, so the record an MOU review asks for (`xborder audit export`) can
say which terms applied to each object that crossed the border.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, insert, update

from xborder.core.actors import Actor
from xborder.core.clock import utcnow
from xborder.core.geo import check_country
from xborder.node import Node
from xborder.share.markings import RED, check_tlp
from xborder.share.policy import Agreement, check_agreement, format_kinds
from xborder.share.vocab import EXPORTABLE_KINDS, NEVER_EXPORTED
from xborder.store.audit import append_audit
from xborder.store.keys import forget_keys
from xborder.store.partners import AgreementRow, find_partner, latest_agreement, live_agreement
from xborder.store.tables import agreements, api_keys, partners

PARTNER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$")
MAX_PURPOSE = 2000


class AgreementError(ValueError):
    """Bad input to a partner or agreement action; `field` names what is wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class UnknownPartner(LookupError):
    pass


@dataclass(frozen=True)
class Terms:
    """Terms to set; None leaves a term as it is (or at its default on a new agreement)."""

    kinds: Iterable[str] | str | None = None
    tlp_max: str | None = None
    min_confidence: int | None = None
    narratives: str | None = None
    purpose: str | None = None
    retention_days: int | None = None


def check_partner_name(name: str) -> str:
    if not isinstance(name, str) or not PARTNER_NAME.match(name):
        raise AgreementError("name", "2-100 characters: letters, digits, '.', '_' or '-', starting with a letter "
                                     "or digit")
    return name


def check_taxii_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AgreementError("taxii_url", "must be an http(s) URL of the partner's TAXII API root")
    return url.strip() if url.strip().endswith("/") else url.strip() + "/"


def check_kinds(kinds: Iterable[str] | str) -> frozenset[str]:
    items = kinds.split(",") if isinstance(kinds, str) else list(kinds)
    if any(not isinstance(k, str) for k in items):
        raise AgreementError("kinds", "must be indicator kind names")
    found = frozenset(k.strip() for k in items if k.strip())
    never = sorted(found & NEVER_EXPORTED)
    if never:
        raise AgreementError("kinds", f"{', '.join(never)} never leaves the node")
    unknown = sorted(found - set(EXPORTABLE_KINDS))
    if unknown:
        raise AgreementError("kinds", f"unknown indicator kinds {', '.join(unknown)}; "
                                      f"known: {', '.join(EXPORTABLE_KINDS)}")
    if not found:
        raise AgreementError("kinds", "name at least one indicator kind the partner may receive")
    return found


def _merged(old: Agreement | None, t: Terms, partner: str) -> Agreement:
    base = old or Agreement(kinds=frozenset(), tlp_max="amber", min_confidence=50)
    if old is None and t.kinds is None:
        raise AgreementError("kinds", "a new agreement must say which kinds the partner may receive")
    kinds = base.kinds if t.kinds is None else check_kinds(t.kinds)
    tlp = base.tlp_max
    if t.tlp_max is not None:
        try:
            tlp = check_tlp(t.tlp_max)
        except ValueError as exc:
            raise AgreementError("tlp_max", str(exc)) from None
        if tlp == RED:
            raise AgreementError("tlp_max", "TLP:RED never leaves the node")
    purpose = base.purpose if t.purpose is None else t.purpose.strip()
    if len(purpose) > MAX_PURPOSE:
        raise AgreementError("purpose", f"at most {MAX_PURPOSE} characters")
    for name, value in (("min_confidence", t.min_confidence), ("retention_days", t.retention_days)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise AgreementError(name, "must be a whole number")
    try:
        return check_agreement(Agreement(
            kinds=kinds, tlp_max=tlp,
            min_confidence=base.min_confidence if t.min_confidence is None else t.min_confidence,
            narratives=base.narratives if t.narratives is None else t.narratives,
            purpose=purpose,
            retention_days=base.retention_days if t.retention_days is None else t.retention_days,
            suspended=base.suspended, partner=partner))
    except ValueError as exc:
        field, _, message = str(exc).partition(": ")
        raise AgreementError(field, message) from None


def terms_record(row: AgreementRow) -> dict[str, Any]:
    """The terms as the audit log and the API show them."""
    t = row.terms
    return {"partner": row.partner, "agreement_id": row.id, "collection_id": row.collection_id,
            "kinds": [k for k in EXPORTABLE_KINDS if k in t.kinds], "tlp_max": t.tlp_max,
            "min_confidence": t.min_confidence, "narratives": t.narratives, "purpose": t.purpose,
            "retention_days": t.retention_days, "suspended": t.suspended, "revoked": row.revoked}


def add_partner(node: Node, name: str, *, country: str, acting: Actor, taxii_url: str | None = None,
                pull_collection: str | None = None, pull_token: str | None = None) -> int:
    """A partner node; its pull token (ours, for its server) is sealed with the node key like victims' data."""
    check_partner_name(name)
    try:
        country = check_country(country)
    except ValueError as exc:
        raise AgreementError("country", str(exc)) from None
    url = None if taxii_url is None else check_taxii_url(taxii_url)
    if pull_collection is not None and not (0 < len(pull_collection.strip()) <= 100):
        raise AgreementError("pull_collection", "1 to 100 characters")
    if pull_token is not None and not pull_token.strip():
        raise AgreementError("pull_token", "is empty")
    sealed = None if pull_token is None else node.box.seal({"token": pull_token.strip()})
    with node.engine.begin() as conn:
        if find_partner(conn, name) is not None:
            raise AgreementError("name", f"partner {name!r} already exists")
        now = utcnow()
        partner_id: int = conn.execute(insert(partners).values(
            name=name, country=country, taxii_url=url, created_at=now,
            pull_collection=None if pull_collection is None else pull_collection.strip(), pull_credential=sealed,
        ).returning(partners.c.id)).scalar_one()
        append_audit(conn, acting=acting, action="add_partner", object_type="partner", object_id=partner_id,
                     details={"name": name, "country": country, "taxii_url": url,
                              "pull_collection": pull_collection, "pull_credential": sealed is not None}, at=now)
    return partner_id


def _partner(conn: Connection, name: str) -> Any:
    row = find_partner(conn, name)
    if row is None:
        raise UnknownPartner(f"no partner {name!r}; add it with `xborder partner add`")
    return row


def set_agreement(node: Node, partner: str, terms: Terms, *, acting: Actor) -> AgreementRow:
    """Create the partner's agreement, or change the terms of the one in force."""
    with node.engine.begin() as conn:
        p = _partner(conn, partner)
        current = live_agreement(conn, p.id)
        new = _merged(None if current is None else current.terms, terms, p.name)
        now = utcnow()
        values = {"kinds": format_kinds(new.kinds), "tlp_max": new.tlp_max, "min_confidence": new.min_confidence,
                  "narratives": new.narratives, "purpose": new.purpose, "retention_days": new.retention_days,
                  "updated_at": now}
        if current is None:
            conn.execute(insert(agreements).values(partner_id=p.id, suspended=False, created_at=now,
                                                   collection_id=str(uuid.uuid4()), **values))
        else:
            conn.execute(update(agreements).where(agreements.c.id == current.id).values(**values))
        return _audited(conn, p.id, "set_agreement", acting, now)


def suspend_agreement(node: Node, partner: str, *, acting: Actor) -> AgreementRow:
    """Stop all export to the partner at once (TAXII answers 403) until resumed."""
    return _switch(node, partner, "suspend_agreement", acting, suspended=True)


def resume_agreement(node: Node, partner: str, *, acting: Actor) -> AgreementRow:
    return _switch(node, partner, "resume_agreement", acting, suspended=False)


def revoke_agreement(node: Node, partner: str, *, acting: Actor) -> AgreementRow:
    """End the agreement for good: its collection answers 403 and the partner's keys stop working."""
    with node.engine.begin() as conn:
        p = _partner(conn, partner)
        current = _in_force(conn, p.id, p.name)
        now = utcnow()
        conn.execute(update(agreements).where(agreements.c.id == current.id)
                     .values(revoked_at=now, suspended=True, updated_at=now))
        keys = conn.execute(update(api_keys).where(api_keys.c.partner_id == p.id, api_keys.c.revoked_at.is_(None))
                            .values(revoked_at=now)).rowcount
        row = _audited(conn, p.id, "revoke_agreement", acting, now, extra={"keys_revoked": keys}, revoked=True)
    forget_keys()
    return row


def _in_force(conn: Connection, partner_id: int, name: str) -> AgreementRow:
    current = live_agreement(conn, partner_id)
    if current is None:
        raise AgreementError("partner", f"{name} has no agreement in force")
    return current


def _switch(node: Node, partner: str, action: str, acting: Actor, *, suspended: bool) -> AgreementRow:
    with node.engine.begin() as conn:
        p = _partner(conn, partner)
        current = _in_force(conn, p.id, p.name)
        now = utcnow()
        conn.execute(update(agreements).where(agreements.c.id == current.id)
                     .values(suspended=suspended, updated_at=now))
        return _audited(conn, p.id, action, acting, now)


def _audited(conn: Connection, partner_id: int, action: str, acting: Actor, now: datetime,
             extra: dict[str, Any] | None = None, revoked: bool = False) -> AgreementRow:
    row = latest_agreement(conn, partner_id) if revoked else live_agreement(conn, partner_id)
    if row is None:
        raise RuntimeError("the agreement just written cannot be read back")
    append_audit(conn, acting=acting, action=action, object_type="agreement", object_id=row.id,
                 details={**terms_record(row), **(extra or {})}, at=now)
    return row
