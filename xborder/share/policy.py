"""What a sharing agreement lets cross the border, as pure rules.

Rules that no agreement can lift:
- TLP:RED never leaves a node and is never accepted from a partner: it is
  for named recipients only, which a machine-to-machine feed cannot honour.
- Kinds in vocab.NEVER_EXPORTED (national_id) never go out or come in.
- A suspended or revoked agreement lets nothing out and nothing in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from xborder.core.indicators import KINDS
from xborder.share.markings import RED, TLP_RANK, check_tlp, levels_up_to
from xborder.share.vocab import EXPORTABLE_KINDS

NARRATIVES: tuple[str, ...] = ("none", "redacted")
# The most a partner can ever get, whatever an agreement's tlp_max says.
TLP_CEILING = "amber+strict"
MAX_RETENTION_DAYS = 36500
# How an object that carries no TLP marking is handled. Nothing says it may go
# further than the partner's community, so not as clear: as amber.
UNMARKED_TLP = "amber"


@dataclass(frozen=True, slots=True)
class Agreement:
    """One partner's sharing agreement, as stored (xborder.store side fills it)."""

    kinds: frozenset[str]
    tlp_max: str
    min_confidence: int
    narratives: str = "none"
    purpose: str = ""
    retention_days: int = 365
    suspended: bool = False
    revoked: bool = False
    partner: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        check_agreement(self)


def check_agreement(agreement: Agreement) -> Agreement:
    """Raise ValueError naming the field when an agreement is not well-formed."""
    unknown = sorted(set(agreement.kinds) - set(KINDS))
    if unknown:
        raise ValueError(f"kinds: unknown indicator kinds {', '.join(unknown)}; known: {', '.join(KINDS)}")
    try:
        check_tlp(agreement.tlp_max)
    except ValueError as exc:
        raise ValueError(f"tlp_max: {exc}") from None
    if isinstance(agreement.min_confidence, bool) or not 0 <= agreement.min_confidence <= 100:
        raise ValueError("min_confidence: must be an integer from 0 to 100")
    if agreement.narratives not in NARRATIVES:
        raise ValueError(f"narratives: must be one of {', '.join(NARRATIVES)}")
    if isinstance(agreement.retention_days, bool) or not 1 <= agreement.retention_days <= MAX_RETENTION_DAYS:
        raise ValueError(f"retention_days: must be an integer from 1 to {MAX_RETENTION_DAYS}")
    return agreement


def parse_kinds(text: str) -> frozenset[str]:
    """Kinds from their stored form, a comma-separated list ("phone,url"); ValueError on unknown ones."""
    kinds = frozenset(k.strip() for k in text.split(",") if k.strip())
    unknown = sorted(kinds - set(KINDS))
    if unknown:
        raise ValueError(f"kinds: unknown indicator kinds {', '.join(unknown)}")
    return kinds


def format_kinds(kinds: frozenset[str]) -> str:
    """The stored form of a set of kinds, in KINDS order."""
    return ",".join(k for k in KINDS if k in kinds)


def is_active(agreement: Agreement) -> bool:
    return not (agreement.suspended or agreement.revoked)


def export_tlps(agreement: Agreement) -> tuple[str, ...]:
    """TLP levels the agreement lets out (for SQL filters); empty when nothing may go."""
    if not is_active(agreement):
        return ()
    ceiling = min(TLP_RANK[check_tlp(agreement.tlp_max)], TLP_RANK[TLP_CEILING])
    return tuple(level for level in levels_up_to(TLP_CEILING) if TLP_RANK[level] <= ceiling)


def export_kinds(agreement: Agreement) -> tuple[str, ...]:
    """Indicator kinds the agreement lets out (for SQL filters); empty when nothing may go."""
    if not is_active(agreement):
        return ()
    return tuple(k for k in EXPORTABLE_KINDS if k in agreement.kinds)


def allows_tlp(agreement: Agreement, tlp: str) -> bool:
    """Whether an object marked `tlp` may cross under this agreement, either way."""
    level = check_tlp(tlp)
    return level != RED and level in export_tlps(agreement)


def allows_export(agreement: Agreement, kind: str, tlp: str, confidence: int) -> bool:
    """Whether one of this node's indicators may go to the partner."""
    return (
        kind in export_kinds(agreement)
        and allows_tlp(agreement, tlp)
        and confidence >= agreement.min_confidence
    )


def allows_import(agreement: Agreement, kind: str, tlp: str | None) -> bool:
    """Whether an indicator the partner posts or serves may be taken in.

    The same kinds and TLP ceiling as for export bind the partner; its
    confidence is its own judgement and is kept, not filtered. An object with
    no TLP marking counts as UNMARKED_TLP.
    """
    return kind in export_kinds(agreement) and allows_tlp(agreement, effective_tlp(tlp))


def effective_tlp(tlp: str | None) -> str:
    """The TLP level an object is handled under: its own, else UNMARKED_TLP."""
    return UNMARKED_TLP if tlp is None else check_tlp(tlp)


def allows_narratives(agreement: Agreement) -> bool:
    """Whether redacted report narratives go to the partner."""
    return is_active(agreement) and agreement.narratives == "redacted"


def retention_cutoff(agreement: Agreement, now: datetime) -> datetime:
    """Partner data last modified before this time is to be purged."""
    return now - timedelta(days=agreement.retention_days)
