"""Reading a victim's personal data is itself an audited act."""

from __future__ import annotations

from typing import Any

from xborder.core.actors import Actor
from xborder.node import Node
from xborder.store.audit import append_audit
from xborder.store.reports import reporter_ciphertext


def read_reporter(node: Node, report_id: int, *, acting: Actor) -> dict[str, Any] | None:
    with node.engine.begin() as conn:
        sealed = reporter_ciphertext(conn, report_id)
        if sealed is None:
            return None
        append_audit(conn, acting=acting, action="read_personal_data", object_type="report", object_id=report_id)
    return node.box.open(sealed)
