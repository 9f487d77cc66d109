"""Helpers for the serving-side tests: reports, a partner with an agreement and a key, TAXII calls, a live server."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import requests
import uvicorn
from sqlalchemy import select
from stix2validator import ValidationOptions, validate_string

from xborder.actions.access import check_key_terms, create_token
from xborder.actions.agreements import Terms, add_partner, set_agreement
from xborder.actions.publish import publish_changes
from xborder.actions.reports import submit_report
from xborder.core.actors import CLI
from xborder.core.intake import check_report
from xborder.node import Node
from xborder.share.stix import bundle
from xborder.store.partners import AgreementRow, find_partner, live_agreement
from xborder.store.tables import indicators

TAXII = "application/taxii+json;version=2.1"
ALL_KINDS = "phone,url,domain,email,ip,bank_account,promptpay,iban,crypto_wallet,line_id,telegram,ussd"


def file_report(node: Node, text: str, country: str = "TH", source: str = "api", **extra: Any) -> int:
    return submit_report(node, check_report({"country": country, "text": text, **extra}), acting=CLI,
                         source=source).report_id


def publish(node: Node, full: bool = False) -> Any:
    return publish_changes(node, acting=CLI, full=full)


def partner(node: Node, name: str = "kh", country: str = "KH", *, kinds: str = ALL_KINDS, tlp_max: str = "amber",
            min_confidence: int = 0, narratives: str = "none") -> tuple[AgreementRow, dict[str, str]]:
    """A partner with an agreement, and the headers its partner key sends."""
    add_partner(node, name, country=country, acting=CLI)
    row = set_agreement(node, name, Terms(kinds=kinds, tlp_max=tlp_max, min_confidence=min_confidence,
                                          narratives=narratives, purpose="MOU test"), acting=CLI)
    token = create_token(node, "partner", acting=CLI, name=f"{name}-key",
                         terms=check_key_terms("partner", partner=name)).token
    return row, {"Authorization": f"Bearer {token}", "Accept": TAXII}


def agreement(node: Node, name: str) -> AgreementRow:
    with node.engine.connect() as conn:
        p = find_partner(conn, name)
        row = live_agreement(conn, p.id)
    assert row is not None
    return row


def admin_headers(node: Node) -> dict[str, str]:
    token = create_token(node, "admin", acting=CLI, name="taxii-admin").token
    return {"Authorization": f"Bearer {token}", "Accept": TAXII}


def objects_url(collection_id: str) -> str:
    return f"/taxii2/api/collections/{collection_id}/objects/"


def read_all(client: Any, collection_id: str, headers: dict[str, str], limit: int = 1000,
             **params: Any) -> list[dict[str, Any]]:
    """Every object of a collection, following `next`; each envelope checked by stix2-validator."""
    out: list[dict[str, Any]] = []
    query: dict[str, Any] = {"limit": limit, **params}
    while True:
        r = client.get(objects_url(collection_id), params=query, headers=headers)
        assert r.status_code == 200, r.text
        assert r.headers["content-type"] == TAXII
        page = r.json()
        assert_valid(page.get("objects", []))
        out += page.get("objects", [])
        if not page["more"]:
            return out
        query = {**query, "next": page["next"]}


def assert_valid(objects: list[dict[str, Any]]) -> None:
    if not objects:
        return
    result = validate_string(json.dumps(bundle(objects)), ValidationOptions())
    errors = [str(e) for r in getattr(result, "results", [result]) for e in r.errors]
    assert result.is_valid and not errors, errors[:5]


def set_indicator_tlp(node: Node, kind: str, value: str, tlp: str | None) -> None:
    # No action sets an analyst's TLP on an indicator yet; the column is what the publisher reads.
    with node.engine.begin() as conn:
        conn.execute(indicators.update().where(indicators.c.kind == kind, indicators.c.value == value)
                     .values(tlp=tlp))


def indicator_id(node: Node, kind: str, value: str) -> int:
    with node.engine.connect() as conn:
        return int(conn.execute(select(indicators.c.id).where(indicators.c.kind == kind,
                                                              indicators.c.value == value)).scalar_one())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    """Serve `app` with uvicorn on a free loopback port in a thread; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", ws="none"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


class Bearer(requests.auth.AuthBase):
    """taxii2-client sends requests; xborder nodes take `Authorization: Bearer <token>`."""

    def __init__(self, headers: dict[str, str]) -> None:
        self.value = headers["Authorization"]

    def __call__(self, r: Any) -> Any:
        r.headers["Authorization"] = self.value
        return r
