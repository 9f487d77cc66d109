"""A collection's objects (5.3-5.8): get and add objects, one object, its versions, the manifest.

Every page served to a partner is logged (share_log + one audit row with the
page's digest) before it is answered. Paging is by share_objects.seq behind
an opaque signed `next`: an object published between two pages lands after
the cursor, so a client paging through sees it once, and loses nothing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from xborder.actions.partner_import import NotAllowed, PartnerImportError, apply_partner_objects
from xborder.actions.share_exports import StatusDetail, record_export, record_refusal, store_status
from xborder.core.clock import utcnow
from xborder.share.inbound import load_json
from xborder.share.inbound_types import StixError
from xborder.store.partner_objects import get_partner_by_id
from xborder.store.partners import AgreementRow
from xborder.store.share_feed import ObjectQuery, Page, View, read_page
from xborder.web.limits import MAX_BODY_BYTES
from xborder.web.taxii.access import Caller, open_collection, taxii_caller
from xborder.web.taxii.collections import API_ROOT_PATH
from xborder.web.taxii.cursor import make_cursor
from xborder.web.taxii.errors import TaxiiError
from xborder.web.taxii.media import STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE, is_taxii_content
from xborder.web.taxii.params import check_stix_id, object_query
from xborder.web.taxii.responses import date_headers, envelope, taxii_json, taxii_time
from xborder.web.taxii.routing import TaxiiRoute

router = APIRouter(route_class=TaxiiRoute)
OBJECTS = API_ROOT_PATH + "collections/{collection_id}/objects/"
# Objects taken in one POST; a partner with more sends more envelopes.
MAX_POST_OBJECTS = 5000
_ONE_OBJECT = frozenset({"added_after", "limit", "next", "match[version]", "match[spec_version]"})
_VERSIONS = frozenset({"added_after", "limit", "next", "match[spec_version]"})


def _page(request: Request, agreement: AgreementRow, q: ObjectQuery, *, bodies: bool) -> tuple[Page, str | None]:
    with request.app.state.node.engine.connect() as conn:
        page = read_page(conn, View.of(agreement), q, bodies=bodies)
    token = None
    if page.more:
        token = make_cursor(request.app.state.cursor_key, agreement.collection_id, q.extra["digest"],
                            page.rows[-1].seq)
    return page, token


def _log(request: Request, caller: Caller, agreement: AgreementRow, page: Page, endpoint: str) -> None:
    if caller.partner_id is None or not page.rows:
        return  # an operator's own look is not an export
    record_export(request.app.state.node, agreement, [(r.stix_id, r.modified) for r in page.rows],
                  acting=caller.actor, endpoint=endpoint, seqs=(page.rows[0].seq, page.rows[-1].seq))


@router.get(OBJECTS)
def get_objects(collection_id: str, request: Request) -> Response:
    caller = taxii_caller(request)
    agreement = open_collection(request, caller, collection_id)
    q = object_query(request.query_params, key=request.app.state.cursor_key, collection=collection_id,
                     endpoint="objects")
    page, token = _page(request, agreement, q, bodies=True)
    _log(request, caller, agreement, page, "objects")
    return envelope(page.rows, page.more, token)


@router.get(OBJECTS + "{object_id}/")
def get_object(collection_id: str, object_id: str, request: Request) -> Response:
    caller = taxii_caller(request)
    agreement = open_collection(request, caller, collection_id)
    check_stix_id(object_id)
    q = object_query(request.query_params, key=request.app.state.cursor_key, collection=collection_id,
                     endpoint="object", allowed=_ONE_OBJECT, fixed={"object": object_id})
    page, token = _page(request, agreement, replace(q, ids=(object_id,)), bodies=True)
    if not page.rows and not q.after_seq:
        raise TaxiiError(404, "Object not found", f"no object {object_id} in this collection")
    _log(request, caller, agreement, page, "object")
    return envelope(page.rows, page.more, token)


@router.delete(OBJECTS + "{object_id}/")
def delete_object(collection_id: str, object_id: str, request: Request) -> Response:
    taxii_caller(request)
    raise TaxiiError(405, "Method not allowed", "objects are withdrawn by publishing a revoked version, never "
                     "deleted: a partner must learn that a value was withdrawn", headers={"Allow": "GET"})


@router.get(OBJECTS + "{object_id}/versions/")
def get_versions(collection_id: str, object_id: str, request: Request) -> Response:
    caller = taxii_caller(request)
    agreement = open_collection(request, caller, collection_id)
    check_stix_id(object_id)
    q = object_query(request.query_params, key=request.app.state.cursor_key, collection=collection_id,
                     endpoint="versions", allowed=_VERSIONS, fixed={"object": object_id})
    page, token = _page(request, agreement, replace(q, ids=(object_id,), versions=("all",)), bodies=False)
    if not page.rows and not q.after_seq:
        raise TaxiiError(404, "Object not found", f"no object {object_id} in this collection")
    body: dict[str, Any] = {"more": page.more}
    if token:
        body["next"] = token
    body["versions"] = [r.modified for r in page.rows]
    return taxii_json(body, headers=date_headers(page.rows))


@router.get(API_ROOT_PATH + "collections/{collection_id}/manifest/")
def get_manifest(collection_id: str, request: Request) -> Response:
    caller = taxii_caller(request)
    agreement = open_collection(request, caller, collection_id)
    q = object_query(request.query_params, key=request.app.state.cursor_key, collection=collection_id,
                     endpoint="manifest")
    page, token = _page(request, agreement, q, bodies=False)
    body: dict[str, Any] = {"more": page.more}
    if token:
        body["next"] = token
    if page.rows:
        body["objects"] = [{"id": r.stix_id, "date_added": taxii_time(r.date_added), "version": r.modified,
                            "media_type": STIX_MEDIA_TYPE} for r in page.rows]
    return taxii_json(body, headers=date_headers(page.rows))


@router.post(OBJECTS)
async def add_objects(collection_id: str, request: Request) -> Response:
    caller = await run_in_threadpool(taxii_caller, request)
    agreement = await run_in_threadpool(open_collection, request, caller, collection_id)
    if caller.partner_id != agreement.partner_id:
        raise TaxiiError(403, "Forbidden", f"only {agreement.partner} adds objects to this collection, with its "
                                           "own partner key")
    node = request.app.state.node
    requested_at = utcnow()

    async def refuse(error: TaxiiError) -> TaxiiError:
        await run_in_threadpool(record_refusal, node, agreement, f"{error.status} {error.description or error.title}",
                                acting=caller.actor)
        return error

    if not is_taxii_content(request.headers.get("content-type")):
        raise await refuse(TaxiiError(415, "Unsupported media type", f"send the envelope as {TAXII_MEDIA_TYPE}"))
    raw = await request.body()
    if len(raw) > MAX_BODY_BYTES:
        raise await refuse(TaxiiError(413, "Request too large", f"at most {MAX_BODY_BYTES} bytes per request"))
    try:
        data = load_json(raw, MAX_BODY_BYTES)
    except StixError:
        # load_json also refuses NaN and nesting too deep for the parser (RecursionError).
        raise await refuse(TaxiiError(400, "Invalid envelope", "the body is not valid JSON")) from None
    objects = data.get("objects") if isinstance(data, dict) else None
    if not isinstance(objects, list):
        raise await refuse(TaxiiError(400, "Invalid envelope", "the body must be a TAXII envelope: "
                                                               '{"objects": [...]}'))
    if len(objects) > MAX_POST_OBJECTS:
        raise await refuse(TaxiiError(413, "Too many objects", f"{len(objects)} objects; at most "
                                                               f"{MAX_POST_OBJECTS} per request"))
    status = await run_in_threadpool(_take, request, caller, agreement, objects, requested_at)
    return taxii_json(status, 202)


def _take(request: Request, caller: Caller, agreement: AgreementRow, objects: list[Any], requested_at: Any) -> Any:
    node = request.app.state.node
    with node.engine.connect() as conn:
        partner = get_partner_by_id(conn, agreement.partner_id)
    if partner is None:
        raise TaxiiError(404, "Collection not found", "the collection's partner is gone")
    try:
        done = apply_partner_objects(node, partner, objects, acting=caller.actor, whole=True)
    except NotAllowed as exc:
        record_refusal(node, agreement, str(exc), acting=caller.actor)
        raise TaxiiError(422, "Objects not allowed", f"{exc}; the agreement with {agreement.partner} does not "
                         "take them", code="not_in_agreement", details={"errors": exc.errors[:100]}) from None
    except PartnerImportError as exc:
        record_refusal(node, agreement, str(exc), acting=caller.actor)
        raise TaxiiError(400, "Objects refused", f"{exc}; nothing of the envelope was applied",
                         code="invalid_objects", details={"errors": exc.errors[:100]}) from None
    successes: list[StatusDetail] = []
    failures: list[StatusDetail] = []
    for r in done.results:
        raw = objects[r.index] if isinstance(objects[r.index], dict) else {}
        detail = StatusDetail(r.stix_id, raw.get("modified"), r.reason if r.status == "rejected" else r.status)
        (failures if r.status == "rejected" else successes).append(detail)
    return store_status(node, agreement, requested_at=requested_at, successes=successes, failures=failures)
