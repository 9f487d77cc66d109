"""Discovery (4.1), API root (4.2), status (4.3), collections (5.1) and one collection (5.2)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from starlette.responses import Response

from xborder.store.partners import AgreementRow
from xborder.store.share_feed import read_status
from xborder.web.limits import MAX_BODY_BYTES
from xborder.web.taxii.access import Caller, open_collection, taxii_caller, visible_collections
from xborder.web.taxii.errors import TaxiiError
from xborder.web.taxii.media import STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE
from xborder.web.taxii.responses import taxii_json, taxii_time
from xborder.web.taxii.routing import TaxiiRoute

router = APIRouter(route_class=TaxiiRoute)
API_ROOT_PATH = "/api/"


def root_url(request: Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc}/taxii2{API_ROOT_PATH}"


@router.get("/")
def discovery(request: Request) -> Response:
    taxii_caller(request)
    node = request.app.state.node
    return taxii_json({
        "title": f"xborder node {node.settings.node_name}",
        "description": f"Scam intelligence shared by the {node.settings.node_country} node under sharing "
                       "agreements (STIX 2.1). One collection per agreement.",
        "default": root_url(request),
        "api_roots": [root_url(request)],
    })


@router.get(API_ROOT_PATH)
def api_root(request: Request) -> Response:
    taxii_caller(request)
    return taxii_json({
        "title": "xborder shared intelligence",
        "description": "Each collection serves what one sharing agreement lets out: its kinds, TLP ceiling "
                       "and minimum confidence; TLP:RED never.",
        "versions": [TAXII_MEDIA_TYPE],
        "max_content_length": MAX_BODY_BYTES,
    })


def collection_info(agreement: AgreementRow, caller: Caller, country: str) -> dict[str, object]:
    t = agreement.terms
    active = not (t.suspended or agreement.revoked)
    kinds = ", ".join(sorted(t.kinds)) or "none"
    return {
        "id": agreement.collection_id,
        "title": f"{country} to {agreement.partner}",
        "description": f"Shared with {agreement.partner} under its agreement: kinds {kinds}; TLP up to "
                       f"{t.tlp_max}; confidence {t.min_confidence} or more; narratives {t.narratives}"
                       + ("; suspended" if t.suspended else ""),
        "can_read": active,
        "can_write": active and caller.partner_id == agreement.partner_id,
        "media_types": [STIX_MEDIA_TYPE],
    }


@router.get(API_ROOT_PATH + "collections/")
def list_collections(request: Request) -> Response:
    caller = taxii_caller(request)
    country = request.app.state.node.settings.node_country
    found = [collection_info(a, caller, country) for a in visible_collections(request, caller)]
    return taxii_json({"collections": found} if found else {})


@router.get(API_ROOT_PATH + "collections/{collection_id}/")
def get_collection(collection_id: str, request: Request) -> Response:
    caller = taxii_caller(request)
    agreement = open_collection(request, caller, collection_id)
    return taxii_json(collection_info(agreement, caller, request.app.state.node.settings.node_country))


@router.get(API_ROOT_PATH + "status/{status_id}/")
def get_status(status_id: str, request: Request) -> Response:
    caller = taxii_caller(request)
    with request.app.state.node.engine.connect() as conn:
        row = read_status(conn, status_id[:36])
    if row is None or (not caller.admin and row.partner_id != caller.partner_id):
        raise TaxiiError(404, "Status not found", f"no status {status_id!r}")
    lists = json.loads(row.details)
    return taxii_json({
        "id": row.id, "status": row.status,
        "request_timestamp": taxii_time(row.request_timestamp),
        "total_count": row.total_count,
        "success_count": row.success_count, "successes": lists.get("successes", []),
        "failure_count": row.failure_count, "failures": lists.get("failures", []),
        "pending_count": row.pending_count, "pendings": lists.get("pendings", []),
    })

