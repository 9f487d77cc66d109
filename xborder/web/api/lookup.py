"""/api/v1/lookup: is this number, link, account or wallet a scammer's? One value or 10,000.

The busiest route of a node, so it answers from the in-memory index
(xborder.lookup) and writes its JSON itself instead of through FastAPI's
encoder.
"""

from __future__ import annotations

import json
import time
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from xborder.core.actors import Actor
from xborder.core.geo import check_country
from xborder.lookup.allowlist import official_label
from xborder.lookup.answer import sentence
from xborder.lookup.feeds import iso
from xborder.lookup.index import Entry
from xborder.lookup.query import QueryError
from xborder.lookup.resolve import resolve
from xborder.lookup.verdict import OFFICIAL
from xborder.web.auth import access_lookup, current_actor
from xborder.web.errors import ApiError
from xborder.web.language import ANSWER_LANGUAGES, answer_language
from xborder.web.lookup_service import LookupService, service_of

router = APIRouter(prefix="/api/v1", tags=["lookup"])

MAX_VALUES = 10_000

_BULK_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {
        "type": "object", "required": ["values"], "additionalProperties": False,
        "properties": {
            "values": {"type": "array", "maxItems": MAX_VALUES, "items": {"oneOf": [
                {"type": "string", "description": "a value as pasted; its kind is detected"},
                {"type": "object", "required": ["kind", "value"], "additionalProperties": False,
                 "properties": {"kind": {"type": "string"}, "value": {"type": "string"}}},
            ]}},
            "country": {"type": "string", "description": "default region for national phone numbers"},
        },
    }, "example": {"values": ["081-234-5678", {"kind": "bank_account", "value": "123-4-56789-0"}]}}},
}


def entry_view(entry: Entry) -> dict[str, Any]:
    return {
        "kind": entry.kind, "value": entry.value, "verdict": entry.verdict, "risk": entry.risk,
        "report_count": entry.report_count,
        "first_seen": None if entry.first_seen is None else iso(entry.first_seen),
        "last_seen": None if entry.last_seen is None else iso(entry.last_seen),
        "scam_types": list(entry.scam_types), "network": entry.network, "countries": list(entry.countries),
        "sources": list(entry.sources), "warninglist": entry.warninglist, "analyst_mark": entry.mark,
    }


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _json(body: Any, status: int = 200) -> Response:
    return Response(_encode(body).encode(), status, media_type="application/json")


# Names lists (scam types, countries, sources) repeat: each is encoded once.
_NAMES: dict[tuple[str, ...], str] = {}


def _names(names: tuple[str, ...]) -> str:
    found = _NAMES.get(names)
    if found is None:
        found = _NAMES[names] = _encode(list(names))
    return found


def _optional(text: str | None) -> str:
    return "null" if text is None else _encode(text)


def entry_json(entry: Entry) -> str:
    """entry_view(entry) as compact JSON, written directly.

    A bulk answer holds 10,000 of these; as text they are one string each
    instead of a dict and three lists, which the garbage collector would
    walk again and again while the answer is built.
    """
    first = "null" if entry.first_seen is None else f'"{iso(entry.first_seen)}"'
    last = "null" if entry.last_seen is None else f'"{iso(entry.last_seen)}"'
    network = "null" if entry.network is None else str(entry.network)
    return (f'{{"kind":"{entry.kind}","value":{_encode(entry.value)},"verdict":"{entry.verdict}",'
            f'"risk":{entry.risk},"report_count":{entry.report_count},"first_seen":{first},"last_seen":{last},'
            f'"scam_types":{_names(entry.scam_types)},"network":{network},"countries":{_names(entry.countries)},'
            f'"sources":{_names(entry.sources)},"warninglist":{_optional(entry.warninglist)},'
            f'"analyst_mark":{_optional(entry.mark)}}}')


async def _service(request: Request) -> LookupService:
    found: LookupService | None = getattr(request.app.state, "lookup", None)
    if found is None:
        found = await anyio.to_thread.run_sync(service_of, request.app)
    return found


def _country(country: str | None) -> str | None:
    if country is None:
        return None
    try:
        return check_country(country)
    except ValueError as exc:
        raise ApiError(422, str(exc), "country") from None


