"""A TAXII 2.1 client: read a partner's collection page by page.

The sync action drives it; nothing here touches the database. It speaks
what TAXII 2.1 asks of a client (section 1.6 media types, section 3.4
paging with `added_after` and `next`, the X-TAXII-Date-Added-* headers) and
what crossing a border over the internet asks of any client: TLS verified
against the system's roots or a CA bundle the operator names, never
switched off; plain HTTP only to this machine; bounded responses; retries
with exponential backoff and full jitter on failures that may pass
(connection errors, 5xx, 429 with Retry-After honoured); and errors that
say what went wrong, 401 and 403 above all, since that is how a partner
says our agreement is suspended or revoked.
"""

from __future__ import annotations

import ipaddress
import json
import random
import ssl
import time
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

TAXII_MEDIA_TYPE = "application/taxii+json;version=2.1"
# A page bigger than this is not a page: refuse it before it fills memory.
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


class TaxiiError(Exception):
    """A TAXII exchange failed; the message says with whom and why."""


class TaxiiAuthError(TaxiiError):
    """The server refused our credential (401) or what we asked for (403)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class TaxiiUnavailable(TaxiiError):
    """The server kept failing (or asked us to wait too long) after every retry."""


class TaxiiProtocolError(TaxiiError):
    """The server answered with something that is not TAXII 2.1."""


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter (sleep a random part of base*2^n, capped).

    `sleep` and `jitter` are injectable so that tests can see the delays
    asked for without waiting for them.
    """

    attempts: int = 5
    base_seconds: float = 0.5
    cap_seconds: float = 30.0
    # A Retry-After longer than this ends the sync instead of stalling it;
    # the next periodic pull tries again.
    max_retry_after: float = 300.0
    sleep: Callable[[float], None] = time.sleep
    jitter: Callable[[], float] = random.random

    def backoff(self, attempt: int) -> float:
        return self.jitter() * min(self.cap_seconds, self.base_seconds * (2 ** attempt))


class BearerAuth(httpx.Auth):
    """`Authorization: Bearer <token>`: how xborder nodes (and OpenCTI) take a token."""

    def __init__(self, token: str) -> None:
        if not token.strip():
            raise ValueError("the partner token is empty")
        self._header = f"Bearer {token.strip()}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request


@dataclass(frozen=True)
class Page:
    """One response of GET .../objects/."""

    objects: list[dict[str, Any]]
    more: bool
    next: str | None
    # TAXII 2.1 section 3.4.2: the date_added of the first and last object;
    # the last one is the `added_after` that resumes after this page.
    date_added_first: str | None
    date_added_last: str | None


@dataclass
class TaxiiClient:
    """A session with one TAXII 2.1 API root (e.g. https://kh.example/taxii2/root/)."""

    api_root: str
    auth: httpx.Auth | None = None
    ca_bundle: Path | None = None
    timeout: float = 30.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    max_response_bytes: int = MAX_RESPONSE_BYTES
    # Tests hand in an httpx.MockTransport; production leaves it None.
    transport: httpx.BaseTransport | None = None
    _http: httpx.Client = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.api_root = check_api_root(self.api_root)
        self._http = httpx.Client(
            auth=self.auth, verify=tls_context(self.ca_bundle), timeout=self.timeout,
            headers={"Accept": TAXII_MEDIA_TYPE}, transport=self.transport, follow_redirects=False,
        )

    def __enter__(self) -> TaxiiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def api_root_info(self) -> dict[str, Any]:
        return self._get_json("")

    def collections(self) -> list[dict[str, Any]]:
        body = self._get_json("collections/")
        found = body.get("collections", [])
        if not isinstance(found, list):
            raise TaxiiProtocolError(f"{self.api_root}collections/: 'collections' is not a list")
        return found

    def objects_page(self, collection_id: str, *, added_after: str | None = None, next_token: str | None = None,
                     limit: int | None = None) -> Page:
        """One page of a collection's objects (the newest version of each, the server's default)."""
        params: dict[str, str] = {}
        if added_after:
            params["added_after"] = added_after
        if next_token:
            params["next"] = next_token
        if limit is not None:
            params["limit"] = str(limit)
        response, body = self._request(f"collections/{_segment(collection_id)}/objects/", params)
        return _page(body, response.headers, where=str(response.url))

    def pages(self, collection_id: str, *, added_after: str | None = None,
              limit: int | None = None) -> Iterator[Page]:
        """Every page after `added_after`, following `next` until the server has no more.

        `added_after` stays the same on every request of one walk: TAXII ties
        a `next` token to the filters it was issued with.
        """
        next_token: str | None = None
        while True:
            page = self.objects_page(collection_id, added_after=added_after, next_token=next_token, limit=limit)
            yield page
            if not page.more:
                return
            if not page.next:
                # TAXII 2.1 lets a server page by added_after alone: carry on
                # from the last object of this page.
                if not page.date_added_last or page.date_added_last == added_after or not page.objects:
                    raise TaxiiProtocolError(f"{self.api_root}: 'more' is true but the page gives no way on "
                                             "(no 'next', no X-TAXII-Date-Added-Last)")
                added_after = page.date_added_last
            next_token = page.next

    def _get_json(self, path: str) -> dict[str, Any]:
        return self._request(path, {})[1]

    def _request(self, path: str, params: Mapping[str, str]) -> tuple[httpx.Response, dict[str, Any]]:
        url = self.api_root + path
        attempt = 0
        while True:
            try:
                response, content = self._send(url, params)
            except httpx.TransportError as exc:
                if _is_tls_failure(exc):
                    raise TaxiiError(f"{url}: TLS verification failed ({_reason(exc)}); if the partner uses its "
                                     "own certificate authority, set XBORDER_TAXII_CA_BUNDLE to its PEM file") from None
                self._wait(attempt, None, f"{url}: {_reason(exc)}")
                attempt += 1
                continue
            if response.status_code in _RETRY_STATUS:
                self._wait(attempt, _retry_after(response.headers.get("Retry-After")),
                           f"{url}: HTTP {response.status_code} {_describe(content)}")
                attempt += 1
                continue
            return response, _check_response(url, response, content)

    def _send(self, url: str, params: Mapping[str, str]) -> tuple[httpx.Response, bytes]:
        with self._http.stream("GET", url, params=params) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > self.max_response_bytes:
                raise TaxiiProtocolError(f"{url}: the response is {declared} bytes, over the "
                                         f"{self.max_response_bytes}-byte limit")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_response_bytes:
                    raise TaxiiProtocolError(f"{url}: the response is over the {self.max_response_bytes}-byte limit")
                chunks.append(chunk)
        return response, b"".join(chunks)

    def _wait(self, attempt: int, retry_after: float | None, problem: str) -> None:
        if attempt + 1 >= self.retry.attempts:
            raise TaxiiUnavailable(f"{problem}; gave up after {self.retry.attempts} attempts")
        if retry_after is not None and retry_after > self.retry.max_retry_after:
            raise TaxiiUnavailable(f"{problem}; the server asks to retry after {retry_after:.0f} s")
        delay = self.retry.backoff(attempt)
        self.retry.sleep(delay if retry_after is None else max(retry_after, delay))


