"""Take in a page of a partner's STIX objects: check, keep the newest version, apply.

Used by the sync client for every page it pulls and by the TAXII server for
objects a partner POSTs. One page is one transaction:

- every object is parsed (xborder.share.inbound); one malformed object and
  PartnerImportError is raised with all of them named: nothing is applied;
- each object is checked against the agreement (kinds, TLP; notes only where
  narratives are agreed) and for provenance (created_by_ref must be the
  partner's identity); an object that fails is `rejected` on its own, never
  stored, and named in the page's audit row (in a page taken `whole`, as a
  POST is, it refuses the page instead: NotAllowed, nothing applied);
- a national ID number (a PromptPay ID that is one included) never comes in;
- the newest `modified` wins: an equal or older version is `unchanged`, and a
  revocation is final (STIX 2.1, 3.6);
- what changed is applied to this node's intelligence through pseudo-reports
  (xborder.actions.partner_reports), stored in partner_objects, logged one
  share_log row per version, and the page gets one audit row.

Networks that a withdrawn pseudo-report held together, and indicators that
became hubs, are re-partitioned after the commit (finish_import).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from xborder.actions.partner_effects import Candidate, PageEffects
from xborder.actions.partner_reports import still_cited
from xborder.actions.recompute import repartition_around
from xborder.core.actors import Actor
from xborder.core.clock import utcnow
from xborder.node import Node
from xborder.share.inbound import parse_object
from xborder.share.inbound_types import (
    Ignored,
    InboundIdentity,
    InboundIndicator,
    InboundNote,
    InboundObject,
    InboundObservable,
    InboundRelationship,
    InboundSighting,
    StixError,
)
from xborder.share.policy import Agreement, allows_import, allows_narratives, allows_tlp, effective_tlp, is_active
from xborder.share.stix import identity_id
from xborder.share.timestamps import parse_time
from xborder.share.vocab import XBORDER_IDENTITY_ID, is_national_id
from xborder.store.audit import append_audit
from xborder.store.partner_objects import (
    PartnerRow,
    StoredObject,
    current_agreement,
    lock_partner,
    log_imports,
    stored_objects,
)

log = logging.getLogger(__name__)

# Same bound as the inbound parser's for a bundle: a page is at most this.
MAX_PAGE_OBJECTS = 10_000
_SAMPLE = 20  # rejected objects named in the audit row


class PartnerImportError(ValueError):
    """Nothing of the page was applied; `errors` are [{"index", "field", "message"}]."""

    def __init__(self, message: str, errors: Sequence[dict[str, Any]] = (), field: str = "objects") -> None:
        super().__init__(message)
        self.errors = list(errors)
        self.field = field


class NotAllowed(PartnerImportError):
    """Objects the agreement or provenance keeps out, in a page that had to be taken whole or not at all."""


@dataclass(frozen=True, slots=True)
class ObjectResult:
    index: int  # position in the page
    stix_id: str
    stix_type: str
    # created | updated: stored (and applied); unchanged: this version or a
    # newer one is already here; ignored: accepted and not kept (marking and
    # extension definitions); rejected: the agreement or provenance forbids it.
    status: str
    reason: str | None = None


@dataclass
class ImportResult:
    results: list[ObjectResult]
    audit_seq: int | None = None
    # For finish_import: indicators whose networks may have to split or merge.
    touched_indicators: set[int] = field(default_factory=set)
    # Indicators whose evidence the page changed (pseudo-reports filed, moved or withdrawn).
    evidence_changed: set[int] = field(default_factory=set)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def taken(self) -> int:
        return self.count("created") + self.count("updated")


def apply_partner_objects(node: Node, partner: PartnerRow, objects: Sequence[Any], *, acting: Actor,
                          whole: bool = False) -> ImportResult:
    """Apply one page of objects from `partner` in one transaction, then re-partition what it touched.

    With `whole`, an object the agreement or provenance keeps out refuses
    the page (NotAllowed) instead of being `rejected` on its own: what a
    partner POSTs is taken whole or not at all, while a pulled page keeps
    what it may (refusing it would stall the pull on it for ever).
    """
    with node.engine.begin() as conn:
        done = import_page(conn, node, partner, objects, acting=acting, whole=whole)
    finish_import(node, done, acting=acting)
    return done


def import_page(conn: Connection, node: Node, partner: PartnerRow, objects: Sequence[Any], *, acting: Actor,
                now: datetime | None = None, whole: bool = False) -> ImportResult:
    """apply_partner_objects inside the caller's transaction (the sync saves its cursor in the same one)."""
    now = now or utcnow()
    lock_partner(conn, partner.id)
    agreement = _live_agreement(partner, current_agreement(conn, partner))
    candidates = _parse(objects)
    results: dict[int, ObjectResult] = {}
    accepted: list[Candidate] = []
    expected_identity = identity_id(partner.country)
    for cand in candidates:
        if isinstance(cand.obj, Ignored) or (isinstance(cand.obj, InboundIdentity)
                                             and cand.obj.id == XBORDER_IDENTITY_ID):
            # Reference data every node serves alike: TLP markings, extension
            # definitions and the xborder project identity that signs them.
            results[cand.index] = ObjectResult(cand.index, cand.obj.id, cand.stix_type, "ignored")
            continue
        reason = _refusal(cand.obj, agreement, expected_identity, partner)
        if reason is not None:
            results[cand.index] = ObjectResult(cand.index, cand.obj.id, cand.stix_type, "rejected", reason)
        else:
            accepted.append(cand)
    accepted = _without_refs_to(accepted, {r.stix_id for r in results.values() if r.status == "rejected"}, results)
    if whole:
        _refuse_rejected(objects, results)

    fresh = _newest_versions(conn, partner, accepted, results)
    page = PageEffects(conn, node, partner, acting, now)
    page.apply(fresh)
    for index, status in page.statuses.items():
        results[index] = ObjectResult(index, page.ids[index], page.types[index], status)

    ordered = [results[i] for i in sorted(results)]
    versions = [(c.obj.id, c.raw.get("modified", "")) for c in fresh]
    rejected = [r for r in ordered if r.status == "rejected"]
    details: dict[str, Any] = {
        "partner": partner.name, "objects": len(ordered),
        "counts": {s: sum(1 for r in ordered if r.status == s)
                   for s in ("created", "updated", "unchanged", "ignored", "rejected")},
        "digest": hashlib.sha256(json.dumps(versions, separators=(",", ":")).encode()).hexdigest(),
        "rejected": [{"id": r.stix_id, "reason": r.reason} for r in rejected[:_SAMPLE]],
        # Readers that cache evidence (the lookup index) reload these; see
        # store.partner_objects.evidence_changes.
        "indicators": sorted(page.evidence()),
    }
    seq = append_audit(conn, acting=acting, action="import_partner_objects", object_type="partner",
                       object_id=partner.id, details=details, at=now)
    log_imports(conn, partner.id, versions, now, seq)
    if rejected:
        log.warning("partner %s: %d object(s) rejected, e.g. %s: %s", partner.name, len(rejected),
                    rejected[0].stix_id, rejected[0].reason)
    return ImportResult(ordered, seq, still_cited(conn, page.touched), page.evidence())


