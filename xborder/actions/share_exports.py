"""Record what a partner was served, and TAXII status resources for what it posted.

One transaction per page served: one share_log row per object version and
one hash-chained audit row carrying the page's digest (sha256 over the
"stix_id modified" lines in the order served), so a later review can prove
which versions left the node, when, and to whom. The page is answered only
after this commits.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert

from xborder.core.actors import Actor
from xborder.core.clock import utcnow
from xborder.node import Node
from xborder.store.audit import append_audit
from xborder.store.partners import AgreementRow
from xborder.store.share_feed import log_rows
from xborder.store.tables import taxii_status


def batch_digest(items: Sequence[tuple[str, str]]) -> str:
    return hashlib.sha256("".join(f"{sid} {modified}\n" for sid, modified in items).encode()).hexdigest()


def record_export(node: Node, agreement: AgreementRow, items: Sequence[tuple[str, str]], *, acting: Actor,
                  endpoint: str, seqs: tuple[int, int] | None) -> int | None:
    """Log one served page to `agreement`'s partner; returns the audit seq (None for an empty page)."""
    if not items:
        return None
    now = utcnow()
    with node.engine.begin() as conn:
        seq = append_audit(conn, acting=acting, action="share_export", object_type="partner",
                           object_id=agreement.partner_id,
                           details={"partner": agreement.partner, "agreement_id": agreement.id,
                                    "collection": agreement.collection_id, "endpoint": endpoint,
                                    "objects": len(items), "digest": batch_digest(items),
                                    "seq_range": list(seqs) if seqs else None}, at=now)
        log_rows(conn, agreement.partner_id, "export", items, now, seq)
    return seq


@dataclass(frozen=True)
class StatusDetail:
    id: str
    version: str | None
    message: str | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        if self.version:
            out["version"] = self.version
        if self.message:
            out["message"] = self.message
        return out


def store_status(node: Node, agreement: AgreementRow, *, requested_at: datetime, successes: Sequence[StatusDetail],
                 failures: Sequence[StatusDetail], pendings: Sequence[StatusDetail] = (),
                 acting: Actor | None = None, refusal: str | None = None) -> dict[str, Any]:
    """Keep the status resource of one POST (TAXII 2.1, 4.3.1) and return it.

    A POST refused as a whole (malformed, too large...) gets an audit row of
    its own here, naming why; an accepted one was audited by the importer.
    """
    status_id = str(uuid.uuid4())
    body: dict[str, Any] = {
        "id": status_id, "status": "pending" if pendings else "complete",
        "request_timestamp": requested_at.isoformat().replace("+00:00", "Z"),
        "total_count": len(successes) + len(failures) + len(pendings),
        "success_count": len(successes), "successes": [s.as_json() for s in successes],
        "failure_count": len(failures), "failures": [f.as_json() for f in failures],
        "pending_count": len(pendings), "pendings": [p.as_json() for p in pendings],
    }
    with node.engine.begin() as conn:
        conn.execute(insert(taxii_status).values(
            id=status_id, partner_id=agreement.partner_id, status=body["status"], request_timestamp=requested_at,
            total_count=body["total_count"], success_count=body["success_count"],
            failure_count=body["failure_count"], pending_count=body["pending_count"],
            details=json.dumps({k: body[k] for k in ("successes", "failures", "pendings")}, ensure_ascii=False)))
        if refusal is not None and acting is not None:
            append_audit(conn, acting=acting, action="share_import_refused", object_type="partner",
                         object_id=agreement.partner_id,
                         details={"partner": agreement.partner, "status_id": status_id, "reason": refusal[:500],
                                  "objects": body["total_count"]})
    return body


def record_refusal(node: Node, agreement: AgreementRow, reason: str, *, acting: Actor) -> None:
    """Audit a POST refused before any status resource (size, media type, bad JSON)."""
    with node.engine.begin() as conn:
        append_audit(conn, acting=acting, action="share_import_refused", object_type="partner",
                     object_id=agreement.partner_id,
                     details={"partner": agreement.partner, "reason": reason[:500]})
