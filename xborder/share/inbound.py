"""A partner's STIX 2.1 objects -> typed, checked results; anything else -> StixError.

Every indicator value is run again through xborder.extract.canonicalize and
must come back unchanged: a partner's value that is not in canonical form
(or not valid at all) is rejected rather than guessed at, so the same value
can never be stored twice under two spellings.

Only the object types xborder serves are understood (vocab, stix);
marking-definition and extension-definition objects are accepted and
ignored. Bundles and TAXII envelopes fail as a whole on the first bad
object, with the field named as `objects[i].<field>`, so that nothing of a
bad batch is applied.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from xborder.core.taxonomy import SCAM_TYPES
from xborder.extract import canonicalize
from xborder.share.inbound_types import (
    Envelope,
    Ignored,
    InboundGrouping,
    InboundIdentity,
    InboundIndicator,
    InboundNote,
    InboundObject,
    InboundObservable,
    InboundRelationship,
    InboundSighting,
    StixError,
)
from xborder.share.markings import tlp_of_refs
from xborder.share.timestamps import parse_time
from xborder.share.vocab import GROUPING_EXT, INDICATOR_EXT, KIND_BY_PATH, NOTE_EXT, SCO_ATTR_PROPS, sco_type

__all__ = ["StixError", "load_json", "parse_bundle", "parse_envelope", "parse_object", "parse_pattern"]

DEFAULT_MAX_OBJECTS = 10_000
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
MAX_TEXT = 20_000  # a note's content, a description
MAX_SHORT = 2_048  # names, values, labels
MAX_REFS = 100_000

_ID = re.compile(r"([a-z0-9][a-z0-9-]{0,248}[a-z0-9])--([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")
# The one pattern shape xborder writes and reads: one comparison, one string.
_PATTERN = re.compile(r"\[\s*([a-z0-9-]+):([a-z_]+)\s*=\s*'((?:[^'\\]|\\.)*)'\s*\]")
_ESCAPE = re.compile(r"\\(.)", re.S)
_COUNTRY = re.compile(r"[A-Z]{2}")
_IGNORED = frozenset({"marking-definition", "extension-definition", "language-content"})


def _get(obj: Mapping[str, Any], field: str, kind: type | tuple[type, ...], required: bool) -> Any:
    value = obj.get(field)
    if value is None:
        if required:
            raise StixError(field, "is required")
        return None
    if isinstance(value, bool) and kind is not bool:
        raise StixError(field, f"must be {_name(kind)}, not a boolean")
    if not isinstance(value, kind):
        raise StixError(field, f"must be {_name(kind)}, not {type(value).__name__}")
    return value


def _name(kind: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", bool: "a boolean", list: "a list", dict: "an object"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _text(obj: Mapping[str, Any], field: str, required: bool = False, limit: int = MAX_SHORT) -> str | None:
    value: str | None = _get(obj, field, str, required)
    if value is not None and len(value) > limit:
        raise StixError(field, f"is longer than {limit} characters")
    return value


def _time(obj: Mapping[str, Any], field: str, required: bool = True) -> datetime | None:
    value = _get(obj, field, str, required)
    if value is None:
        return None
    try:
        return parse_time(value)
    except ValueError as exc:
        raise StixError(field, str(exc)) from None


def _must_time(obj: Mapping[str, Any], field: str) -> datetime:
    at = _time(obj, field)
    if at is None:  # _time raises first; this keeps the type checker honest
        raise StixError(field, "is required")
    return at


def check_id(value: object, field: str, stix_type: str | None = None) -> str:
    """`value` if it is a STIX identifier (of `stix_type` when given), else StixError."""
    m = _ID.fullmatch(value) if isinstance(value, str) else None
    if m is None:
        raise StixError(field, f"{value!r} is not a STIX identifier (type--uuid)")
    if stix_type is not None and m.group(1) != stix_type:
        raise StixError(field, f"must be a {stix_type} id, not {m.group(1)}")
    return str(value)


def _ref(obj: Mapping[str, Any], field: str, stix_type: str | None = None, required: bool = False) -> str | None:
    value = obj.get(field)
    if value is None:
        if required:
            raise StixError(field, "is required")
        return None
    return check_id(value, field, stix_type)


def _refs(obj: Mapping[str, Any], field: str, required: bool = False) -> tuple[str, ...]:
    value = _get(obj, field, list, required)
    if value is None:
        return ()
    if required and not value:
        raise StixError(field, "must not be empty")
    if len(value) > MAX_REFS:
        raise StixError(field, f"has more than {MAX_REFS} references")
    return tuple(check_id(v, f"{field}[{i}]") for i, v in enumerate(value))


def _strings(obj: Mapping[str, Any], field: str) -> tuple[str, ...]:
    value = _get(obj, field, list, False) or []
    for i, item in enumerate(value):
        if not isinstance(item, str) or len(item) > MAX_SHORT:
            raise StixError(f"{field}[{i}]", "must be a string")
    return tuple(value)


def _countries(ext: Mapping[str, Any], field: str) -> tuple[str, ...]:
    out = _strings(ext, field)
    for i, c in enumerate(out):
        if not _COUNTRY.fullmatch(c):
            raise StixError(f"{field}[{i}]", f"{c!r} is not a two-letter country code")
    return out


def _int(obj: Mapping[str, Any], field: str, low: int, high: int, required: bool = False) -> int | None:
    value: int | None = _get(obj, field, int, required)
    if value is not None and not low <= value <= high:
        raise StixError(field, f"must be from {low} to {high}")
    return value


def _common(obj: Mapping[str, Any], stix_type: str, sdo: bool = True) -> dict[str, Any]:
    """Properties every object xborder reads has: id, spec_version, markings, authorship, times."""
    if sdo or "spec_version" in obj:
        if obj.get("spec_version") != "2.1":
            raise StixError("spec_version", "must be \"2.1\"")
    got: dict[str, Any] = {"id": check_id(obj.get("id"), "id", stix_type)}
    refs = _refs(obj, "object_marking_refs")
    got["tlp"] = tlp_of_refs(refs)
    if sdo:
        got["created_by_ref"] = _ref(obj, "created_by_ref", "identity")
        created = _must_time(obj, "created")
        modified = _must_time(obj, "modified")
        if modified < created:
            raise StixError("modified", "is earlier than created")
        got["modified"] = modified
        revoked = _get(obj, "revoked", bool, False)
        got["revoked"] = bool(revoked)
    return got


def _extension(obj: Mapping[str, Any], ext_id: str) -> Mapping[str, Any]:
    exts = _get(obj, "extensions", dict, False) or {}
    ext = exts.get(ext_id, {})
    if not isinstance(ext, dict):
        raise StixError(f"extensions.{ext_id}", "must be an object")
    return ext


def _canonical(kind: str, value: str, field: str) -> str:
    try:
        canonical = canonicalize(kind, value)
    except (ValueError, TypeError) as exc:
        raise StixError(field, f"not a valid {kind}: {exc}") from None
    if canonical != value:
        raise StixError(field, f"{kind} {value!r} is not in canonical form (expected {canonical!r})")
    return value


def _kind_of(stix_type: str, prop: str, value: str, field: str) -> str:
    kind = KIND_BY_PATH.get((stix_type, prop))
    if kind is None:
        raise StixError(field, f"xborder has no indicator kind for {stix_type}:{prop}")
    _canonical(kind, value, field)
    if sco_type(kind, value).stix_type != stix_type:  # an IPv6 address as ipv4-addr, or the reverse
        raise StixError(field, f"{value!r} is not a {stix_type} value")
    return kind


def parse_pattern(pattern: str) -> tuple[str, str]:
    """(kind, canonical value) of a pattern of the shape xborder writes; StixError otherwise."""
    m = _PATTERN.fullmatch(pattern.strip()) if isinstance(pattern, str) else None
    if m is None:
        raise StixError("pattern", "only [type:property = 'value'] patterns can be mapped to an indicator")
    stix_type, prop, body = m.groups()
    if any(e.group(1) not in "\\'" for e in _ESCAPE.finditer(body)):
        raise StixError("pattern", "a string literal may only escape a quote or a backslash")
    value = _ESCAPE.sub(lambda e: e.group(1), body)
    return _kind_of(stix_type, prop, value, "pattern"), value


def _indicator(obj: Mapping[str, Any]) -> InboundIndicator:
    common = _common(obj, "indicator")
    if obj.get("pattern_type") != "stix":
        raise StixError("pattern_type", "only STIX patterns can be mapped to an indicator")
    kind, value = parse_pattern(_text(obj, "pattern", required=True, limit=MAX_SHORT * 2) or "")
    ext = _extension(obj, INDICATOR_EXT)
    if "kind" in ext and ext["kind"] != kind:
        raise StixError(f"extensions.{INDICATOR_EXT}.kind", f"says {ext['kind']!r} but the pattern is a {kind}")
    return InboundIndicator(
        kind=kind,
        value=value,
        valid_from=_must_time(obj, "valid_from"),
        confidence=_int(obj, "confidence", 0, 100),
        scam_types=tuple(t for t in _strings(obj, "labels") if t in SCAM_TYPES),
        countries=_countries(ext, "countries"),
        **common,
    )


def _observable(obj: Mapping[str, Any]) -> InboundObservable:
    stix_type = obj.get("type")
    props = [p for (t, p) in KIND_BY_PATH if t == stix_type and p in obj]
    if len(props) != 1:
        raise StixError("value", f"a {stix_type} must carry exactly one of its value properties")
    value = _text(obj, props[0], required=True) or ""
    kind = _kind_of(str(stix_type), props[0], value, props[0])
    attrs = {attr: v for attr, prop in SCO_ATTR_PROPS.get(kind, {}).items() if (v := _text(obj, prop))}
    return InboundObservable(kind=kind, value=value, attrs=attrs, **_common(obj, str(stix_type), sdo=False))


def _grouping(obj: Mapping[str, Any]) -> InboundGrouping:
    common = _common(obj, "grouping")
    ext = _extension(obj, GROUPING_EXT)
    loss = ext.get("loss_usd")
    if loss is not None and (isinstance(loss, bool) or not isinstance(loss, (int, float)) or not 0 <= loss < 1e18):
        raise StixError(f"extensions.{GROUPING_EXT}.loss_usd", "must be a non-negative number")
    return InboundGrouping(
        name=_text(obj, "name"),
        context=_text(obj, "context", required=True) or "",
        object_refs=_refs(obj, "object_refs", required=True),
        network_id=_int(ext, "network_id", 0, 2**63 - 1),
        report_count=_int(ext, "report_count", 0, 2**63 - 1),
        loss_usd=None if loss is None else float(loss),
        countries=_countries(ext, "countries"),
        cross_border=bool(_get(ext, "cross_border", bool, False)),
        scam_types=tuple(t for t in _strings(ext, "scam_types") if t in SCAM_TYPES),
        **common,
    )


def _sighting(obj: Mapping[str, Any]) -> InboundSighting:
    common = _common(obj, "sighting")
    first, last = _time(obj, "first_seen", False), _time(obj, "last_seen", False)
    if first and last and last < first:
        raise StixError("last_seen", "is earlier than first_seen")
    return InboundSighting(
        sighting_of_ref=_ref(obj, "sighting_of_ref", required=True) or "",
        count=_int(obj, "count", 0, 999_999_999),
        first_seen=first,
        last_seen=last,
        where_sighted_refs=_refs(obj, "where_sighted_refs"),
        **common,
    )


def _identity(obj: Mapping[str, Any]) -> InboundIdentity:
    common = _common(obj, "identity")
    return InboundIdentity(
        name=_text(obj, "name", required=True) or "",
        identity_class=_text(obj, "identity_class"),
        **common,
    )


def _relationship(obj: Mapping[str, Any]) -> InboundRelationship:
    common = _common(obj, "relationship")
    return InboundRelationship(
        relationship_type=_text(obj, "relationship_type", required=True) or "",
        source_ref=_ref(obj, "source_ref", required=True) or "",
        target_ref=_ref(obj, "target_ref", required=True) or "",
        **common,
    )


def _note(obj: Mapping[str, Any]) -> InboundNote:
    common = _common(obj, "note")
    ext = _extension(obj, NOTE_EXT)
    country = _text(ext, "country")
    if country is not None and not _COUNTRY.fullmatch(country):
        raise StixError(f"extensions.{NOTE_EXT}.country", f"{country!r} is not a two-letter country code")
    return InboundNote(
        content=_text(obj, "content", required=True, limit=MAX_TEXT) or "",
        abstract=_text(obj, "abstract"),
        object_refs=_refs(obj, "object_refs", required=True),
        lang=_text(obj, "lang"),
        country=country,
        scam_type=_text(ext, "scam_type"),
        reported_at=_time(ext, "reported_at", False),
        **common,
    )


_PARSERS: dict[str, Callable[[Mapping[str, Any]], InboundObject]] = {
    "indicator": _indicator,
    "grouping": _grouping,
    "sighting": _sighting,
    "identity": _identity,
    "relationship": _relationship,
    "note": _note,
}
_SCO_TYPES = frozenset(t for t, _ in KIND_BY_PATH)


def parse_object(obj: object) -> InboundObject:
    """One partner object -> its typed result; StixError(field, message) if it cannot be used."""
    if not isinstance(obj, dict):
        raise StixError("object", f"a STIX object is a JSON object, not {type(obj).__name__}")
    stix_type = obj.get("type")
    if not isinstance(stix_type, str):
        raise StixError("type", "is required and must be a string")
    if stix_type in _IGNORED:
        return Ignored(stix_type, check_id(obj.get("id"), "id", stix_type))
    if stix_type in _SCO_TYPES:
        return _observable(obj)
    parser = _PARSERS.get(stix_type)
    if parser is None:
        raise StixError("type", f"unknown or unsupported STIX type {stix_type[:100]!r}")
    return parser(obj)


def _parse_all(objects: object, max_objects: int) -> list[InboundObject]:
    if not isinstance(objects, list):
        raise StixError("objects", "must be a list")
    if len(objects) > max_objects:
        raise StixError("objects", f"has {len(objects)} objects; at most {max_objects} are accepted at once")
    out = []
    for i, obj in enumerate(objects):
        try:
            out.append(parse_object(obj))
        except StixError as exc:
            raise StixError(f"objects[{i}].{exc.field}", exc.message) from None
    return out


def parse_bundle(data: object, max_objects: int = DEFAULT_MAX_OBJECTS) -> list[InboundObject]:
    """Every object of a STIX bundle, or StixError for the first that is bad."""
    if not isinstance(data, dict):
        raise StixError("bundle", "a bundle is a JSON object")
    if data.get("type") != "bundle":
        raise StixError("type", "must be \"bundle\"")
    check_id(data.get("id"), "id", "bundle")
    return _parse_all(data.get("objects", []), max_objects)


def parse_envelope(data: object, max_objects: int = DEFAULT_MAX_OBJECTS) -> Envelope:
    """A TAXII 2.1 envelope ({"more", "next", "objects"}), checked like a bundle."""
    if not isinstance(data, dict):
        raise StixError("envelope", "a TAXII envelope is a JSON object")
    more = _get(data, "more", bool, False)
    nxt = _text(data, "next", limit=1_000)
    return Envelope(objects=tuple(_parse_all(data.get("objects", []), max_objects)), more=bool(more), next=nxt)


def load_json(raw: bytes | str, max_bytes: int = DEFAULT_MAX_BYTES) -> Any:
    """A request or response body as JSON; StixError("body", ...) when too large or not JSON."""
    if len(raw) > max_bytes:
        raise StixError("body", f"is larger than {max_bytes} bytes")
    try:
        return json.loads(raw, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:
        raise StixError("body", f"is not JSON: {exc}") from None


def _no_constant(name: str) -> None:
    # NaN and Infinity are not JSON (RFC 8259), though Python's parser takes them.
    raise ValueError(f"{name} is not a JSON value")