def finish_import(node: Node, done: ImportResult, *, acting: Actor) -> None:
    """After the commit: re-partition networks around indicators the page withdrew or made hubs."""
    if not done.touched_indicators:
        return
    try:
        repartition_around(node, sorted(done.touched_indicators), acting=acting)
    except Exception:
        # The import is committed; `xborder link --full` redoes this.
        log.exception("re-partitioning after a partner import failed; run xborder link --full")


def _live_agreement(partner: PartnerRow, agreement: Agreement | None) -> Agreement:
    if agreement is None:
        raise PartnerImportError(f"there is no sharing agreement with {partner.name}: nothing is taken in",
                                 field="agreement")
    if not is_active(agreement):
        state = "revoked" if agreement.revoked else "suspended"
        raise PartnerImportError(f"the sharing agreement with {partner.name} is {state}: nothing is taken in",
                                 field="agreement")
    return agreement


def _parse(objects: Sequence[Any]) -> list[Candidate]:
    if not isinstance(objects, (list, tuple)):
        raise PartnerImportError("objects: must be a list", [{"index": None, "field": "objects",
                                                              "message": "must be a list"}])
    if len(objects) > MAX_PAGE_OBJECTS:
        message = f"has {len(objects)} objects; at most {MAX_PAGE_OBJECTS} are taken at once"
        raise PartnerImportError(f"objects: {message}", [{"index": None, "field": "objects", "message": message}])
    out: list[Candidate] = []
    errors: list[dict[str, Any]] = []
    for i, raw in enumerate(objects):
        try:
            obj = parse_object(raw)
        except StixError as exc:
            errors.append({"index": i, "field": f"objects[{i}].{exc.field}", "message": exc.message})
            continue
        modified = getattr(obj, "modified", None)
        out.append(Candidate(i, obj, raw, str(raw.get("type")), modified))
    if errors:
        first = errors[0]
        raise PartnerImportError(
            f"{len(errors)} of {len(objects)} objects cannot be used, so nothing of them was applied; "
            f"first: {first['field']}: {first['message']}", errors)
    return out


