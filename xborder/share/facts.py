"""What the store hands the sharing layer: plain facts, no personal data.

None of these types has a field for a reporter's name, contact or ID number,
so nothing built from them can carry one. A report's narrative arrives
already redacted (xborder.share.redact).

Times are aware UTC datetimes (xborder.core.clock.as_utc for naive ones).
`modified` is the time of the last change the partner should see; the store
makes it strictly increase on every change, and xborder.share.stix writes it
without losing a digit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

IndicatorKey = tuple[str, str]  # (kind, canonical value)


@dataclass(frozen=True, slots=True)
class NodeIdentity:
    """The node that shares: its country ("TH", "KH") and display name."""

    country: str
    name: str


@dataclass(frozen=True, slots=True)
class IndicatorFacts:
    kind: str
    value: str  # canonical (xborder.extract.canonicalize)
    first_seen: datetime
    last_seen: datetime
    modified: datetime
    report_count: int
    confidence: int  # 0-100: the node's risk score
    tlp: str  # one of xborder.core.taxonomy.TLP_LEVELS
    scam_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # where it was reported
    revoked: bool = False
    # "bank" (bank code, e.g. KBANK) for accounts, "chain" (btc/eth/trx) for wallets.
    attrs: Mapping[str, str] = field(default_factory=dict)

    @property
    def key(self) -> IndicatorKey:
        return (self.kind, self.value)


@dataclass(frozen=True, slots=True)
class NetworkFacts:
    network_id: int
    indicators: tuple[IndicatorKey, ...]
    first_seen: datetime
    last_seen: datetime
    modified: datetime
    report_count: int
    loss_usd: Decimal
    tlp: str
    scam_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    cross_border: bool = False


@dataclass(frozen=True, slots=True)
class ReportSummaryFacts:
    """One report as a partner may see it: where, when, what kind, redacted text."""

    report_id: int
    reported_at: datetime
    modified: datetime
    country: str
    tlp: str
    narrative: str  # already through xborder.share.redact.redact_narrative
    indicators: tuple[IndicatorKey, ...] = ()
    province: str | None = None
    language: str | None = None
    scam_type: str | None = None
