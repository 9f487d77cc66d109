"""/api/v1/feeds/misp/: the node's MISP feed, for MISP instances to subscribe to by URL.

A partner's key gets the feed its agreement lets out (403 while the
agreement is suspended or revoked); banks, telcos and staff get the
node-wide feed (xborder.actions.misp_export.NODE_WIDE). Built feeds are
cached until something new is published, and for a minute at most, since
scores decay with time. Every event a partner fetches is logged as an
export (share_log + audit row), as a TAXII page is.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from xborder.actions.misp_export import NODE_WIDE, build_misp_feed
from xborder.actions.share_exports import record_export
from xborder.core.actors import Actor
from xborder.core.scopes import KeyActor
from xborder.share.misp import feed_files
from xborder.store.partners import AgreementRow, live_agreement
from xborder.store.share_feed import newest_seq
from xborder.web.auth import access_misp_feed, current_actor
from xborder.web.errors import ApiError

router = APIRouter(prefix="/api/v1/feeds/misp", tags=["feeds"])
MAX_AGE_SECONDS = 60.0
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass(frozen=True)
class _Built:
    files: dict[str, bytes]
    versions: dict[str, tuple[tuple[str, str], ...]]  # event uuid -> (indicator id, version) of its attributes


class _Cache:
    def __init__(self, entries: int = 16) -> None:
        self._items: OrderedDict[Hashable, tuple[int, float, _Built]] = OrderedDict()
        self._entries = entries
        self._lock = threading.Lock()

    def get(self, key: Hashable, version: int) -> _Built | None:
        with self._lock:
            hit = self._items.get(key)
        if hit is None or hit[0] != version or time.monotonic() - hit[1] > MAX_AGE_SECONDS:
            return None
        return hit[2]

    def put(self, key: Hashable, version: int, built: _Built) -> None:
        with self._lock:
            self._items[key] = (version, time.monotonic(), built)
            self._items.move_to_end(key)
            while len(self._items) > self._entries:
                self._items.popitem(last=False)


_CACHE = _Cache()


def _agreement(request: Request, actor: Actor) -> AgreementRow | None:
    """The agreement a partner's key is served under; None for everyone else (the node-wide feed)."""
    if actor.role != "partner":
        return None
    partner_id = actor.partner_id if isinstance(actor, KeyActor) else None
    if partner_id is None:
        raise ApiError(403, "this partner key names no partner, so no agreement says what it may receive",
                       "authorization")
    with request.app.state.node.engine.connect() as conn:
        agreement = live_agreement(conn, partner_id)
    if agreement is None or agreement.terms.suspended:
        state = "suspended" if agreement is not None else "not in force"
        raise ApiError(403, f"the sharing agreement is {state}: nothing is shared", "authorization")
    return agreement


def _built(request: Request, actor: Actor) -> tuple[_Built, AgreementRow | None]:
    access_misp_feed(actor)
    agreement = _agreement(request, actor)
    terms = NODE_WIDE if agreement is None else agreement.terms
    node = request.app.state.node
    with node.engine.connect() as conn:
        version = newest_seq(conn)
    key = (id(node), terms)
    built = _CACHE.get(key, version)
    if built is None:
        feed = build_misp_feed(node, terms)
        built = _Built(feed_files(feed), feed.versions)
        _CACHE.put(key, version, built)
    return built, agreement


@router.get("/manifest.json", summary="MISP feed manifest: one entry per event (network)")
def get_manifest(request: Request, actor: Annotated[Actor, Depends(current_actor)]) -> Response:
    return Response(_built(request, actor)[0].files["manifest.json"], media_type="application/json")


@router.get("/hashes.csv", summary="MISP feed hashes: md5 of each attribute value and its event")
def get_hashes(request: Request, actor: Annotated[Actor, Depends(current_actor)]) -> Response:
    return Response(_built(request, actor)[0].files["hashes.csv"], media_type="text/csv; charset=utf-8")


@router.get("/{event_uuid}.json", summary="One MISP event of the feed")
def get_event(event_uuid: str, request: Request, actor: Annotated[Actor, Depends(current_actor)]) -> Response:
    if not _UUID.fullmatch(event_uuid):
        raise ApiError(404, f"no event {event_uuid!r} in the feed", "event_uuid")
    built, agreement = _built(request, actor)
    found = built.files.get(f"{event_uuid}.json")
    if found is None:
        raise ApiError(404, f"no event {event_uuid!r} in the feed", "event_uuid")
    if agreement is not None:
        # An event that goes to a partner crosses the border like a TAXII page:
        # its indicators' versions go in the share log under one audit row.
        record_export(request.app.state.node, agreement, built.versions.get(event_uuid, ()), acting=actor,
                      endpoint="misp", seqs=None)
    return Response(found, media_type="application/json")
