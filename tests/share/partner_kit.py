"""Helpers for the pull-side tests: a partner KH with an agreement, and KH's objects built as KH builds them."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from xborder.core.actors import CLI

from xborder.node import Node
from xborder.share.facts import IndicatorFacts, NetworkFacts, NodeIdentity
from xborder.share.markings import marking_definitions
from xborder.share.stix import grouping_object, identity_object, indicator_objects
from xborder.store.partner_objects import PartnerRow, get_partner

KH = NodeIdentity("KH", "xborder-kh")
# Recent, so that evidence has not decayed away (a phone number's half-life is 60 days).
T0 = (datetime.now(timezone.utc) - timedelta(days=5)).replace(microsecond=125000)
ALL_KINDS = "phone,url,domain,email,ip,bank_account,promptpay,iban,crypto_wallet,line_id,telegram,ussd"


def add_partner(node: Node, name: str = "KH", country: str = "KH", *, kinds: str = ALL_KINDS,
                tlp_max: str = "amber", narratives: str = "none", retention_days: int = 365,
                taxii_url: str | None = None, collection: str | None = None,
                token: str | None = None) -> PartnerRow:
    """A partner and its agreement, made as `xborder partner add` and `xborder agreement set` make them."""
    from xborder.actions.agreements import Terms, add_partner as add, set_agreement

    add(node, name, country=country, acting=CLI, taxii_url=taxii_url, pull_collection=collection, pull_token=token)
    set_agreement(node, name, Terms(kinds=kinds, tlp_max=tlp_max, min_confidence=0, narratives=narratives,
                                    purpose="MOU test", retention_days=retention_days), acting=CLI)
    with node.engine.connect() as conn:
        made = get_partner(conn, name)
    assert made is not None
    return made


def set_terms(node: Node, partner: PartnerRow, **terms: Any) -> None:
    from xborder.actions.agreements import Terms, set_agreement

    set_agreement(node, partner.name, Terms(**terms), acting=CLI)


def facts(kind: str = "phone", value: str = "+85512345678", *, modified: datetime | None = None,
          **changes: Any) -> IndicatorFacts:
    made = IndicatorFacts(
        kind=kind, value=value, first_seen=T0, last_seen=T0 + timedelta(days=2),
        modified=modified or T0 + timedelta(days=2), report_count=3, confidence=70, tlp="amber",
        scam_types=("impersonation",), countries=("KH",),
    )
    return replace(made, **changes)


def indicator_page(*items: IndicatorFacts, identity: bool = True, by: NodeIdentity = KH) -> list[dict[str, Any]]:
    """What KH's collection serves for these indicators: its identity, the TLP markings, four objects each."""
    page: list[dict[str, Any]] = [identity_object(by)] if identity else []
    page += marking_definitions() if identity else []
    for item in items:
        page += indicator_objects(by, item)
    return page


def network(network_id: int, *values: tuple[str, str], modified: datetime | None = None,
            **changes: Any) -> dict[str, Any]:
    net = NetworkFacts(
        network_id=network_id, indicators=tuple(values), first_seen=T0, last_seen=T0 + timedelta(days=3),
        modified=modified or T0 + timedelta(days=3), report_count=len(values), loss_usd=Decimal("100"),
        tlp="amber", scam_types=("impersonation",), countries=("KH",),
    )
    return grouping_object(KH, replace(net, **changes))


def of_type(page: list[dict[str, Any]], stix_type: str) -> list[dict[str, Any]]:
    return [o for o in page if o["type"] == stix_type]


def partner_report_ids(node: Node) -> list[int]:
    from xborder.store.tables import reports

    with node.engine.connect() as conn:
        return list(conn.execute(select(reports.c.id).where(reports.c.source == "partner")
                                 .order_by(reports.c.id)).scalars())
