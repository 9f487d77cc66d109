"""The TAXII 2.1 client against local servers: paging, retries, refusals, TLS, and OASIS medallion."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import os
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from xborder.share.client import (
    BearerAuth,
    RetryPolicy,
    TaxiiAuthError,
    TaxiiClient,
    TaxiiError,
    TaxiiProtocolError,
    TaxiiUnavailable,
    check_api_root,
)

TAXII = "application/taxii+json;version=2.1"
COLLECTION = "91a7b528-80eb-42ed-a74d-c6fbd5a26116"
Reply = tuple[int, dict[str, str], bytes] | None  # None: drop the connection without answering


class Scripted:
    """A local HTTP server that answers from a script and records what it was asked."""

    def __init__(self, replies: list[Reply] | Callable[[str], Reply], tls: ssl.SSLContext | None = None) -> None:
        self.replies = replies
        self.requests: list[tuple[str, dict[str, str]]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                owner.requests.append((self.path, dict(self.headers)))
                reply = owner.replies(self.path) if callable(owner.replies) else owner.replies.pop(0)
                if reply is None:
                    self.close_connection = True
                    return
                status, headers, body = reply
                self.send_response(status)
                for k, v in {"Content-Length": str(len(body)), **headers}.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Scripted:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, scheme: str = "http", host: str = "127.0.0.1") -> str:
        return f"{scheme}://{host}:{self.server.server_address[1]}/taxii2/kh/"


def taxii(body: dict[str, Any], status: int = 200, **headers: str) -> Reply:
    return status, {"Content-Type": TAXII, **{k.replace("_", "-"): v for k, v in headers.items()}}, json.dumps(
        body).encode()


class Sleeps:
    def __init__(self) -> None:
        self.asked: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)


def client(url: str, sleeps: Sleeps | None = None, **kw: Any) -> TaxiiClient:
    retry = RetryPolicy(attempts=kw.pop("attempts", 5), base_seconds=0.5, cap_seconds=4.0,
                        max_retry_after=kw.pop("max_retry_after", 300.0), sleep=sleeps or Sleeps(),
                        jitter=lambda: 1.0)
    return TaxiiClient(url, auth=BearerAuth("xb_secret-token"), retry=retry, **kw)


def _objects(n: int, start: int = 0) -> list[dict[str, Any]]:
    return [{"type": "identity", "id": f"identity--00000000-0000-4000-8000-{i:012d}"} for i in range(start, start + n)]


def test_pages_follow_next_with_the_same_filters_and_send_taxii_headers():
    replies = [taxii({"more": True, "next": "p2", "objects": _objects(2)},
                     X_TAXII_Date_Added_First="2026-01-01T00:00:00.000001Z",
                     X_TAXII_Date_Added_Last="2026-01-01T00:00:00.000002Z"),
               taxii({"more": False, "objects": _objects(1, 2)},
                     X_TAXII_Date_Added_Last="2026-01-01T00:00:00.000003Z")]
    with Scripted(replies) as server, client(server.url()) as c:
        pages = list(c.pages(COLLECTION, added_after="2025-12-31T00:00:00.000000Z", limit=2))

    assert [len(p.objects) for p in pages] == [2, 1]
    assert [p.date_added_last for p in pages] == ["2026-01-01T00:00:00.000002Z", "2026-01-01T00:00:00.000003Z"]
    (first, h1), (second, _) = server.requests
    assert urlsplit(first).path == f"/taxii2/kh/collections/{COLLECTION}/objects/"
    assert parse_qs(urlsplit(first).query) == {"added_after": ["2025-12-31T00:00:00.000000Z"], "limit": ["2"]}
    assert parse_qs(urlsplit(second).query) == {"added_after": ["2025-12-31T00:00:00.000000Z"], "next": ["p2"],
                                                "limit": ["2"]}
    assert h1["Accept"] == TAXII and h1["Authorization"] == "Bearer xb_secret-token"


def test_a_server_that_pages_by_date_alone_is_followed_from_its_last_date():
    replies = [taxii({"more": True, "objects": _objects(1)}, X_TAXII_Date_Added_Last="2026-01-01T00:00:01.000000Z"),
               taxii({"more": False, "objects": _objects(1, 1)})]
    with Scripted(replies) as server, client(server.url()) as c:
        assert sum(len(p.objects) for p in c.pages(COLLECTION)) == 2
    assert parse_qs(urlsplit(server.requests[1][0]).query) == {"added_after": ["2026-01-01T00:00:01.000000Z"]}

    stuck = [taxii({"more": True, "objects": _objects(1)})]
    with Scripted(stuck) as server, client(server.url()) as c:
        with pytest.raises(TaxiiProtocolError, match="no way on"):
            list(c.pages(COLLECTION))


def test_failures_that_may_pass_are_retried_with_backoff_jitter_and_retry_after():
    ok = taxii({"more": False, "objects": _objects(1)})
    replies = [taxii({"title": "busy"}, 503), taxii({"title": "slow down"}, 429, Retry_After="3"), None, ok]
    sleeps = Sleeps()
    with Scripted(replies) as server, client(server.url(), sleeps) as c:
        page = c.objects_page(COLLECTION)

    assert len(page.objects) == 1 and len(server.requests) == 4
    # Full jitter pinned at its top: 0.5 * 2^n, capped at 4 s; Retry-After 3 s wins over the 1 s backoff.
    assert sleeps.asked == [0.5, 3.0, 2.0]


def test_the_client_gives_up_and_says_why():
    sleeps = Sleeps()
    with Scripted(lambda _: taxii({"title": "down for maintenance"}, 502)) as server, \
            client(server.url(), sleeps, attempts=3) as c:
        with pytest.raises(TaxiiUnavailable, match="HTTP 502 down for maintenance; gave up after 3 attempts"):
            c.objects_page(COLLECTION)
    assert len(server.requests) == 3 and sleeps.asked == [0.5, 1.0]

    with Scripted([taxii({}, 429, Retry_After="3600")]) as server, client(server.url(), max_retry_after=60) as c:
        with pytest.raises(TaxiiUnavailable, match="retry after 3600 s"):
            c.objects_page(COLLECTION)

    # Nobody listening: connection refused, retried, then reported.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with client(f"http://127.0.0.1:{port}/taxii2/kh/", attempts=2) as c:
        with pytest.raises(TaxiiUnavailable, match="ConnectError"):
            c.objects_page(COLLECTION)


@pytest.mark.parametrize("status", [401, 403])
def test_refusals_are_not_retried_and_carry_the_servers_reason(status):
    body = {"title": "Forbidden", "description": "the sharing agreement with TH is suspended", "http_status": "403"}
    sleeps = Sleeps()
    with Scripted([taxii(body, status)]) as server, client(server.url(), sleeps) as c:
        with pytest.raises(TaxiiAuthError) as refused:
            c.objects_page(COLLECTION)
    assert refused.value.status == status and sleeps.asked == []
    assert "the sharing agreement with TH is suspended" in str(refused.value)
    assert "suspended or revoked" in str(refused.value)


@pytest.mark.parametrize("reply, message", [
    ((200, {"Content-Type": "text/html"}, b"<html>login</html>"), "expected application/taxii"),
    ((200, {"Content-Type": TAXII}, b"{not json"), "not JSON"),
    ((200, {"Content-Type": TAXII}, b'{"objects": {"a": 1}}'), "'objects' is not a list"),
    ((200, {"Content-Type": TAXII}, b'{"objects": [], "more": "yes"}'), "'more' is not true or false"),
    ((404, {"Content-Type": TAXII}, b'{"title": "Collection not found"}'), "not found"),
    ((200, {"Content-Type": TAXII}, b'{"objects": []}' + b" " * 5000), "over the 4096-byte limit"),
])
def test_what_is_not_taxii_is_refused(reply, message):
    with Scripted([reply]) as server, client(server.url(), max_response_bytes=4096) as c:
        with pytest.raises(TaxiiError, match=message):
            c.objects_page(COLLECTION)


def test_json_nested_deeper_than_the_parser_goes_is_refused_not_raised():
    deep = b"[" * 100_000 + b"]" * 100_000
    with Scripted([(200, {"Content-Type": TAXII}, deep)]) as server, client(server.url()) as c:
        with pytest.raises(TaxiiProtocolError, match="not JSON"):
            c.objects_page(COLLECTION)


def test_plain_http_goes_only_to_this_machine():
    assert check_api_root("http://127.0.0.1:8000/taxii2/kh") == "http://127.0.0.1:8000/taxii2/kh/"
    assert check_api_root("http://localhost/taxii2/kh/") == "http://localhost/taxii2/kh/"
    assert check_api_root("https://kh.example.org/taxii2/kh/") == "https://kh.example.org/taxii2/kh/"
    for bad in ("http://kh.example.org/taxii2/", "ftp://kh.example.org/", "kh.example.org", "https://h/x?y=1"):
        with pytest.raises(ValueError):
            check_api_root(bad)


@pytest.fixture(scope="module")
def partner_ca(tmp_path_factory) -> tuple[Path, ssl.SSLContext]:
    """A partner's own certificate authority and a server certificate it signed for 127.0.0.1."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    folder = tmp_path_factory.mktemp("pki")
    now = dt.datetime.now(dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "KH interior ministry test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
          .not_valid_after(now + dt.timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False, data_encipherment=False,
                                       key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    ca_pem = folder / "kh-ca.pem"
    ca_pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (folder / "server.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM) + key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(folder / "server.pem")
    return ca_pem, server_tls


def test_tls_is_verified_and_a_ca_bundle_admits_the_partners_authority(partner_ca, tmp_path):
    ca_pem, server_tls = partner_ca
    answer = taxii({"more": False, "objects": _objects(1)})
    with Scripted(lambda _: answer, tls=server_tls) as server:
        with client(server.url("https")) as c, pytest.raises(TaxiiError, match="XBORDER_TAXII_CA_BUNDLE") as failed:
            c.objects_page(COLLECTION)
        assert "TLS verification failed" in str(failed.value) and not isinstance(failed.value, TaxiiUnavailable)

        with client(server.url("https"), ca_bundle=ca_pem) as c:
            assert len(c.objects_page(COLLECTION).objects) == 1
        # The certificate names 127.0.0.1, not localhost: a name mismatch still fails.
        with client(server.url("https", "localhost"), ca_bundle=ca_pem) as c, pytest.raises(TaxiiError):
            c.objects_page(COLLECTION)

    not_pem = tmp_path / "junk.pem"
    not_pem.write_text("not a certificate")
    for bundle in (not_pem, tmp_path / "missing.pem"):
        with pytest.raises(ValueError, match="CA bundle"):
            TaxiiClient("https://127.0.0.1/taxii2/", ca_bundle=bundle)


# -- interoperability: OASIS medallion, the reference TAXII 2.1 server ------------------------

@pytest.fixture
def medallion(tmp_path) -> Iterator[str]:
    """medallion on loopback with its memory backend and one readable, writable collection."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    root = f"http://127.0.0.1:{port}/kh/"
    data = {
        "/discovery": {"title": "KH test", "default": root, "api_roots": [root]},
        "kh": {"information": {"title": "KH", "versions": [TAXII], "max_content_length": 10_485_760},
               "status": [],
               "collections": [{"id": COLLECTION, "title": "shared with TH", "can_read": True, "can_write": True,
                                "media_types": ["application/stix+json;version=2.1"], "objects": [],
                                "manifest": []}]},
    }
    (tmp_path / "data.json").write_text(json.dumps(data))
    config = {"backend": {"module": "medallion.backends.memory_backend", "module_class": "MemoryBackend",
                          "filename": str(tmp_path / "data.json")},
              "users": {"th": "s3cret-th"}, "taxii": {"max_page_size": 50}}
    (tmp_path / "config.json").write_text(json.dumps(config))
    proc = subprocess.Popen([sys.executable, "-c", "from medallion.scripts.run import main; main()",
                             "--host", "127.0.0.1", "--port", str(port), str(tmp_path / "config.json")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONWARNINGS": "ignore"})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(root, timeout=1)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"medallion did not start: {proc.stderr.read() if proc.stderr else ''}")
                time.sleep(0.1)
        yield root
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stderr:
            proc.stderr.close()


def test_pulls_everything_from_medallion_page_by_page_and_applies_it(medallion, node, kit):
    from xborder.actions.partner_import import apply_partner_objects
    from xborder.core.actors import Actor
    from xborder.store.indicators import get_indicator

    values = [f"+8551{n:07d}" for n in range(30)]
    page = kit.indicator_page(*(kit.facts("phone", v) for v in values))
    auth = httpx.BasicAuth("th", "s3cret-th")  # TAXII 2.1's mandatory scheme, which medallion speaks
    posted = httpx.post(f"{medallion}collections/{COLLECTION}/objects/", json={"objects": page}, auth=auth,
                        headers={"Accept": TAXII, "Content-Type": TAXII}, timeout=30)
    assert posted.status_code == 202, posted.text
    assert posted.json()["success_count"] == len(page)

    with TaxiiClient(medallion, auth=auth) as c:
        assert c.api_root_info()["title"] == "KH"
        assert [col["id"] for col in c.collections()] == [COLLECTION]
        pages = list(c.pages(COLLECTION, limit=50))
    got = [o for p in pages for o in p.objects]
    assert len(pages) == 3 and len(got) == len(page) == 126
    assert {o["id"] for o in got} == {o["id"] for o in page}
    with TaxiiClient(medallion, auth=httpx.BasicAuth("th", "wrong")) as c, pytest.raises(TaxiiAuthError):
        c.objects_page(COLLECTION)

    kh = kit.add_partner(node)
    for p in pages:
        apply_partner_objects(node, kh, p.objects, acting=Actor("partner", "KH", "partner"))
    with node.engine.connect() as conn:
        assert all(get_indicator(conn, "phone", v).report_count == 1 for v in values)
