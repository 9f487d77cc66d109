"""STIX object building: xborder.share.stix against the stix2 library, on the same facts.

    python bench/share/build.py [--indicators 100000] [--baseline-indicators N]

Both build the `indicator` SDO of every indicator and serialise it to JSON,
which is what serving a TAXII page needs; the run first checks on 1,000 of
them that both give the same object. Also shown: xborder's four objects per
indicator (SCO, indicator, relationship, sighting). The stix2 library
validates each pattern with its ANTLR parser, hence the gap.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import stix2

from xborder.share.facts import IndicatorFacts, NodeIdentity
from xborder.share.stix import identity_id, indicator_id, indicator_object, indicator_objects, pattern_for
from xborder.share.timestamps import parse_time
from xborder.share.vocab import INDICATOR_EXT, TLP_MARKING_IDS

NODE = NodeIdentity("TH", "xborder-th")
T0 = datetime(2025, 1, 1, tzinfo=timezone.utc)


def synthetic_facts(n: int, seed: int = 7) -> list[IndicatorFacts]:
    """`n` indicators of every exportable kind, canonical-looking values, varied facts."""
    rng = random.Random(seed)
    makers: list[tuple[str, Callable[[int], str]]] = [
        ("phone", lambda i: f"+668{i:08d}"),
        ("bank_account", lambda i: f"{1000000000 + i}"),
        ("url", lambda i: f"https://pay-{i}.example.com/login?id={i}"),
        ("domain", lambda i: f"scam-{i}.example.com"),
        ("promptpay", lambda i: f"+669{i:08d}"),
        ("line_id", lambda i: f"shop{i}"),
        ("telegram", lambda i: f"boss{i:06d}"),
        ("email", lambda i: f"agent{i}@example.com"),
        ("ip", lambda i: f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}"),
        ("ussd", lambda i: f"*948*{i}#"),
    ]
    out = []
    for i in range(n):
        kind, make = makers[i % len(makers)]
        first = T0 + timedelta(minutes=rng.randrange(500_000))
        out.append(IndicatorFacts(
            kind=kind, value=make(i), first_seen=first, last_seen=first + timedelta(days=rng.randrange(90)),
            modified=first + timedelta(days=90, microseconds=rng.randrange(1_000_000)),
            report_count=rng.randrange(1, 40), confidence=rng.randrange(101), tlp=rng.choice(["clear", "green", "amber"]),
            scam_types=(rng.choice(["investment", "impersonation", "employment"]),), countries=("TH",),
        ))
    return out


def with_stix2(ind: IndicatorFacts) -> Any:
    return stix2.Indicator(
        id=indicator_id(NODE.country, ind.kind, ind.value),
        created_by_ref=identity_id(NODE.country),
        created=min(ind.first_seen, ind.modified),
        modified=ind.modified,
        name=f"{ind.kind} {ind.value}",
        description=f"A {ind.kind.replace('_', ' ')} in scam reports to the xborder node of {NODE.country}",
        indicator_types=["malicious-activity"],
        pattern=pattern_for(ind.kind, ind.value),
        pattern_type="stix",
        pattern_version="2.1",
        valid_from=ind.first_seen,
        confidence=ind.confidence,
        object_marking_refs=[TLP_MARKING_IDS[ind.tlp]],
        labels=list(ind.scam_types),
        extensions={INDICATOR_EXT: {"extension_type": "property-extension", "kind": ind.kind,
                                    "countries": list(ind.countries)}},
        allow_custom=True,
    )


def agree(facts: list[IndicatorFacts]) -> None:
    """Both builders must produce the same object, timestamps compared as times."""
    times = ("created", "modified", "valid_from")
    for ind in facts:
        ours = indicator_object(NODE, ind)
        theirs = json.loads(with_stix2(ind).serialize())
        for key in times:
            ours[key], theirs[key] = parse_time(ours[key]), parse_time(theirs[key])
        if ours != theirs:
            raise SystemExit(f"the builders disagree on {ind.kind} {ind.value}:\n{ours}\n{theirs}")


def timed(label: str, facts: list[IndicatorFacts], build: Callable[[IndicatorFacts], Any],
          dump: Callable[[Any], str], per_indicator: int = 1) -> float:
    start = time.perf_counter()
    size = 0
    for ind in facts:
        size += len(dump(build(ind)))
    seconds = time.perf_counter() - start
    objects = len(facts) * per_indicator
    print(f"{label:<46} {objects / seconds:>10,.0f} objects/s  ({seconds:7.2f} s for {objects:,}; {size / 1e6:,.1f} MB JSON)")
    return objects / seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--indicators", type=int, default=100_000)
    ap.add_argument("--baseline-indicators", type=int, default=None,
                    help="how many the stix2 library builds (default: as many)")
    args = ap.parse_args()
    facts = synthetic_facts(args.indicators)
    baseline = facts[: args.baseline_indicators or args.indicators]
    print(f"{len(facts):,} indicators of {len({f.kind for f in facts})} kinds")
    agree(facts[:1000])
    ours = timed("xborder.share.stix indicator_object + json", facts,
                 lambda f: indicator_object(NODE, f), json.dumps)
    timed("xborder.share.stix indicator_objects (4) + json", facts,
          lambda f: indicator_objects(NODE, f), json.dumps, per_indicator=4)
    theirs = timed("stix2.Indicator + serialize (baseline)", baseline, with_stix2, lambda o: o.serialize())
    print(f"speed-up on indicator objects: {ours / theirs:,.1f}x")


if __name__ == "__main__":
    main()
