"""The record an MOU review asks for: what crossed the border with one partner, when, under which terms.

Read-only. Terms come from the audit log (each agreement change carries the
full terms after it); objects from share_log (one row per object version
exported or imported, with the hash-chained audit row of its batch).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from xborder.core.clock import as_utc
from xborder.node import Node
from xborder.store.partners import agreement_history, find_partner
from xborder.store.share_feed import partner_log

TERM_FIELDS = ("agreement_id", "kinds", "tlp_max", "min_confidence", "narratives", "purpose", "retention_days",
               "suspended", "revoked")
CSV_FIELDS = ("at", "direction", "stix_id", "modified", "audit_seq", "terms_seq", *TERM_FIELDS)


def _iso(at: datetime) -> str:
    return as_utc(at).isoformat().replace("+00:00", "Z")


def mou_records(node: Node, partner: str, since: datetime | None) -> Iterator[dict[str, Any]]:
    """`terms` records (those in force at `since`, then every change) and `object` records, in time order.

    Each object record names the audit seq of the terms in force when it crossed (terms_seq).
    """
    with node.engine.connect() as conn:
        p = find_partner(conn, partner)
        if p is None:
            raise LookupError(f"no partner {partner!r}")
        history = agreement_history(conn, p.id)
        yield {"record": "partner", "name": p.name, "country": p.country, "since": None if since is None
               else _iso(since)}
        changes = [(seq, as_utc(at), action, terms) for seq, at, action, terms in history]
        start = 0
        if since is not None:
            before = [i for i, c in enumerate(changes) if c[1] <= as_utc(since)]
            start = before[-1] if before else 0
        for seq, at, action, terms in changes[start:]:
            yield {"record": "terms", "seq": seq, "at": _iso(at), "action": action,
                   **{k: terms.get(k) for k in TERM_FIELDS}}
        i = 0
        in_force: tuple[int, dict[str, Any]] | None = None
        for row in partner_log(conn, p.id, since):
            at = as_utc(row.at)
            while i < len(changes) and changes[i][1] <= at:
                in_force = (changes[i][0], changes[i][3])
                i += 1
            yield {"record": "object", "at": _iso(at), "direction": row.direction, "stix_id": row.stix_id,
                   "modified": row.modified, "audit_seq": row.audit_seq,
                   "terms_seq": None if in_force is None else in_force[0],
                   "_terms": None if in_force is None else in_force[1]}


def as_jsonl(records: Iterator[dict[str, Any]]) -> Iterator[str]:
    for r in records:
        yield json.dumps({k: v for k, v in r.items() if not k.startswith("_")}, ensure_ascii=False) + "\n"


def as_csv(records: Iterator[dict[str, Any]]) -> Iterator[str]:
    """One row per object version, with the terms in force written out beside it."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_FIELDS)
    for r in records:
        if r["record"] != "object":
            continue
        terms = r["_terms"] or {}
        kinds = terms.get("kinds")
        writer.writerow([r["at"], r["direction"], r["stix_id"], r["modified"], r["audit_seq"], r["terms_seq"],
                         *(",".join(kinds) if k == "kinds" and kinds is not None else terms.get(k)
                           for k in TERM_FIELDS)])
        if buf.tell() > 64 * 1024:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()
