"""Pull partners' TAXII collections into this node: `xborder sync`, and the loop in `xborder serve`.

Per page: the objects are applied (partner_import.import_page) and the
cursor (the page's X-TAXII-Date-Added-Last) is saved in the same
transaction, so a pull killed half-way resumes after the last page it
committed and never skips one. After the pages, partner data older than
the agreement's retention is purged.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from xborder.actions.partner_import import ImportResult, PartnerImportError, finish_import, import_page
from xborder.actions.partner_reports import (
    drop_observations,
    partner_reports_citing,
    pseudo_external_id,
    reports_by_external_id,
    still_cited,
    withdraw_reports,
)
from xborder.actions.recompute import repartition_around
from xborder.core.actors import Actor
from xborder.core.clock import utcnow
from xborder.node import Node
from xborder.share.client import BearerAuth, RetryPolicy, TaxiiClient, TaxiiError
from xborder.share.policy import retention_cutoff
from xborder.share.timestamps import parse_time
from xborder.store.audit import append_audit
from xborder.store.partner_objects import (
    PartnerRow,
    current_agreement,
    delete_objects,
    expired_objects,
    get_cursor,
    get_partner,
    lock_partner,
    pull_partners,
    refresh_statistics,
    save_cursor,
    set_report_ids,
)
from xborder.store.personal import PersonalDataError

log = logging.getLogger(__name__)

# Objects created in one pull past which the planner's statistics are refreshed (then at each doubling).
ANALYZE_FIRST = 5000


class SyncError(RuntimeError):
    """A pull that could not run or stopped; the message says what to do. Committed pages stay."""


@dataclass
class SyncOutcome:
    partner: str
    pages: int = 0
    objects: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    ignored: int = 0
    rejected: int = 0
    purged: int = 0
    cursor: str | None = None
    # Set when the pull did not run because the agreement is suspended here.
    skipped: str | None = None
    rejections: list[str] = field(default_factory=list)

    def add(self, done: ImportResult) -> None:
        self.pages += 1
        self.objects += len(done.results)
        for status in ("created", "updated", "unchanged", "ignored", "rejected"):
            setattr(self, status, getattr(self, status) + done.count(status))
        self.rejections += [f"{r.stix_id}: {r.reason}" for r in done.results if r.status == "rejected"][:5]


@dataclass(frozen=True)
class _Source:
    partner: PartnerRow
    collection: str
    url: str
    token: str


def sync_partner(node: Node, partner_name: str, *, acting: Actor, limit: int | None = None,
                 from_start: bool = False, retry: RetryPolicy | None = None,
                 on_page: Callable[[SyncOutcome], None] | None = None) -> SyncOutcome:
    """Pull everything the partner added since our cursor, page by page, then purge expired data.

    `from_start` ignores the cursor and pulls the whole collection again
    (after the partner rebuilt its node, say); what is already here comes
    back `unchanged`.

    SyncError when the partner, its agreement or its pull settings are
    missing, when its server fails or refuses us, or when a page cannot be
    applied; the pages before it stay applied and the cursor stays after them.
    """
    outcome = SyncOutcome(partner_name)
    source = _source(node, partner_name, outcome)
    if source is None:
        return outcome
    with node.engine.connect() as conn:
        cursor = None if from_start else get_cursor(conn, source.partner.id, source.collection)
    outcome.cursor = cursor
    try:
        client = TaxiiClient(source.url, auth=BearerAuth(source.token), ca_bundle=node.settings.taxii_ca_bundle,
                             retry=retry or RetryPolicy())
    except ValueError as exc:
        raise SyncError(f"{partner_name}: {exc}") from None
    analyze_at = ANALYZE_FIRST
    with client:
        try:
            for page in client.pages(source.collection, added_after=cursor, limit=limit):
                _apply_page(node, source, page.objects, page.date_added_last or outcome.cursor, outcome, acting,
                            from_start)
                if outcome.created >= analyze_at:
                    # Each time the partner's objects have doubled: a handful of
                    # ANALYZE runs in a first pull of any size, none in a routine one.
                    with node.engine.begin() as conn:
                        refresh_statistics(conn)
                    analyze_at = 2 * outcome.created
                if on_page is not None:
                    on_page(outcome)
        except TaxiiError as exc:
            raise SyncError(f"{partner_name}: {exc}") from None
    outcome.purged = purge_partner(node, partner_name, acting=acting)
    return outcome


def _source(node: Node, name: str, outcome: SyncOutcome) -> _Source | None:
    with node.engine.connect() as conn:
        partner = get_partner(conn, name)
        if partner is None:
            raise SyncError(f"no partner {name!r}; add it with `xborder partner add`")
        agreement = current_agreement(conn, partner)
    if agreement is None:
        raise SyncError(f"{name}: there is no sharing agreement; set one with `xborder agreement set {name}`")
    if agreement.revoked:
        raise SyncError(f"{name}: the sharing agreement is revoked; nothing is pulled")
    if agreement.suspended:
        outcome.skipped = "the sharing agreement is suspended here"
        return None
    missing = [what for what, value in (("--taxii-url", partner.taxii_url), ("--pull-collection",
               partner.pull_collection), ("--pull-token-file", partner.pull_credential)) if not value]
    if missing:
        raise SyncError(f"{name}: nowhere to pull from: the partner has no {', '.join(missing)} "
                        "(set them with `xborder partner add`)")
    try:
        sealed = node.box.open(partner.pull_credential or b"")
    except PersonalDataError as exc:
        raise SyncError(f"{name}: our token for its server cannot be read: {exc}") from None
    token = sealed.get("token") if isinstance(sealed, dict) else None
    if not isinstance(token, str) or not token.strip():
        raise SyncError(f"{name}: the stored pull credential holds no token")
    return _Source(partner, partner.pull_collection or "", partner.taxii_url or "", token)


def _apply_page(node: Node, source: _Source, objects: list[dict], cursor: str | None, outcome: SyncOutcome,
                acting: Actor, from_start: bool) -> None:
    if not objects and cursor == outcome.cursor:
        return
    try:
        with node.engine.begin() as conn:
            now = utcnow()
            done = import_page(conn, node, source.partner, objects, acting=acting, now=now) if objects else None
            if cursor is not None and (from_start or _ahead(cursor, get_cursor(conn, source.partner.id,
                                                                               source.collection))):
                save_cursor(conn, source.partner.id, source.collection, cursor, now)
    except PartnerImportError as exc:
        # On the record like a refused POST: the MOU review sees what the partner sent that we did not take.
        with node.engine.begin() as conn:
            append_audit(conn, acting=acting, action="share_import_refused", object_type="partner",
                         object_id=source.partner.id,
                         details={"partner": source.partner.name, "page": outcome.pages + 1, "objects": len(objects),
                                  "cursor": outcome.cursor, "reason": str(exc)[:500], "errors": exc.errors[:20]})
        raise SyncError(f"{source.partner.name}: page {outcome.pages + 1} was refused and nothing of it applied "
                        f"({exc}); the next sync starts again from it") from None
    outcome.cursor = cursor
    if done is not None:
        outcome.add(done)
        finish_import(node, done, acting=acting)


def _ahead(new: str, stored: str | None) -> bool:
    """Whether `new` moves the cursor on: a slower pull running beside a faster one never moves it back."""
    if stored is None:
        return True
    try:
        return parse_time(new) > parse_time(stored)
    except ValueError:
        return new != stored  # a server's own cursor format: the newest page's is the one to keep


def sync_all(node: Node, *, acting: Actor) -> dict[str, SyncOutcome | SyncError]:
    """sync_partner for every partner that has somewhere to pull from; one failure does not stop the others."""
    with node.engine.connect() as conn:
        names = [p.name for p in pull_partners(conn) if p.taxii_url and p.pull_collection]
    results: dict[str, SyncOutcome | SyncError] = {}
    for name in names:
        try:
            results[name] = sync_partner(node, name, acting=acting)
        except SyncError as exc:
            results[name] = exc
    return results


def purge_partner(node: Node, partner_name: str, *, acting: Actor, now: datetime | None = None) -> int:
    """Delete the partner's objects that arrived longer ago than the agreement's retention, and their effect.

    Returns how many objects went. Without an agreement nothing is purged
    (there is no retention to apply).
    """
    now = now or utcnow()
    with node.engine.begin() as conn:
        partner = get_partner(conn, partner_name)
        if partner is None:
            raise SyncError(f"no partner {partner_name!r}")
        agreement = current_agreement(conn, partner)
        if agreement is None:
            return 0
        lock_partner(conn, partner.id)
        cutoff = retention_cutoff(agreement, now)
        expired = expired_objects(conn, partner.id, cutoff)
        if not expired:
            return 0
        ids = [sid for sid, _ in expired]
        pseudo = reports_by_external_id(conn, [pseudo_external_id(partner, sid) for sid in ids])
        touched = withdraw_reports(conn, pseudo.values(), now)
        # The partner's networks still here lose the values whose indicators went.
        in_groupings = partner_reports_citing(conn, partner, touched, "grouping")
        touched |= drop_observations(conn, [(r, i) for r, i, _ in in_groupings], now)
        set_report_ids(conn, partner.id, {sid: None for _, _, sid in in_groupings})
        delete_objects(conn, partner.id, ids)
        evidence = set(touched)
        touched = still_cited(conn, touched)
        append_audit(conn, acting=acting, action="purge_partner_objects", object_type="partner",
                     object_id=partner.id, details={"partner": partner.name, "objects": len(ids),
                                                    "pseudo_reports": len(pseudo), "cutoff": cutoff.isoformat(),
                                                    "retention_days": agreement.retention_days,
                                                    "indicators": sorted(evidence)}, at=now)
    if touched:
        try:
            repartition_around(node, sorted(touched), acting=acting)
        except Exception:
            log.exception("re-partitioning after purging %s failed; run xborder link --full", partner_name)
    return len(ids)


class SyncLoop:
    """The periodic pull inside `xborder serve`: every `seconds`, every partner, in a thread of its own."""

    def __init__(self, node: Node, seconds: float, *, acting: Actor) -> None:
        self.node, self.seconds, self.acting = node, seconds, acting
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self.seconds <= 0 or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="xborder-sync", daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(self.seconds):
            try:
                for name, result in sync_all(self.node, acting=self.acting).items():
                    if isinstance(result, SyncError):
                        log.warning("sync %s: %s", name, result)
                    elif result.objects or result.purged:
                        log.info("sync %s: %d objects in %d pages (%d new, %d updated, %d rejected), %d purged",
                                 name, result.objects, result.pages, result.created, result.updated,
                                 result.rejected, result.purged)
                # Partners that only push to us (TAXII POST) have retention too.
                with self.node.engine.connect() as conn:
                    pushing = [p.name for p in pull_partners(conn) if not (p.taxii_url and p.pull_collection)]
                for name in pushing:
                    purged = purge_partner(self.node, name, acting=self.acting)
                    if purged:
                        log.info("purged %d object(s) of %s past retention", purged, name)
            except Exception:
                # One bad round must not end the loop: the next one may succeed.
                log.exception("periodic sync failed")
