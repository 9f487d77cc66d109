"""The hash-chained audit log: append inside an action's transaction, verify."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, select

from xborder.core.actors import Actor
from xborder.core.clock import as_utc
from xborder.store.intake_writes import IntakeWriter
from xborder.store.tables import audit_head, audit_log

GENESIS = "0" * 64


def _stamp(at: datetime) -> str:
    return as_utc(at).replace(tzinfo=None).isoformat(timespec="microseconds")


def row_hash(prev_hash: str, seq: int, at: datetime, actor: str, action: str,
             object_type: str, object_id: str | None, details: str) -> str:
    body = json.dumps([seq, _stamp(at), actor, action, object_type, object_id, details],
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{prev_hash}\n{body}".encode()).hexdigest()


_HEAD = {
    "sqlite": "SELECT seq, hash FROM audit_head WHERE id = 1",
    # FOR UPDATE serialises concurrent writers on the chain's tip; SQLite
    # already has one writer at a time (BEGIN IMMEDIATE).
    "postgresql": "SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE",
}
_INSERT_ROW = ("INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, details, prev_hash, hash) "
               "VALUES (:seq, :at, :actor, :action, :object_type, :object_id, :details, :prev_hash, :hash)")
_INSERT_HEAD = "INSERT INTO audit_head (id, seq, hash) VALUES (1, :seq, :hash)"
_MOVE_HEAD = "UPDATE audit_head SET seq = :seq, hash = :hash WHERE id = 1"


def append_audit(conn: Connection, *, acting: Actor, action: str, object_type: str,
                 object_id: object = None, details: dict[str, Any] | None = None,
                 at: datetime | None = None) -> int:
    """Write one audit row in the caller's transaction; returns its seq."""
    at = at or datetime.now(timezone.utc)
    db = IntakeWriter(conn)
    head = db.one(_HEAD[conn.dialect.name], {})
    prev_seq, prev_hash = (0, GENESIS) if head is None else head
    seq = prev_seq + 1
    oid = None if object_id is None else str(object_id)
    text = json.dumps(details or {}, ensure_ascii=False, sort_keys=True, default=str)
    digest = row_hash(prev_hash, seq, at, acting.label, action, object_type, oid, text)
    db.run(_INSERT_ROW, {"seq": seq, "at": at, "actor": acting.label, "action": action,
                         "object_type": object_type, "object_id": oid, "details": text,
                         "prev_hash": prev_hash, "hash": digest})
    db.run(_INSERT_HEAD if head is None else _MOVE_HEAD, {"seq": seq, "hash": digest})
    db.close()
    return seq


@dataclass(frozen=True)
class AuditCheck:
    rows: int
    ok: bool
    first_bad_seq: int | None = None
    problem: str | None = None


def verify_chain(conn: Connection, batch: int = 5000) -> AuditCheck:
    """Recompute every row's hash; the first mismatch, gap or cut tail fails."""
    prev_hash, expected_seq, rows = GENESIS, 1, 0
    last_seq = 0
    while True:
        chunk = conn.execute(
            select(audit_log).where(audit_log.c.seq > last_seq).order_by(audit_log.c.seq).limit(batch)
        ).all()
        if not chunk:
            break
        for r in chunk:
            if r.seq != expected_seq:
                return AuditCheck(rows, False, expected_seq, f"row {expected_seq} is missing")
            if r.prev_hash != prev_hash:
                return AuditCheck(rows, False, r.seq, "prev_hash does not match the row before")
            digest = row_hash(prev_hash, r.seq, r.at, r.actor, r.action, r.object_type, r.object_id, r.details)
            if digest != r.hash:
                return AuditCheck(rows, False, r.seq, "row content does not match its hash")
            prev_hash, expected_seq, rows, last_seq = r.hash, r.seq + 1, rows + 1, r.seq
    head = conn.execute(select(audit_head.c.seq, audit_head.c.hash)).first()
    if head is not None and (head.seq != last_seq or head.hash != prev_hash):
        return AuditCheck(rows, False, last_seq + 1, "rows after the last one were removed")
    return AuditCheck(rows, True)
