"""TAXII 2.1 URL parameters (section 3.5): added_after, limit, next and the match[] filters."""

from __future__ import annotations

import re
from typing import Any

from starlette.datastructures import QueryParams

from xborder.share.timestamps import parse_time
from xborder.store.share_feed import ObjectQuery
from xborder.web.taxii.cursor import filters_digest, read_cursor
from xborder.web.taxii.errors import TaxiiError

DEFAULT_LIMIT = 1000
MAX_LIMIT = 10_000
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,248}--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TYPE = re.compile(r"[a-z0-9][a-z0-9-]{0,249}")
_SPEC = re.compile(r"[0-9]\.[0-9]")
_KNOWN = {"added_after", "limit", "next", "match[id]", "match[type]", "match[version]", "match[spec_version]"}


def _bad(name: str, description: str) -> TaxiiError:
    return TaxiiError(400, f"Invalid parameter {name}", description, code="invalid_parameter",
                      details={"parameter": name})


def _list(params: QueryParams, name: str) -> tuple[str, ...]:
    items = [v.strip() for raw in params.getlist(name) for v in raw.split(",")]
    if any(not v for v in items):
        raise _bad(name, "an empty value in the list")
    return tuple(dict.fromkeys(items))


def check_stix_id(value: str, name: str = "object_id") -> str:
    if not _ID.fullmatch(value):
        raise TaxiiError(404, "Object not found", f"{value!r} is not a STIX identifier", code="not_found")
    return value


def object_query(params: QueryParams, *, key: bytes, collection: str, endpoint: str,
                 allowed: frozenset[str] = frozenset(_KNOWN), fixed: dict[str, Any] | None = None) -> ObjectQuery:
    """The request's filters, checked, with the position its `next` token resumes from."""
    for name in params.keys():
        if name.startswith("match[") and name not in allowed:
            raise _bad(name, f"this endpoint filters on {', '.join(sorted(n for n in allowed if 'match' in n))}")
    limit = DEFAULT_LIMIT
    if "limit" in params:
        try:
            limit = int(params["limit"])
        except ValueError:
            raise _bad("limit", "must be a whole number") from None
        if limit < 1:
            raise _bad("limit", "must be at least 1")
        limit = min(limit, MAX_LIMIT)
    added_after = None
    if params.get("added_after"):
        try:
            added_after = parse_time(params["added_after"])
        except ValueError as exc:
            raise _bad("added_after", str(exc)) from None
    ids = _list(params, "match[id]")
    for v in ids:
        if not _ID.fullmatch(v):
            raise _bad("match[id]", f"{v!r} is not a STIX identifier")
    types = _list(params, "match[type]")
    for v in types:
        if not _TYPE.fullmatch(v):
            raise _bad("match[type]", f"{v!r} is not a STIX type name")
    versions = _list(params, "match[version]") or ("last",)
    for v in versions:
        if v not in ("first", "last", "all"):
            try:
                parse_time(v)
            except ValueError:
                raise _bad("match[version]", f"{v!r} is not first, last, all or a STIX timestamp") from None
    specs = _list(params, "match[spec_version]")
    for v in specs:
        if not _SPEC.fullmatch(v):
            raise _bad("match[spec_version]", f"{v!r} is not a STIX version such as 2.1")
    filters = {"endpoint": endpoint, "added_after": params.get("added_after"), "ids": ids, "types": types,
               "versions": versions, "specs": specs, **(fixed or {})}
    digest = filters_digest(filters)
    after = 0
    if params.get("next"):
        after = read_cursor(key, params["next"], collection, digest)
    return ObjectQuery(limit=limit, after_seq=after, added_after=added_after, ids=ids, types=types,
                       versions=versions, spec_versions=specs, extra={"digest": digest})
