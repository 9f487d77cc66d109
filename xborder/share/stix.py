"""Facts -> STIX 2.1 objects, as plain dicts ready for json.dumps.

Built by hand rather than with the stix2 library, which is far slower
(bench/share/build.py); tests check every object with stix2-validator and
stix2.parse. Ids are deterministic (vocab): an indicator keeps its id for
ever on its node, and each change is a new version with a later `modified`.

Per indicator a node serves four objects (indicator_objects): the SCO, the
`indicator` with its pattern, a `based-on` relationship from the indicator to
the SCO, and the node's `sighting` of it (report count, first and last seen).
The relationship and the sighting take the indicator's `modified`, so all
four change version together.

Callers pass only what the agreement lets out: a grouping's object_refs name
every indicator key of its NetworkFacts, so drop the others first.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from functools import lru_cache
from typing import Any

from xborder.share.facts import IndicatorFacts, NetworkFacts, NodeIdentity, ReportSummaryFacts
from xborder.share.timestamps import stix_time
from xborder.share.vocab import (
    GROUPING_EXT,
    INDICATOR_EXT,
    NOTE_EXT,
    SCO_ATTR_PROPS,
    SPEC_VERSION,
    TLP_MARKING_IDS,
    indicator_sco_id,
    sco_id,
    sco_type,
    xborder_id,
)

Obj = dict[str, Any]

# Node identities do not change once made: a constant created/modified keeps
# every copy of one identical on both sides.
IDENTITY_CREATED = "2025-01-01T00:00:00.000Z"
# STIX 2.1 sighting count range.
MAX_SIGHTING_COUNT = 999_999_999
_NEW_SCO = {"extension_type": "new-sco"}


@lru_cache(maxsize=64)
def identity_id(country: str) -> str:
    """The id of a node's identity, from its country alone."""
    return xborder_id("identity", f"node:{country.upper()}")


def indicator_id(country: str, kind: str, value: str) -> str:
    """The id of the indicator a node (by country) serves for one (kind, value)."""
    return xborder_id("indicator", f"{country.upper()}:{kind}:{value}")


def grouping_id(country: str, network_id: int) -> str:
    return xborder_id("grouping", f"{country.upper()}:{network_id}")


def note_id(country: str, report_id: int) -> str:
    return xborder_id("note", f"{country.upper()}:{report_id}")


def escape_pattern_string(value: str) -> str:
    """A value as the inside of a STIX pattern string literal ('...')."""
    return value.replace("\\", "\\\\").replace("'", "\\'")


def pattern_for(kind: str, value: str) -> str:
    """The STIX pattern that matches one (kind, value), e.g. [domain-name:value = 'a.com']."""
    sco = sco_type(kind, value)
    return f"[{sco.stix_type}:{sco.prop} = '{escape_pattern_string(value)}']"


def _marking(tlp: str) -> list[str]:
    try:
        return [TLP_MARKING_IDS[tlp]]
    except KeyError:
        raise ValueError(f"tlp: unknown TLP level {tlp!r}; known: {', '.join(TLP_MARKING_IDS)}") from None


def _created(first: datetime, modified: datetime) -> str:
    # created may not follow modified (STIX 2.1 section 3.2).
    return stix_time(min(first, modified))


def identity_object(node: NodeIdentity) -> Obj:
    """The node's `identity` SDO, the created_by_ref of all it serves."""
    return {
        "type": "identity",
        "spec_version": SPEC_VERSION,
        "id": identity_id(node.country),
        "created": IDENTITY_CREATED,
        "modified": IDENTITY_CREATED,
        "name": node.name,
        "description": f"xborder node of {node.country.upper()}",
        "identity_class": "organization",
        "sectors": ["government-national"],
    }


def sco_object(ind: IndicatorFacts) -> Obj:
    """The cyber-observable for one indicator value (same id on every node)."""
    sco = sco_type(ind.kind, ind.value)
    obj: Obj = {
        "type": sco.stix_type,
        "spec_version": SPEC_VERSION,
        "id": sco_id(sco.stix_type, {sco.prop: ind.value}),
        sco.prop: ind.value,
    }
    extra = SCO_ATTR_PROPS.get(ind.kind)
    if extra:
        for attr, prop in extra.items():
            got = ind.attrs.get(attr)
            if got:
                obj[prop] = got
    obj["object_marking_refs"] = _marking(ind.tlp)
    if sco.extension_id is not None:
        obj["extensions"] = {sco.extension_id: _NEW_SCO}
    return obj


def indicator_object(node: NodeIdentity, ind: IndicatorFacts) -> Obj:
    """The `indicator` SDO: pattern, validity, confidence, TLP, revocation."""
    pattern = pattern_for(ind.kind, ind.value)
    obj: Obj = {
        "type": "indicator",
        "spec_version": SPEC_VERSION,
        "id": indicator_id(node.country, ind.kind, ind.value),
        "created_by_ref": identity_id(node.country),
        "created": _created(ind.first_seen, ind.modified),
        "modified": stix_time(ind.modified),
        "name": f"{ind.kind} {ind.value}",
        "description": f"A {ind.kind.replace('_', ' ')} in scam reports to the xborder node of {node.country.upper()}",
        "indicator_types": ["malicious-activity"],
        "pattern": pattern,
        "pattern_type": "stix",
        "pattern_version": SPEC_VERSION,
        "valid_from": stix_time(ind.first_seen),
        "confidence": ind.confidence,
        "object_marking_refs": _marking(ind.tlp),
    }
    if ind.revoked:
        obj["revoked"] = True
    if ind.scam_types:
        obj["labels"] = sorted(ind.scam_types)
    ext: Obj = {"extension_type": "property-extension", "kind": ind.kind}
    if ind.countries:
        ext["countries"] = sorted(ind.countries)
    obj["extensions"] = {INDICATOR_EXT: ext}
    return obj


