"""What this node pulls from partners: who they are, the agreement, the objects they sent, cursors."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from xborder.share.policy import Agreement
from xborder.store.partners import find_partner, latest_agreement, list_partners, partner_by_id
from xborder.store.tables import audit_log, partner_objects, partners, share_log, sync_cursors

# Bound parameters per IN list: far below SQLite's limit.
IN_CHUNK = 900


@dataclass(frozen=True, slots=True)
class PartnerRow:
    id: int
    name: str
    country: str
    taxii_url: str | None
    pull_collection: str | None
    pull_credential: bytes | None


@dataclass(frozen=True, slots=True)
class StoredObject:
    """The newest version of one object a partner sent."""

    stix_id: str
    stix_type: str
    modified: str
    revoked: bool
    report_id: int | None


def _partner(row: Any) -> PartnerRow:
    credential = None if row.pull_credential is None else bytes(row.pull_credential)
    return PartnerRow(int(row.id), row.name, row.country, row.taxii_url, row.pull_collection, credential)


def get_partner(conn: Connection, name: str) -> PartnerRow | None:
    row = find_partner(conn, name)
    return None if row is None else _partner(row)


def get_partner_by_id(conn: Connection, partner_id: int) -> PartnerRow | None:
    row = partner_by_id(conn, partner_id)
    return None if row is None else _partner(row)


def pull_partners(conn: Connection) -> list[PartnerRow]:
    """Every partner, by name (those with nowhere to pull from included: the caller says so)."""
    return [_partner(r) for r in list_partners(conn)]


def lock_partner(conn: Connection, partner_id: int) -> None:
    """Serialise importers of one partner until the transaction ends.

    Two pulls of the same partner (the loop in `xborder serve` and an
    operator's `xborder sync`) would otherwise race on its objects and
    pseudo-reports. SQLite already has one writer at a time.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(select(partners.c.id).where(partners.c.id == partner_id).with_for_update())


def current_agreement(conn: Connection, partner: PartnerRow) -> Agreement | None:
    """The terms of the partner's newest agreement (revoked or suspended ones too); None when there is none."""
    row = latest_agreement(conn, partner.id)
    return None if row is None else row.terms


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), IN_CHUNK):
        yield items[start:start + IN_CHUNK]


def refresh_statistics(conn: Connection) -> None:
    """While a large pull fills partner_objects, let PostgreSQL's planner know its size.

    With the statistics of a near-empty table, the planner looks objects up
    by scanning the partner's every row (the received_at index) instead of
    probing the primary key, and each page of a first pull gets slower than
    the one before it.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("ANALYZE partner_objects"))


def stored_objects(conn: Connection, partner_id: int, stix_ids: Sequence[str]) -> dict[str, StoredObject]:
    out: dict[str, StoredObject] = {}
    for part in _chunks(sorted(set(stix_ids))):
        for r in conn.execute(
            select(partner_objects.c.stix_id, partner_objects.c.stix_type, partner_objects.c.modified,
                   partner_objects.c.revoked, partner_objects.c.report_id)
            .where(partner_objects.c.partner_id == partner_id, partner_objects.c.stix_id.in_(part))
        ):
            out[r.stix_id] = StoredObject(r.stix_id, r.stix_type, r.modified, bool(r.revoked), r.report_id)
    return out


def _upsert(dialect: Any) -> Any:
    stmt = dialect.insert(partner_objects).values(
        partner_id=bindparam("partner_id"), stix_id=bindparam("stix_id"), stix_type=bindparam("stix_type"),
        modified=bindparam("modified"), revoked=bindparam("revoked"), received_at=bindparam("received_at"),
        body=bindparam("body"), report_id=bindparam("report_id"),
    )
    new = stmt.excluded
    return stmt.on_conflict_do_update(
        index_elements=[partner_objects.c.partner_id, partner_objects.c.stix_id],
        set_={"stix_type": new.stix_type, "modified": new.modified, "revoked": new.revoked,
              "received_at": new.received_at, "body": new.body, "report_id": new.report_id},
    )


_UPSERT = {"sqlite": _upsert(sqlite), "postgresql": _upsert(postgresql)}


def upsert_objects(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert or replace objects: partner_id, stix_id, stix_type, modified, revoked, received_at, body, report_id."""
    if rows:
        conn.execute(_UPSERT[conn.dialect.name], rows)