def check_api_root(url: str) -> str:
    """The API root URL with a trailing slash; https, or http to this machine only."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError(f"not a TAXII API root URL: {url!r} (expected https://host/path/)")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise ValueError(f"{url}: intelligence crosses borders over https only (plain http is allowed to "
                         "127.0.0.1 / localhost for testing)")
    if parts.query or parts.fragment:
        raise ValueError(f"{url}: an API root URL has no query or fragment")
    text = url.strip()
    return text if text.endswith("/") else text + "/"


def tls_context(ca_bundle: Path | None) -> ssl.SSLContext:
    """Verification as usual: the system's roots, or only the operator's CA bundle when one is named."""
    if ca_bundle is None:
        return ssl.create_default_context()
    if not Path(ca_bundle).is_file():
        raise ValueError(f"CA bundle {ca_bundle} does not exist")
    try:
        return ssl.create_default_context(cafile=str(ca_bundle))
    except ssl.SSLError as exc:
        raise ValueError(f"CA bundle {ca_bundle} is not a PEM certificate file: {exc}") from None


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _segment(collection_id: str) -> str:
    if not collection_id or "/" in collection_id or "?" in collection_id or "#" in collection_id:
        raise ValueError(f"not a collection id: {collection_id!r}")
    return collection_id


def _check_response(url: str, response: httpx.Response, content: bytes) -> dict[str, Any]:
    status = response.status_code
    if status in (401, 403):
        what = "refused our credential" if status == 401 else "refused access"
        raise TaxiiAuthError(f"{url}: the partner's server {what} (HTTP {status}): {_describe(content)} "
                             "— is the agreement suspended or revoked, or the token wrong?", status)
    if status == 404:
        raise TaxiiError(f"{url}: not found (HTTP 404): {_describe(content)}")
    if status >= 300:
        raise TaxiiError(f"{url}: HTTP {status}: {_describe(content)}")
    media = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if media != "application/taxii+json":
        raise TaxiiProtocolError(f"{url}: expected {TAXII_MEDIA_TYPE}, got {media or 'no content type'!r}")
    try:
        body = json.loads(content)
    except (ValueError, RecursionError):
        # RecursionError: nesting deeper than the parser goes is not a page either.
        raise TaxiiProtocolError(f"{url}: the response is not JSON") from None
    if not isinstance(body, dict):
        raise TaxiiProtocolError(f"{url}: the response is not a JSON object")
    return body


def _page(body: dict[str, Any], headers: httpx.Headers, *, where: str) -> Page:
    objects = body.get("objects", [])
    if not isinstance(objects, list) or not all(isinstance(o, dict) for o in objects):
        raise TaxiiProtocolError(f"{where}: 'objects' is not a list of objects")
    more = body.get("more", False)
    if not isinstance(more, bool):
        raise TaxiiProtocolError(f"{where}: 'more' is not true or false")
    next_token = body.get("next")
    if next_token is not None and (not isinstance(next_token, str) or not next_token):
        raise TaxiiProtocolError(f"{where}: 'next' is not a string")
    return Page(objects=objects, more=more, next=next_token,
                date_added_first=headers.get("X-TAXII-Date-Added-First") or None,
                date_added_last=headers.get("X-TAXII-Date-Added-Last") or None)


def _describe(content: bytes) -> str:
    """The TAXII error message's title and description, else the start of the body."""
    try:
        body = json.loads(content)
    except (ValueError, RecursionError):
        body = None
    if isinstance(body, dict) and (body.get("title") or body.get("description") or body.get("error")):
        parts = [str(body[k]) for k in ("title", "description", "error") if body.get(k)]
        return ": ".join(parts)[:500]
    text = content[:200].decode("utf-8", "replace").strip()
    return text or "(empty body)"


def _retry_after(raw: str | None) -> float | None:
    """RFC 9110 Retry-After: seconds or an HTTP date."""
    if raw is None or not raw.strip():
        return None
    raw = raw.strip()
    if raw.isdigit():
        return float(raw)
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _is_tls_failure(exc: httpx.TransportError) -> bool:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return True
        cause = cause.__cause__ or cause.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc)


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