def relationship_object(node: NodeIdentity, ind: IndicatorFacts) -> Obj:
    """indicator --based-on--> SCO."""
    source = indicator_id(node.country, ind.kind, ind.value)
    return {
        "type": "relationship",
        "spec_version": SPEC_VERSION,
        "id": xborder_id("relationship", f"based-on:{source}"),
        "created_by_ref": identity_id(node.country),
        "created": _created(ind.first_seen, ind.modified),
        "modified": stix_time(ind.modified),
        "relationship_type": "based-on",
        "source_ref": source,
        "target_ref": indicator_sco_id(ind.kind, ind.value),
        "object_marking_refs": _marking(ind.tlp),
    }


def sighting_object(node: NodeIdentity, ind: IndicatorFacts) -> Obj:
    """The node's sighting of the indicator: how many reports cite it, first and last."""
    ref = indicator_id(node.country, ind.kind, ind.value)
    return {
        "type": "sighting",
        "spec_version": SPEC_VERSION,
        "id": xborder_id("sighting", ref),
        "created_by_ref": identity_id(node.country),
        "created": _created(ind.first_seen, ind.modified),
        "modified": stix_time(ind.modified),
        "first_seen": stix_time(ind.first_seen),
        "last_seen": stix_time(max(ind.first_seen, ind.last_seen)),
        "count": min(max(ind.report_count, 0), MAX_SIGHTING_COUNT),
        "sighting_of_ref": ref,
        "where_sighted_refs": [identity_id(node.country)],
        "object_marking_refs": _marking(ind.tlp),
    }


def indicator_objects(node: NodeIdentity, ind: IndicatorFacts) -> list[Obj]:
    """SCO, indicator, based-on relationship and sighting for one indicator."""
    return [
        sco_object(ind),
        indicator_object(node, ind),
        relationship_object(node, ind),
        sighting_object(node, ind),
    ]


def grouping_object(node: NodeIdentity, net: NetworkFacts) -> Obj:
    """A network as a `grouping` of its indicators (suspicious-activity)."""
    if not net.indicators:
        raise ValueError("indicators: a grouping needs at least one indicator (STIX object_refs)")
    ext: Obj = {
        "extension_type": "property-extension",
        "network_id": net.network_id,
        "report_count": net.report_count,
        "loss_usd": float(round(net.loss_usd, 2)),
        "cross_border": net.cross_border,
    }
    if net.countries:
        ext["countries"] = sorted(net.countries)
    if net.scam_types:
        ext["scam_types"] = sorted(net.scam_types)
    return {
        "type": "grouping",
        "spec_version": SPEC_VERSION,
        "id": grouping_id(node.country, net.network_id),
        "created_by_ref": identity_id(node.country),
        "created": _created(net.first_seen, net.modified),
        "modified": stix_time(net.modified),
        "name": f"{node.country.upper()} network {net.network_id}",
        "description": _network_description(net),
        "context": "suspicious-activity",
        "object_refs": sorted({indicator_id(node.country, k, v) for k, v in net.indicators}),
        "object_marking_refs": _marking(net.tlp),
        "extensions": {GROUPING_EXT: ext},
    }


def _network_description(net: NetworkFacts) -> str:
    kinds = ", ".join(sorted(net.scam_types)) or "unclassified"
    return (
        f"{net.report_count} reports ({kinds}) from {stix_time(net.first_seen)} "
        f"to {stix_time(net.last_seen)}, linked by shared indicators"
    )


def note_object(node: NodeIdentity, report: ReportSummaryFacts) -> Obj:
    """A redacted report summary as a `note` on the report's indicators."""
    refs: list[str] = sorted({indicator_id(node.country, k, v) for k, v in report.indicators})
    ext: Obj = {
        "extension_type": "property-extension",
        "country": report.country.upper(),
        "reported_at": stix_time(report.reported_at),
    }
    for name in ("province", "language", "scam_type"):
        got = getattr(report, name)
        if got:
            ext[name] = got
    obj: Obj = {
        "type": "note",
        "spec_version": SPEC_VERSION,
        "id": note_id(node.country, report.report_id),
        "created_by_ref": identity_id(node.country),
        "created": _created(report.reported_at, report.modified),
        "modified": stix_time(report.modified),
        "abstract": f"{report.scam_type or 'scam'} report filed in {report.country.upper()}",
        "content": report.narrative,
        # A note must point at something; with no shared indicator, at the node.
        "object_refs": refs or [identity_id(node.country)],
        "object_marking_refs": _marking(report.tlp),
        "extensions": {NOTE_EXT: ext},
    }
    if report.language in ("th", "km", "en"):
        obj["lang"] = report.language
    return obj


def bundle(objects: list[Obj], bundle_id: str | None = None) -> Obj:
    """A STIX bundle of `objects` (a fresh random id unless one is given)."""
    return {
        "type": "bundle",
        "id": bundle_id or f"bundle--{uuid.uuid4()}",
        "objects": objects,
    }