def set_report_ids(conn: Connection, partner_id: int, report_ids: dict[str, int | None]) -> None:
    if report_ids:
        conn.execute(
            update(partner_objects)
            .where(partner_objects.c.partner_id == partner_id, partner_objects.c.stix_id == bindparam("sid"))
            .values(report_id=bindparam("rid")),
            [{"sid": sid, "rid": rid} for sid, rid in report_ids.items()],
        )


def waiting_groupings(conn: Connection, partner_id: int) -> list[tuple[str, str]]:
    """(stix_id, body) of the partner's live groupings that still wait for some of their indicators."""
    return [(r.stix_id, r.body) for r in conn.execute(
        select(partner_objects.c.stix_id, partner_objects.c.body)
        .where(partner_objects.c.partner_id == partner_id, partner_objects.c.stix_type == "grouping",
               partner_objects.c.revoked.is_(False), partner_objects.c.report_id.is_(None))
        .order_by(partner_objects.c.stix_id)
    )]


def expired_objects(conn: Connection, partner_id: int, cutoff: datetime) -> list[tuple[str, int | None]]:
    """(stix_id, report_id) of objects whose newest version arrived before `cutoff`."""
    return [(r.stix_id, r.report_id) for r in conn.execute(
        select(partner_objects.c.stix_id, partner_objects.c.report_id)
        .where(partner_objects.c.partner_id == partner_id, partner_objects.c.received_at < cutoff)
    )]


def delete_objects(conn: Connection, partner_id: int, stix_ids: Sequence[str]) -> None:
    for part in _chunks(list(stix_ids)):
        conn.execute(delete(partner_objects).where(partner_objects.c.partner_id == partner_id,
                                                   partner_objects.c.stix_id.in_(part)))


def count_objects(conn: Connection, partner_id: int) -> int:
    return int(conn.execute(select(func.count()).select_from(partner_objects)
                            .where(partner_objects.c.partner_id == partner_id)).scalar_one())


def get_cursor(conn: Connection, partner_id: int, collection: str) -> str | None:
    return conn.execute(select(sync_cursors.c.cursor).where(
        sync_cursors.c.partner_id == partner_id, sync_cursors.c.collection == collection)).scalar_one_or_none()


def save_cursor(conn: Connection, partner_id: int, collection: str, cursor: str, at: datetime) -> None:
    done = conn.execute(update(sync_cursors).where(
        sync_cursors.c.partner_id == partner_id, sync_cursors.c.collection == collection,
    ).values(cursor=cursor, updated_at=at)).rowcount
    if not done:
        conn.execute(insert(sync_cursors).values(partner_id=partner_id, collection=collection, cursor=cursor,
                                                 updated_at=at))


def log_imports(conn: Connection, partner_id: int, versions: Sequence[tuple[str, str]], at: datetime,
                audit_seq: int) -> None:
    """One share_log row per object version taken in: (stix_id, modified)."""
    if versions:
        conn.execute(insert(share_log), [
            {"partner_id": partner_id, "direction": "import", "stix_id": sid, "modified": modified, "at": at,
             "audit_seq": audit_seq} for sid, modified in versions])


# Audit actions after which indicators' partner evidence differs: their rows
# list the indicators in details["indicators"].
EVIDENCE_ACTIONS = ("import_partner_objects", "purge_partner_objects")


def evidence_changes(conn: Connection, after_seq: int) -> tuple[int, set[int]]:
    """(newest audit seq read, indicators whose partner evidence changed after `after_seq`).

    Partner imports change, move and delete pseudo-reports; a reader that
    caches evidence follows these audit rows (the chain only grows) to know
    what to reload.
    """
    high, changed = after_seq, set[int]()
    for r in conn.execute(select(audit_log.c.seq, audit_log.c.details)
                          .where(audit_log.c.seq > after_seq, audit_log.c.action.in_(EVIDENCE_ACTIONS))
                          .order_by(audit_log.c.seq)):
        high = int(r.seq)
        changed.update(int(i) for i in json.loads(r.details).get("indicators", []))
    return high, changed
