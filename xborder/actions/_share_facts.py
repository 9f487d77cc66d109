"""Store rows -> the sharing layer's facts (xborder.share.facts). No I/O here.

Only this node's own reports count (the store hands over nothing else):
report counts, first and last seen, countries, scam types, the TLP and the
confidence all come from local reports and analysts' marks. A partner's
sighting raises our lookup score, but echoing it back as our confidence
would let two nodes inflate each other's numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

import numpy as np

from xborder.core.clock import as_utc
from xborder.core.money import convert
from xborder.core.taxonomy import SCAM_TYPES
from xborder.link.indicator_risk import VERDICT_EVIDENCE
from xborder.link.risk import risk_scores
from xborder.share.facts import IndicatorFacts, IndicatorKey, NetworkFacts
from xborder.share.markings import RED, TLP_RANK, most_restrictive
from xborder.share.policy import Agreement, allows_export
from xborder.share.vocab import is_exportable
from xborder.store.share import IndicatorRows, NetworkRows

_SCAM_TYPES = frozenset(SCAM_TYPES)


@dataclass
class _Seen:
    reports: set[int] = field(default_factory=set)
    first: datetime | None = None
    last: datetime | None = None
    tlp: str | None = None  # the most permissive of its reports
    countries: set[str] = field(default_factory=set)
    scam_types: set[str] = field(default_factory=set)


def most_permissive(levels: Iterable[str]) -> str:
    return min(levels, key=TLP_RANK.__getitem__)


def indicator_facts(rows: IndicatorRows, now: datetime) -> dict[int, IndicatorFacts]:
    """indicator id -> its facts, for the indicators that have something to say.

    Left out: kinds and values that never leave the node (national IDs, a
    PromptPay ID that is one included), values no local report cites,
    and TLP:RED ones (nothing of them is ever served). A warninglisted value
    comes back revoked: an official number must be withdrawn, not scored.
    """
    wanted = [r for r in rows.indicators if is_exportable(r.kind, r.value)]
    index = {r.id: i for i, r in enumerate(wanted)}
    seen = [_Seen() for _ in wanted]
    ev_ind: list[int] = []
    ev_kind: list[str] = []
    ev_at: list[datetime] = []
    ev_source: list[str] = []
    for r in rows.reports:
        i = index.get(r.indicator_id)
        if i is None:
            continue
        at = as_utc(r.reported_at)
        s = seen[i]
        s.reports.add(r.report_id)
        s.first = at if s.first is None else min(s.first, at)
        s.last = at if s.last is None else max(s.last, at)
        s.tlp = r.tlp if s.tlp is None else most_permissive((s.tlp, r.tlp))
        s.countries.add(r.country)
        if r.scam_type in _SCAM_TYPES:
            s.scam_types.add(r.scam_type)
        ev_ind.append(i)
        ev_kind.append("report")
        ev_at.append(at)
        ev_source.append(f"report:{r.report_id}")
    verdicts: dict[int, tuple[datetime, bool]] = {}
    for m in rows.marks:
        i = index.get(m.indicator_id)
        if i is None or m.verdict not in VERDICT_EVIDENCE:
            continue
        at = as_utc(m.created_at)
        ev_ind.append(i)
        ev_kind.append(VERDICT_EVIDENCE[m.verdict])
        ev_at.append(at)
        ev_source.append(m.actor)
        # The latest verdict wins; on the same instant a false positive wins (as in link.risk).
        key = (at, m.verdict == "false_positive")
        if i not in verdicts or key > verdicts[i]:
            verdicts[i] = key
    scores = risk_scores([r.kind for r in wanted], ev_ind, ev_kind,
                         np.array([a.replace(tzinfo=None) for a in ev_at], dtype="datetime64[us]"), ev_source, now)
    out: dict[int, IndicatorFacts] = {}
    for i, r in enumerate(wanted):
        s = seen[i]
        if not s.reports or s.first is None or s.last is None:
            continue
        tlp = r.tlp or s.tlp or "amber"
        if tlp == RED:
            continue
        revoked = bool(r.warninglist) or (i in verdicts and verdicts[i][1])
        out[r.id] = IndicatorFacts(
            kind=r.kind, value=r.value, first_seen=s.first, last_seen=s.last, modified=now,
            report_count=len(s.reports), confidence=0 if r.warninglist else int(scores.score[i]), tlp=tlp,
            scam_types=tuple(sorted(s.scam_types)), countries=tuple(sorted(s.countries)), revoked=revoked,
        )
    return out


@dataclass(frozen=True)
class Member:
    """A published indicator as an agreement filter sees it."""

    key: IndicatorKey
    tlp: str
    confidence: int


def network_facts(rows: NetworkRows, members: Mapping[int, Member], agreement: Agreement,
                  rates: Mapping[str, Decimal], now: datetime) -> NetworkFacts | None:
    """The network as one agreement may see it; None when it has nothing to show that partner.

    Its indicators are those the agreement lets out; its TLP the most
    restrictive of theirs (the grouping tells which of them go together).
    """
    if rows.network.status != "active" or not rows.reports:
        return None
    shown = sorted({members[i].key: members[i] for i in rows.indicator_ids
                    if i in members and allows_export(agreement, members[i].key[0], members[i].tlp,
                                                      members[i].confidence)}.values(), key=lambda m: m.key)
    if not shown:
        return None
    loss_thb = sum((Decimal(str(r.loss_thb)) for r in rows.reports if r.loss_thb is not None), Decimal(0))
    countries = sorted({r.country for r in rows.reports})
    times = [as_utc(r.reported_at) for r in rows.reports]
    return NetworkFacts(
        network_id=rows.network.id, indicators=tuple(m.key for m in shown), first_seen=min(times),
        last_seen=max(times), modified=now, report_count=len({r.report_id for r in rows.reports}),
        loss_usd=convert(loss_thb, "THB", "USD", dict(rates)).quantize(Decimal("0.01")),
        tlp=most_restrictive(m.tlp for m in shown),
        scam_types=tuple(sorted({r.scam_type for r in rows.reports if r.scam_type in _SCAM_TYPES})),
        countries=tuple(countries), cross_border=len(countries) > 1,
    )


def without(obj: Mapping[str, Any], names: Sequence[str] = ("modified", "created")) -> dict[str, Any]:
    """An object minus its version stamps: two versions with equal rests say the same thing."""
    return {k: v for k, v in obj.items() if k not in names}
