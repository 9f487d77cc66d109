"""Opaque `next` tokens: where a page ended, signed with the node's key, bound to a collection and filters.

A token is base64url(JSON [version, collection, filters digest, seq, issued])
and an HMAC-SHA256 tag. A forged or altered token fails the tag; a token
replayed on another collection or with other filters fails the binding; one
older than MAX_AGE is stale. Each is a 400 with a TAXII error body.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

from xborder.web.taxii.errors import TaxiiError

VERSION = 1
MAX_AGE_SECONDS = 24 * 3600


def cursor_key(node_key: bytes) -> bytes:
    """A key for cursors only, derived from the node's secret (never the secret itself)."""
    return hashlib.sha256(b"xborder taxii cursor\n" + node_key).digest()


def filters_digest(filters: dict[str, Any]) -> str:
    text = json.dumps(filters, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make_cursor(key: bytes, collection: str, digest: str, seq: int, now: float | None = None) -> str:
    payload = json.dumps([VERSION, collection, digest, seq, int(now if now is not None else time.time())],
                         separators=(",", ":")).encode()
    tag = hmac.new(key, payload, hashlib.sha256).digest()
    return f"{_b64(payload)}.{_b64(tag)}"


def _bad(description: str, code: str) -> TaxiiError:
    return TaxiiError(400, "Invalid next token", description, code=code)


def read_cursor(key: bytes, token: str, collection: str, digest: str, now: float | None = None) -> int:
    """The seq after which the next page starts; TaxiiError(400) for a forged, stale or misused token."""
    try:
        payload_text, tag_text = token.split(".")
        payload, tag = _unb64(payload_text), _unb64(tag_text)
    except ValueError:
        raise _bad("the next token is not one this server issued", "invalid_cursor") from None
    if not hmac.compare_digest(tag, hmac.new(key, payload, hashlib.sha256).digest()):
        raise _bad("the next token is not one this server issued", "invalid_cursor")
    version, where, bound, seq, issued = json.loads(payload)
    if version != VERSION or where != collection:
        raise _bad("the next token belongs to another collection", "invalid_cursor")
    if bound != digest:
        raise _bad("the next token was issued for other filters; repeat the original query's filters with it",
                   "cursor_filters_mismatch")
    if (now if now is not None else time.time()) - issued > MAX_AGE_SECONDS:
        raise _bad(f"the next token is older than {MAX_AGE_SECONDS // 3600} hours; start again with added_after",
                   "stale_cursor")
    return int(seq)
