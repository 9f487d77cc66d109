"""What xborder.share.inbound hands back: one frozen type per STIX object it understands.

Fields shared by the SDOs and SROs: `id`, `created_by_ref` (the partner
identity that made it: provenance), `modified` (the newer wins), `revoked`,
and `tlp` (the most restrictive TLP 2.0 marking, None when unmarked; see
policy.effective_tlp).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


class StixError(ValueError):
    """A partner object that cannot be used; `field` names the offending property."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True, kw_only=True)
class _Versioned:
    id: str
    created_by_ref: str | None
    modified: datetime
    revoked: bool
    tlp: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class InboundIndicator(_Versioned):
    kind: str
    value: str  # canonical, checked
    valid_from: datetime
    confidence: int | None
    scam_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class InboundObservable:
    """A cyber-observable (SCO): unversioned, identified by its value."""

    id: str
    kind: str
    value: str  # canonical, checked
    tlp: str | None
    attrs: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class InboundGrouping(_Versioned):
    name: str | None
    context: str
    object_refs: tuple[str, ...]
    network_id: int | None = None
    report_count: int | None = None
    loss_usd: float | None = None
    countries: tuple[str, ...] = ()
    cross_border: bool = False
    scam_types: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class InboundSighting(_Versioned):
    sighting_of_ref: str
    count: int | None
    first_seen: datetime | None
    last_seen: datetime | None
    where_sighted_refs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class InboundIdentity(_Versioned):
    name: str
    identity_class: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class InboundRelationship(_Versioned):
    relationship_type: str
    source_ref: str
    target_ref: str


@dataclass(frozen=True, slots=True, kw_only=True)
class InboundNote(_Versioned):
    content: str
    abstract: str | None
    object_refs: tuple[str, ...]
    lang: str | None
    country: str | None
    scam_type: str | None
    reported_at: datetime | None


@dataclass(frozen=True, slots=True)
class Ignored:
    """An object accepted and not kept (marking and extension definitions)."""

    type: str
    id: str


InboundObject = (
    InboundIndicator
    | InboundObservable
    | InboundGrouping
    | InboundSighting
    | InboundIdentity
    | InboundRelationship
    | InboundNote
    | Ignored
)


@dataclass(frozen=True, slots=True)
class Envelope:
    """A TAXII 2.1 envelope: its parsed objects and paging."""

    objects: tuple[InboundObject, ...]
    more: bool
    next: str | None