@router.get("/lookup", summary="Is this a scammer's? One pasted value: phone, link, account, wallet, handle...",
            response_class=Response)
async def get_lookup(
    request: Request,
    actor: Annotated[Actor, Depends(current_actor)],
    q: Annotated[str | None, Query(description="the value as pasted, in any writing (Thai or Khmer digits, "
                                   "defanged links...)")] = None,
    kind: Annotated[str | None, Query(description="read q as this kind instead of detecting it")] = None,
    lang: Annotated[str | None, Query(description="language of the answer: th, km or en")] = None,
    country: Annotated[str | None, Query(description="default region for national phone numbers")] = None,
) -> Response:
    access_lookup(actor)
    if q is None:
        raise ApiError(422, "q is required: the value to look up", "q")
    if lang is not None and lang not in ANSWER_LANGUAGES:
        raise ApiError(422, f"unknown language {lang!r}; use th, km or en", "lang")
    region = _country(country)
    service = await _service(request)
    try:
        entry = resolve(service.index, q, time.time(), kind=kind, country=region)
    except QueryError as exc:
        raise ApiError(422, str(exc), exc.field) from None
    body = entry_view(entry)
    if actor.role == "public":
        language = answer_language(lang, request.headers.get("accept-language", ""), "en")
        label = official_label(entry.kind, entry.value) if entry.verdict == OFFICIAL else None
        body["answer"] = {"language": language, "text": sentence(entry, language, label)}
    return _json(body)


@router.post("/lookup", summary="Look up to 10,000 values at once (bank, partner and staff tokens)",
             response_class=Response, openapi_extra={"requestBody": _BULK_BODY})
async def post_lookup(request: Request, actor: Annotated[Actor, Depends(current_actor)]) -> Response:
    access_lookup(actor, bulk=True)
    raw = await request.body()
    values, region = _bulk_body(raw)
    service = await _service(request)
    # Ten thousand values take tens of milliseconds: off the event loop.
    results = await anyio.to_thread.run_sync(_bulk, service, values, region)
    body = f'{{"count":{len(results)},"results":[{",".join(results)}]}}'
    return Response(body.encode(), media_type="application/json")


def _bulk_body(raw: bytes) -> tuple[list[Any], str | None]:
    try:
        doc = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "the body is not valid JSON", "body") from None
    if not isinstance(doc, dict):
        raise ApiError(422, 'the body must be an object: {"values": [...]}', "body")
    unknown = sorted(set(doc) - {"values", "country"})
    if unknown:
        raise ApiError(422, f"unknown field {unknown[0]!r}", unknown[0])
    values = doc.get("values")
    if not isinstance(values, list):
        raise ApiError(422, "values must be a list of strings or {kind, value} objects", "values")
    if not values:
        raise ApiError(422, "values is empty", "values")
    if len(values) > MAX_VALUES:
        raise ApiError(413, f"at most {MAX_VALUES:,} values per request, not {len(values):,}", "values")
    country = doc.get("country")
    if country is not None and not isinstance(country, str):
        raise ApiError(422, "country must be a string such as TH or KH", "country")
    return values, _country(country)


def _bulk(service: LookupService, values: list[Any], region: str | None) -> list[str]:
    """Each value's answer (or error) as JSON text, in order."""
    index = service.index
    now = time.time()
    out = []
    for i, item in enumerate(values):
        try:
            q, kind = _item(item, i)
            result = entry_json(resolve(index, q, now, kind=kind, country=region))
        except QueryError as exc:
            field = f"values[{i}]" + (".kind" if exc.field == "kind" else "")
            result = _encode({"error": str(exc), "field": field})
        out.append(result)
    return out


def _item(item: Any, i: int) -> tuple[str, str | None]:
    if isinstance(item, str):
        return item, None
    if isinstance(item, dict) and set(item) <= {"kind", "value"}:
        kind, value = item.get("kind"), item.get("value")
        if not isinstance(value, str):
            raise QueryError("value must be a string", "value")
        if kind is not None and not isinstance(kind, str):
            raise QueryError("kind must be a string", "kind")
        return value, kind
    raise QueryError('each value must be a string or {"kind": ..., "value": ...}', "value")
