"""A MISP feed of a node's intelligence: manifest.json, one event per network, hashes.csv.

MISP instances subscribe to such a feed by URL (Sync Actions > Feeds, input
source network, format "MISP Feed"). Each network is one event whose
attributes are its indicators; indicators in no network share one more event.
UUIDs are deterministic (XBORDER_NAMESPACE), so a re-published feed updates
events in place; `timestamp` (the latest `modified`) tells MISP what changed.

TLP:RED indicators never appear, whatever the caller passes; national_id has
no mapping and is left out like every value vocab.is_exportable refuses (a
PromptPay ID that is a national ID number included).
Revoked indicators stay as deleted, non-IDS attributes so subscribers drop them.

Threat level: 1 (high) for a network with USD 10,000 or more reported lost or
50 or more reports, 2 (medium) from 5 reports, else 3 (low).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from xborder.share.facts import IndicatorFacts, IndicatorKey, NetworkFacts, NodeIdentity
from xborder.share.markings import RED, most_restrictive, misp_tag
from xborder.share.stix import indicator_id
from xborder.share.timestamps import stix_time
from xborder.share.vocab import XBORDER_NAMESPACE, is_exportable

# kind -> (MISP attribute type, category); "text" where MISP has no type.
_TYPES: dict[str, tuple[str, str]] = {
    "phone": ("phone-number", "Financial fraud"),
    "bank_account": ("bank-account-nr", "Financial fraud"),
    "iban": ("iban", "Financial fraud"),
    "promptpay": ("text", "Financial fraud"),
    "url": ("url", "Network activity"),
    "domain": ("domain", "Network activity"),
    "email": ("email-src", "Payload delivery"),
    "ip": ("ip-dst", "Network activity"),
    "line_id": ("text", "Social network"),
    "telegram": ("text", "Social network"),
    "ussd": ("text", "Other"),
}
_WALLET_TYPES = {"btc": "btc"}  # MISP types exist for BTC; ETH and TRON go as text
_TLP_COLOURS = {"clear": "#FFFFFF", "green": "#33FF00", "amber": "#FFC000", "amber+strict": "#FFC000"}
_ANALYSIS_ONGOING = "1"


@dataclass(frozen=True, slots=True)
class MispFeed:
    manifest: dict[str, dict[str, Any]]  # event uuid -> manifest entry
    events: dict[str, dict[str, Any]]  # event uuid -> {"Event": {...}}
    hashes: tuple[tuple[str, str], ...]  # (md5 of an attribute value, event uuid)
    # event uuid -> (STIX indicator id, its version) of each attribute: what the
    # share log records when the event goes to a partner, in the same terms as TAXII.
    versions: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)


def misp_type(kind: str, attrs: Mapping[str, str] | None = None) -> tuple[str, str]:
    """(MISP attribute type, category) for an xborder kind; KeyError for kinds never exported."""
    if kind == "crypto_wallet":
        chain = (attrs or {}).get("chain", "")
        return (_WALLET_TYPES.get(chain, "text"), "Financial fraud")
    return _TYPES[kind]


def _uuid(key: str) -> str:
    return str(uuid.uuid5(XBORDER_NAMESPACE, key))


def _epoch(at: datetime) -> str:
    return str(int(at.timestamp()))


def _tag(level: str) -> dict[str, str]:
    return {"name": misp_tag(level), "colour": _TLP_COLOURS[level]}


def _attribute(event_uuid: str, ind: IndicatorFacts) -> dict[str, Any]:
    kind_type, category = misp_type(ind.kind, ind.attrs)
    notes = [ind.kind, f"{ind.report_count} reports"]
    if ind.scam_types:
        notes.append("scam types: " + ", ".join(sorted(ind.scam_types)))
    notes += [f"{k}: {v}" for k, v in sorted(ind.attrs.items()) if k in ("bank", "chain")]
    return {
        "uuid": _uuid(f"misp-attribute:{event_uuid}:{ind.kind}:{ind.value}"),
        "type": kind_type,
        "category": category,
        "value": ind.value,
        "to_ids": not ind.revoked,
        "deleted": ind.revoked,
        "disable_correlation": False,
        "comment": "; ".join(notes),
        "timestamp": _epoch(ind.modified),
        "first_seen": ind.first_seen.isoformat(),
        "last_seen": max(ind.first_seen, ind.last_seen).isoformat(),
        "Tag": [_tag(ind.tlp), {"name": f'xborder:kind="{ind.kind}"', "colour": "#0088CC"}],
    }


def _threat_level(report_count: int, loss_usd: Decimal) -> str:
    if loss_usd >= 10_000 or report_count >= 50:
        return "1"
    return "2" if report_count >= 5 else "3"


def _event(
    node: NodeIdentity,
    event_uuid: str,
    info: str,
    members: list[IndicatorFacts],
    tlps: list[str],
    threat_level: str,
    scam_types: Iterable[str],
) -> dict[str, Any]:
    modified = max(ind.modified for ind in members)
    tags = [_tag(most_restrictive(tlps))]
    tags += [{"name": f'xborder:scam-type="{t}"', "colour": "#0088CC"} for t in sorted(set(scam_types))]
    return {
        "uuid": event_uuid,
        "info": info,
        "date": min(ind.first_seen for ind in members).date().isoformat(),
        "threat_level_id": threat_level,
        "analysis": _ANALYSIS_ONGOING,
        "timestamp": _epoch(modified),
        "publish_timestamp": _epoch(modified),
        "published": True,
        "Orgc": {"name": node.name, "uuid": _uuid(f"misp-org:{node.country.upper()}")},
        "Tag": tags,
        "Attribute": [_attribute(event_uuid, ind) for ind in members],
    }


def _shareable(ind: IndicatorFacts) -> bool:
    return ind.tlp != RED and is_exportable(ind.kind, ind.value)


def misp_feed(
    node: NodeIdentity,
    networks: Iterable[NetworkFacts],
    indicators: Mapping[IndicatorKey, IndicatorFacts],
) -> MispFeed:
    """The feed for `networks` and `indicators` (pass only what may be published).

    A network's members are looked up in `indicators`; members missing there
    are left out, and so is a network with none left.
    """
    country = node.country.upper()
    events: dict[str, dict[str, Any]] = {}
    versions: dict[str, tuple[tuple[str, str], ...]] = {}
    grouped: set[IndicatorKey] = set()
    for net in networks:
        if net.tlp == RED:
            continue
        found = (indicators.get(key) for key in net.indicators)
        members = [ind for ind in found if ind is not None and _shareable(ind)]
        grouped.update(net.indicators)
        if not members:
            continue
        event_uuid = _uuid(f"misp-event:{country}:{net.network_id}")
        kinds = ", ".join(sorted(net.scam_types)) or "scam"
        info = f"xborder {country} network {net.network_id}: {kinds}, {net.report_count} reports"
        tlps = [net.tlp] + [ind.tlp for ind in members]
        events[event_uuid] = _event(
            node, event_uuid, info, members, tlps, _threat_level(net.report_count, net.loss_usd), net.scam_types
        )
        versions[event_uuid] = _versions(country, members)
    loose = [ind for key, ind in indicators.items() if key not in grouped and _shareable(ind)]
    if loose:
        event_uuid = _uuid(f"misp-event:{country}:loose")
        info = f"xborder {country}: reported indicators in no network"
        scam_types = {t for ind in loose for t in ind.scam_types}
        events[event_uuid] = _event(node, event_uuid, info, loose, [ind.tlp for ind in loose], "3", scam_types)
        versions[event_uuid] = _versions(country, loose)
    return MispFeed(
        manifest={u: _manifest_entry(e) for u, e in events.items()},
        events={u: {"Event": e} for u, e in events.items()},
        hashes=tuple(
            (hashlib.md5(a["value"].encode("utf-8"), usedforsecurity=False).hexdigest(), u)
            for u, e in events.items()
            for a in e["Attribute"]
        ),
        versions=versions,
    )


def _versions(country: str, members: list[IndicatorFacts]) -> tuple[tuple[str, str], ...]:
    return tuple((indicator_id(country, ind.kind, ind.value), stix_time(ind.modified)) for ind in members)


def _manifest_entry(event: dict[str, Any]) -> dict[str, Any]:
    keys = ("info", "date", "threat_level_id", "analysis", "timestamp", "Orgc", "Tag")
    return {k: event[k] for k in keys}


def feed_files(feed: MispFeed) -> dict[str, bytes]:
    """File name -> content, as a MISP feed directory holds them."""
    files = {"manifest.json": _dumps(feed.manifest)}
    for event_uuid, event in feed.events.items():
        files[f"{event_uuid}.json"] = _dumps(event)
    files["hashes.csv"] = "".join(f"{h},{u}\n" for h, u in feed.hashes).encode("utf-8")
    return files


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
