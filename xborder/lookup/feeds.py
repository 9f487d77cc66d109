"""Block-list feeds from the lookup index: the values a lookup calls malicious.

Formats: CSV, JSON and plain text per kind, a STIX 2.1 bundle per kind
(xborder.share.stix), a DNS RPZ zone of malicious domains (rpz.py) and the
allowlist of official values. Values that may never leave the node
(xborder.share.vocab.NEVER_EXPORTED: national ID numbers) have no feed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import time
import uuid
from datetime import datetime
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from xborder.lookup.allowlist import official_values
from xborder.lookup.index import LookupIndex
from xborder.lookup.verdict import MALICIOUS, VERDICTS
from xborder.share.extensions import reference_objects
from xborder.share.facts import IndicatorFacts, NodeIdentity
from xborder.share.stix import bundle, identity_object, indicator_objects
from xborder.share.vocab import EXPORTABLE_KINDS

FEED_KINDS: tuple[str, ...] = EXPORTABLE_KINDS
FORMATS: tuple[str, ...] = ("csv", "json", "txt", "stix")
ALLOWLIST_FORMATS: tuple[str, ...] = ("csv", "json")
# Block lists go to banks and telcos to act on inside their organisation.
FEED_TLP = "amber"
CSV_COLUMNS = ("kind", "value", "risk", "verdict", "report_count", "first_seen", "last_seen", "scam_types",
               "countries", "network")
_MALICIOUS = VERDICTS.index(MALICIOUS)


@lru_cache(maxsize=1 << 16)
def iso(seconds: float) -> str:
    """Whole seconds since 1970 as ISO 8601 UTC; cached, as many values share their dates."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def malicious_rows(index: LookupIndex, kind: str, now: float, since: float | None = None,
                   min_risk: int | None = None) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Rows of `kind` the verdict rule calls malicious (and last seen since / at least min_risk), by value."""
    rows = index.rows_of_kind(kind)
    risks = index.risks(rows, now)
    keep = index.verdict_codes(rows, risks) == _MALICIOUS
    if since is not None:
        keep &= index.cols.last[rows] >= since
    if min_risk is not None:
        keep &= risks >= min_risk
    rows, risks = rows[keep], risks[keep]
    order = sorted(range(len(rows)), key=lambda i: index.values[int(rows[i])])
    return rows[order], risks[order]


def _items(index: LookupIndex, rows: NDArray[np.int64], risks: NDArray[np.int64]) -> list[dict[str, Any]]:
    c = index.cols
    out = []
    for row, risk in zip(rows.tolist(), risks.tolist()):
        count = int(c.count[row])
        network = int(c.network[row])
        out.append({
            "value": index.values[row], "risk": risk, "report_count": count,
            "first_seen": iso(float(c.first[row])) if count else None,
            "last_seen": iso(float(c.last[row])) if count else None,
            "scam_types": [t for t in index.scam_types.decode(int(c.scam[row])) if t != "not_scam"],
            "countries": list(index.countries.decode(int(c.country[row]))),
            "network": None if network < 0 else network,
        })
    return out


def render_feed(index: LookupIndex, kind: str, fmt: str, now: float, *, since: float | None = None,
                min_risk: int | None = None, node: NodeIdentity | None = None, base_url: str = "") -> bytes:
    """The feed of malicious values of `kind` in `fmt` (csv, json, txt or stix).

    A STIX feed is a bundle that stands alone: the node's identity, xborder's
    extension definitions (schemas served under `base_url`) and the TLP
    markings come with the indicators.
    """
    rows, risks = malicious_rows(index, kind, now, since, min_risk)
    if fmt == "txt":
        return "".join(index.values[r] + "\n" for r in rows.tolist()).encode()
    items = _items(index, rows, risks)
    if fmt == "json":
        # No generation time in the body: an unchanged list keeps its ETag.
        doc = {"kind": kind, "verdict": MALICIOUS, "count": len(items), "items": items}
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for item in items:
            writer.writerow([kind, item["value"], item["risk"], MALICIOUS, item["report_count"],
                             item["first_seen"] or "", item["last_seen"] or "", ";".join(item["scam_types"]),
                             ";".join(item["countries"]), "" if item["network"] is None else item["network"]])
        return out.getvalue().encode()
    if fmt == "stix":
        if node is None:
            raise ValueError("a STIX feed needs the node's identity")
        return json.dumps(_stix(kind, items, node, base_url), ensure_ascii=False, separators=(",", ":")).encode()
    raise ValueError(f"unknown feed format {fmt!r}; formats: {', '.join(FORMATS)}")


def _stix(kind: str, items: list[dict[str, Any]], node: NodeIdentity, base_url: str) -> dict[str, Any]:
    objects = [identity_object(node), *reference_objects(base_url)]
    for item in items:
        if item["first_seen"] is None:
            continue  # confirmed by an analyst but never reported: no sighting to describe
        first = datetime.fromisoformat(item["first_seen"].replace("Z", "+00:00"))
        last = datetime.fromisoformat(item["last_seen"].replace("Z", "+00:00"))
        facts = IndicatorFacts(kind=kind, value=item["value"], first_seen=first, last_seen=last, modified=last,
                               report_count=item["report_count"], confidence=item["risk"], tlp=FEED_TLP,
                               scam_types=tuple(item["scam_types"]), countries=tuple(item["countries"]))
        objects.extend(indicator_objects(node, facts))
    # The bundle's id follows from its content, so an unchanged feed keeps its ETag.
    digest = hashlib.sha256(json.dumps(objects, sort_keys=True).encode()).hexdigest()
    return bundle(objects, bundle_id=f"bundle--{uuid.UUID(digest[:32], version=4)}")


def render_allowlist(fmt: str) -> bytes:
    """The official values of the warninglists, as CSV or JSON."""
    values = official_values()
    if fmt == "json":
        items = [{"kind": o.kind, "value": o.value, "match": o.match, "label": o.label, "list": o.list}
                 for o in values]
        return json.dumps({"count": len(items), "items": items}, ensure_ascii=False,
                          separators=(",", ":")).encode()
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("kind", "value", "match", "label", "list"))
        for o in values:
            writer.writerow((o.kind, o.value, o.match, o.label or "", o.list))
        return out.getvalue().encode()
    raise ValueError(f"unknown allowlist format {fmt!r}; formats: {', '.join(ALLOWLIST_FORMATS)}")

