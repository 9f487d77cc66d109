from __future__ import annotations

import io
import json
import socket

import pytest

from xborder.extract import canonicalize, detect, extract, extract_stream


@pytest.mark.parametrize("bad", [b"0812345678", None, 42, ["0812345678"]])
def test_extract_refuses_non_str(bad):
    with pytest.raises(TypeError, match="needs a str"):
        extract(bad)


def test_extract_refuses_unknown_country():
    with pytest.raises(ValueError, match="country"):
        extract("0812345678", "XX")


def test_results_are_sorted_and_spans_index_the_original():
    text = "โทร ๐๘๑-๒๓๔-๕๖๗๘ หรือ hxxps://evil[.]com/a แล้วแอดไลน์ @shop_th บัญชีกสิกร 123-4-56789-0"
    found = extract(text)
    assert [i.start for i in found] == sorted(i.start for i in found)
    assert [text[i.start : i.end] for i in found] == [
        "๐๘๑-๒๓๔-๕๖๗๘", "hxxps://evil[.]com/a", "evil[.]com", "@shop_th", "123-4-56789-0"]


def test_empty_and_blank_texts():
    assert extract("") == []
    assert extract(" \n\t ") == []


@pytest.mark.parametrize(
    ("value", "kind", "canonical"),
    [
        ("๐๘๑-๒๓๔-๕๖๗๘", "phone", "+66812345678"),
        ("  +855 12 345 678 ", "phone", "+85512345678"),
        ("hxxps://evil[.]com/login", "url", "https://evil.com/login"),
        ("evil[.]com", "domain", "evil.com"),
        ("john[at]evil.com", "email", "john@evil.com"),
        ("123-4-56789-0", "bank_account", "1234567890"),
        ("1234567890", "bank_account", "1234567890"),
        ("*948*1111*100#", "ussd", "*948*1111*100#"),
        ("line.me/ti/p/~scam01", "url", "http://line.me/ti/p/~scam01"),
        ("1-1017-00230-70-8", "national_id", "1101700230708"),
    ],
)
def test_detect(value, kind, canonical):
    found = detect(value)
    assert found is not None
    assert (found.kind, found.value) == (kind, canonical)
    assert value[found.start : found.end].strip() == value.strip()


@pytest.mark.parametrize("value", ["", "   ", "hello", "1441", "@someone", "ราคา 500 บาท", "12"])
def test_detect_none(value):
    assert detect(value) is None


def test_detect_refuses_non_str():
    with pytest.raises(TypeError):
        detect(12345)  # type: ignore[arg-type]


def test_canonicalize_refuses_unknown_kind_and_non_str():
    with pytest.raises(ValueError, match="unknown indicator kind"):
        canonicalize("fax", "0812345678")
    with pytest.raises(TypeError):
        canonicalize("phone", 812345678)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="empty"):
        canonicalize("phone", "   ")


def test_extract_stream_writes_json_lines():
    raw = io.BytesIO("โทร 0812345678 เว็บ bit.ly/abc".encode())
    out, err = io.StringIO(), io.StringIO()
    assert extract_stream(raw, out, "TH", err=err) == 0
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(d["kind"], d["value"]) for d in lines] == [
        ("phone", "+66812345678"), ("url", "http://bit.ly/abc"), ("domain", "bit.ly")]
    assert set(lines[0]) == {"kind", "value", "start", "end", "attrs"}
    assert err.getvalue() == ""


def test_extract_stream_reports_undecodable_bytes():
    raw = io.BytesIO(b"\xff\xfe call 0812345678 \xc3")
    out, err = io.StringIO(), io.StringIO()
    assert extract_stream(raw, out, None, err=err) == 0
    assert "3 byte(s)" in err.getvalue()
    assert [json.loads(line)["value"] for line in out.getvalue().splitlines()] == ["+66812345678"]


def test_extract_stream_bad_country_is_an_error_not_a_traceback():
    out, err = io.StringIO(), io.StringIO()
    assert extract_stream(io.BytesIO(b"0812345678"), out, "XX", err=err) == 2
    assert err.getvalue().startswith("error:")
    assert out.getvalue() == ""


def test_nothing_touches_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    from xborder.extract import _hosts

    _hosts.canonical_host.cache_clear()
    fresh = _hosts.tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    assert fresh.extract_str("a.b.example.co.th").suffix == "co.th"
    assert {i.kind for i in extract("https://brand-new-host.co.th/x user@another-new.com.kh")} == {
        "url", "domain", "email"}
