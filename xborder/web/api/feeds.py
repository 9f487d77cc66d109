"""/api/v1/feeds: block lists of malicious values, a DNS RPZ zone, and the allowlist of official ones.

Every feed is rendered from the lookup index, so it says exactly what a
lookup would; rendered bodies are cached until the index changes. Clients
poll with If-None-Match and get 304 while nothing changed; gzip when they
accept it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from xborder.core.actors import Actor
from xborder.core.clock import as_utc
from xborder.core.indicators import KINDS
from xborder.lookup.feeds import (
    ALLOWLIST_FORMATS,
    FEED_KINDS,
    FORMATS,
    malicious_rows,
    render_allowlist,
    render_feed,
)
from xborder.lookup.rpz import render_rpz, zone_origin
from xborder.share.facts import NodeIdentity
from xborder.web.auth import access_feeds, current_actor
from xborder.web.errors import ApiError
from xborder.web.lookup_service import CachedBody, LookupService, service_of

router = APIRouter(prefix="/api/v1/feeds", tags=["feeds"])

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "txt": "text/plain; charset=utf-8",
    "stix": "application/stix+json;version=2.1",
    "rpz": "text/dns",  # RFC 4027: a DNS master file
}
_SINCE = Query(description="only values last seen at or after this time (ISO 8601)")
_MIN_RISK = Query(ge=0, le=100, description="only values with at least this risk (0-100)")


def _service(request: Request) -> LookupService:
    return service_of(request.app)


def _accepts_gzip(request: Request) -> bool:
    for part in request.headers.get("accept-encoding", "").lower().split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip() not in ("gzip", "*"):
            continue
        params = params.strip()
        return _positive(params[2:]) if params.startswith("q=") else True
    return False


def _positive(q: str) -> bool:
    try:
        return float(q) > 0
    except ValueError:
        return False


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
    bare = etag.strip('"')
    return "*" in tags or etag in tags or f'"{bare}-gzip"' in tags


def _respond(request: Request, cached: CachedBody, media_type: str) -> Response:
    gz = _accepts_gzip(request)
    # The gzip variant is another representation, so it gets its own tag.
    etag = cached.etag[:-1] + '-gzip"' if gz else cached.etag
    headers = {"ETag": etag, "Cache-Control": "private, no-cache", "Vary": "Accept-Encoding, Authorization"}
    if _matches(request.headers.get("if-none-match"), cached.etag):
        return Response(status_code=304, headers=headers)
    if gz:
        headers["Content-Encoding"] = "gzip"
        return Response(cached.gzipped(), media_type=media_type, headers=headers)
    return Response(cached.body, media_type=media_type, headers=headers)


def _cached(service: LookupService, key: tuple[object, ...], render: Callable[[], bytes]) -> CachedBody:
    return service.feeds.get(key, service.index.version, render)


@router.get("/rpz", summary="DNS Response Policy Zone of malicious domains (BIND, Unbound, Knot, PowerDNS)",
            response_class=Response)
def get_rpz(request: Request, actor: Annotated[Actor, Depends(current_actor)]) -> Response:
    access_feeds(actor)
    service = _service(request)
    node = request.app.state.node

    def render() -> bytes:
        now = time.time()
        rows, _ = malicious_rows(service.index, "domain", now)
        domains = [service.index.values[r] for r in rows.tolist()]
        serial, generated = service.zone_serial(domains, now)
        return render_rpz(domains, origin=zone_origin(node.settings.node_name), serial=serial, generated=generated)

    return _respond(request, _cached(service, ("rpz",), render), MEDIA_TYPES["rpz"])


@router.get("/allowlist.{fmt}", summary="Official numbers and domains from the warninglists (json or csv)",
            response_class=Response)
def get_allowlist(fmt: str, request: Request, actor: Annotated[Actor, Depends(current_actor)]) -> Response:
    access_feeds(actor)
    if fmt not in ALLOWLIST_FORMATS:
        raise ApiError(404, f"no allowlist in {fmt!r}; formats: {', '.join(ALLOWLIST_FORMATS)}", "format")
    service = _service(request)
    # The warninglists ship with the package: the body only changes on upgrade.
    cached = service.feeds.get(("allowlist", fmt), 0, lambda: render_allowlist(fmt))
    return _respond(request, cached, MEDIA_TYPES[fmt])


@router.get("/{kind}.{fmt}", summary="Malicious values of one kind: csv, json, txt or stix (STIX 2.1 bundle)",
            response_class=Response)
def get_feed(
    kind: str,
    fmt: str,
    request: Request,
    actor: Annotated[Actor, Depends(current_actor)],
    since: Annotated[datetime | None, _SINCE] = None,
    min_risk: Annotated[int | None, _MIN_RISK] = None,
) -> Response:
    access_feeds(actor)
    if kind.endswith(".stix") and fmt == "json":  # /feeds/url.stix.json
        kind, fmt = kind.removesuffix(".stix"), "stix"
    if kind not in FEED_KINDS:
        why = "it never leaves the node" if kind in KINDS else f"kinds: {', '.join(FEED_KINDS)}"
        raise ApiError(404, f"no feed of {kind!r}: {why}", "kind")
    if fmt not in FORMATS:
        raise ApiError(404, f"no feed in {fmt!r}; formats: {', '.join(FORMATS)}", "format")
    service = _service(request)
    node = request.app.state.node
    after = None if since is None else as_utc(since).timestamp()
    identity = NodeIdentity(node.settings.node_country, node.settings.node_name)
    base_url = str(request.base_url)

    def render() -> bytes:
        return render_feed(service.index, kind, fmt, time.time(), since=after, min_risk=min_risk, node=identity,
                           base_url=base_url)

    key = (kind, fmt, after, min_risk, base_url if fmt == "stix" else None)
    return _respond(request, _cached(service, key, render), MEDIA_TYPES[fmt])