def _refuse_rejected(objects: Sequence[Any], results: dict[int, ObjectResult]) -> None:
    refused = sorted((r for r in results.values() if r.status == "rejected"), key=lambda r: r.index)
    if not refused:
        return
    errors = [{"index": r.index, "field": f"objects[{r.index}]", "id": r.stix_id, "message": r.reason}
              for r in refused]
    first = refused[0]
    raise NotAllowed(f"{len(refused)} of {len(objects)} objects are not allowed, so nothing of them was applied; "
                     f"first: objects[{first.index}] {first.stix_id}: {first.reason}", errors, field="agreement")


def _refusal(obj: InboundObject, agreement: Agreement, identity: str, partner: PartnerRow) -> str | None:
    """Why the agreement or provenance keeps `obj` out; None when it may come in."""
    tlp = getattr(obj, "tlp", None)
    if isinstance(obj, (InboundIndicator, InboundObservable)):
        if is_national_id(obj.kind, obj.value):
            return f"{obj.kind} {obj.id} is a national ID number, which never crosses between nodes"
        if not allows_import(agreement, obj.kind, tlp):
            return _policy_reason(agreement, obj.kind, tlp)
    elif not allows_tlp(agreement, effective_tlp(tlp)):
        return _policy_reason(agreement, None, tlp)
    if isinstance(obj, InboundNote) and not allows_narratives(agreement):
        return "the agreement does not take report narratives (narratives: none)"
    if isinstance(obj, InboundIdentity):
        if obj.id != identity:
            return f"identity {obj.id} is not {partner.name}'s ({identity})"
        return None
    if isinstance(obj, InboundObservable):
        return None
    made_by = getattr(obj, "created_by_ref", None)
    if made_by != identity:
        return f"created_by_ref is {made_by or 'missing'}, not {partner.name}'s identity {identity}"
    return None


def _without_refs_to(accepted: list[Candidate], rejected: set[str],
                     results: dict[int, ObjectResult]) -> list[Candidate]:
    """Sightings and relationships about an object kept out are kept out with it."""
    if not rejected:
        return accepted
    kept = []
    for cand in accepted:
        obj = cand.obj
        about = ({obj.sighting_of_ref} if isinstance(obj, InboundSighting)
                 else {obj.source_ref, obj.target_ref} if isinstance(obj, InboundRelationship) else set())
        if about & rejected:
            results[cand.index] = ObjectResult(cand.index, obj.id, cand.stix_type, "rejected",
                                               f"refers to {sorted(about & rejected)[0]}, which is kept out")
        else:
            kept.append(cand)
    return kept


def _policy_reason(agreement: Agreement, kind: str | None, tlp: str | None) -> str:
    level = effective_tlp(tlp)
    if level == "red":
        return "TLP:RED never crosses between nodes"
    if kind is not None and kind not in agreement.kinds:
        return f"kind {kind} is not in the agreement ({', '.join(sorted(agreement.kinds)) or 'none'})"
    if kind is not None and not allows_import(agreement, kind, "clear"):
        return f"kind {kind} is never shared"
    return f"TLP:{level.upper()} is above the agreement's TLP:{agreement.tlp_max.upper()}"


def _newest_versions(conn: Connection, partner: PartnerRow, accepted: list[Candidate],
                     results: dict[int, ObjectResult]) -> list[Candidate]:
    """The candidates that are newer than what is stored (and than their twins in the page)."""
    best: dict[str, Candidate] = {}
    for cand in accepted:
        cur = best.get(cand.obj.id)
        if cur is None or _newer(cand.modified, cur.modified):
            if cur is not None:
                results[cur.index] = ObjectResult(cur.index, cur.obj.id, cur.stix_type, "unchanged",
                                                  "a newer version is in the same page")
            best[cand.obj.id] = cand
        else:
            results[cand.index] = ObjectResult(cand.index, cand.obj.id, cand.stix_type, "unchanged",
                                               "a newer version is in the same page")
    stored = stored_objects(conn, partner.id, list(best))
    fresh: list[Candidate] = []
    for sid, cand in best.items():
        have = stored.get(sid)
        if have is not None:
            reason = _stale(have, cand)
            if reason is not None:
                results[cand.index] = ObjectResult(cand.index, sid, cand.stix_type, "unchanged", reason)
                continue
        fresh.append(cand)
    return sorted(fresh, key=lambda c: c.index)


def _newer(a: datetime | None, b: datetime | None) -> bool:
    return a is not None and (b is None or a > b)


def _stale(have: StoredObject, cand: Candidate) -> str | None:
    if have.revoked:
        return "revoked earlier: a revocation is final"
    if cand.modified is None or not have.modified:
        return "already here"  # SCOs are immutable
    if cand.modified <= parse_time(have.modified):
        return "this version or a newer one is already here"
    return None


__all__ = ["ImportResult", "NotAllowed", "ObjectResult", "PartnerImportError", "apply_partner_objects",
           "finish_import", "import_page"]
