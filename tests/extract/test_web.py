from __future__ import annotations

import pytest

from xborder.extract import canonicalize, extract


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("คลิก https://bit.ly/3HYlHLD", {("url", "https://bit.ly/3HYlHLD"), ("domain", "bit.ly")}),
        ("กดเลย : p48q.com/fop", {("url", "http://p48q.com/fop"), ("domain", "p48q.com")}),
        ("ไปที่ www.roma99.co/bigbonus <<", {("url", "http://www.roma99.co/bigbonus"), ("domain", "www.roma99.co")}),
        ("เว็บ bkk7a.co", {("domain", "bkk7a.co")}),
        ("HTTPS://Example.COM/Path?Q=A#frag", {("url", "https://example.com/Path?Q=A"), ("domain", "example.com")}),
        ("http://example.com:80/a https://example.com:443/b", {
            ("url", "http://example.com/a"), ("url", "https://example.com/b"), ("domain", "example.com")}),
        ("http://example.com:8080/a", {("url", "http://example.com:8080/a"), ("domain", "example.com")}),
        ("(see https://example.com/a_(b))", {("url", "https://example.com/a_(b)"), ("domain", "example.com")}),
        ("go to https://example.com/login.", {("url", "https://example.com/login"), ("domain", "example.com")}),
        ('"https://example.com/x",', {("url", "https://example.com/x"), ("domain", "example.com")}),
        ("https://lin.ee/Ohg8QVtโuนัa300", {("url", "https://lin.ee/Ohg8QVt"), ("domain", "lin.ee")}),
        ("คลิกhttps://cutt.ly/abcคลิก", {("url", "https://cutt.ly/abc"), ("domain", "cutt.ly")}),
        ("th.Bhttp://sjkfekr99.com/i/WLE", {("url", "http://sjkfekr99.com/i/WLE"), ("domain", "sjkfekr99.com")}),
        ("คลิ๊ก:cutt.ly/LP4CKDI", {("url", "http://cutt.ly/LP4CKDI"), ("domain", "cutt.ly")}),
        ("https://ตัวอย่าง.ไทย/หน้า", {("url", "https://xn--72c1a1bt4awk9o.xn--o3cw4h/"),
                                       ("domain", "xn--72c1a1bt4awk9o.xn--o3cw4h")}),
        ("http://www.kbank.com@evil-site.net/login", {
            ("url", "http://www.kbank.com@evil-site.net/login"), ("domain", "evil-site.net")}),
        ("http://203.0.113.7/pay", {("url", "http://203.0.113.7/pay"), ("ip", "203.0.113.7")}),
    ],
)
def test_links(text, expected, pairs):
    assert pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hxxp://evil[.]com/x", "http://evil.com/x"),
        ("hXXps://evil[.]com/x", "https://evil.com/x"),
        ("hxxps[:]//evil[.]com/x", "https://evil.com/x"),
        ("https[://]evil(.)com/x", "https://evil.com/x"),
        ("http[:]//evil{.}com/x", "http://evil.com/x"),
        ("evil[dot]com/x", "http://evil.com/x"),
        ("evil(dot)com/x", "http://evil.com/x"),
        ("evil dot com/x", "http://evil.com/x"),
        ("evil\\.com/x", "http://evil.com/x"),
        ("evil．com/x", "http://evil.com/x"),
        ("evil\u200b.com/x", "http://evil.com/x"),
    ],
)
def test_defanged_links(text, expected):
    urls = [i for i in extract(text) if i.kind == "url"]
    assert [u.value for u in urls] == [expected]
    assert urls[0].start == 0 and urls[0].end == len(text)
    assert canonicalize("url", text[urls[0].start : urls[0].end]) == expected


@pytest.mark.parametrize(
    "text",
    ["e.g. this", "No.1 เว็บตรง", "Ms.Marvel", "ยอด 26.41 บาท", "version 1.2", "cpt.dx/55qd1", "file report.pdf",
     "a..b.com", "-bad-.com", "co.th"],
)
def test_not_links(text):
    assert [i for i in extract(text) if i.kind in ("url", "domain")] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail John.Doe@Example.COM now", "john.doe@example.com"),
        ("john.doe[at]gmail[.]com", "john.doe@gmail.com"),
        ("john.doe(at)gmail(dot)com", "john.doe@gmail.com"),
        ("john.doe [at] gmail.com", "john.doe@gmail.com"),
        ("อีเมลsupport-th@kbank-verify.net", "support-th@kbank-verify.net"),
    ],
)
def test_emails_yield_only_the_address(text, expected, pairs):
    assert pairs(text) == {("email", expected)}


def test_email_span_is_what_was_written():
    text = "ส่งมาที่ john.doe[at]gmail[.]com ด่วน"
    (email,) = extract(text)
    assert text[email.start : email.end] == "john.doe[at]gmail[.]com"


def test_url_and_domain_spans():
    text = "คลิก hxxps://bit[.]ly/3abc ด่วน"
    url, domain = extract(text)
    assert (url.kind, text[url.start : url.end]) == ("url", "hxxps://bit[.]ly/3abc")
    assert (domain.kind, text[domain.start : domain.end]) == ("domain", "bit[.]ly")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wa.me/66812345678", ("phone", "+66812345678")),
        ("https://wa.me/+85512345678", ("phone", "+85512345678")),
        ("https://api.whatsapp.com/send?phone=66812345678", ("phone", "+66812345678")),
        ("line.me/ti/p/~cntrl226666", ("line_id", "cntrl226666")),
        ("https://line.me/R/ti/p/@ScamShop", ("line_id", "@scamshop")),
        ("https://line.me/R/ti/p/%40scamshop", ("line_id", "@scamshop")),
        ("t.me/ScamBoss", ("telegram", "scamboss")),
        ("https://t.me/s/crypto_signals_vip", ("telegram", "crypto_signals_vip")),
    ],
)
def test_links_that_carry_an_identifier(text, expected):
    found = extract(text)
    kinds = {i.kind for i in found}
    assert {"url", "domain"} <= kinds
    ident = [i for i in found if i.kind == expected[0]]
    assert [(i.kind, i.value) for i in ident] == [expected]
    assert canonicalize(expected[0], text[ident[0].start : ident[0].end]) == expected[1]


def test_links_without_identifier():
    found = {(i.kind, i.value) for i in extract("t.me/joinchat/AAAA line.me/ti/p/6ng785zcEw")}
    assert {k for k, _ in found} == {"url", "domain"}


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("url", "hxxps://Bit[.]ly/Abc", "https://bit.ly/Abc"),
        ("url", "bit.ly/Abc", "http://bit.ly/Abc"),
        ("url", "https://example.com", "https://example.com"),
        ("domain", "WWW.Example.co.th.", "www.example.co.th"),
        ("domain", "evil[.]com", "evil.com"),
        ("domain", "ตัวอย่าง.ไทย", "xn--72c1a1bt4awk9o.xn--o3cw4h"),
        ("email", "A.B[at]Example[.]com", "a.b@example.com"),
    ],
)
def test_canonicalize_web(kind, value, expected):
    assert canonicalize(kind, value) == expected
    assert canonicalize(kind, expected) == expected


@pytest.mark.parametrize(
    ("kind", "value"),
    [("url", "not a link"), ("url", "https://cpt.dx/55qd1"), ("domain", "co.th"), ("domain", "bit.ly/abc"),
     ("domain", "localhost"), ("email", "user@localhost"), ("email", "@example.com")],
)
def test_canonicalize_web_rejects(kind, value):
    with pytest.raises(ValueError):
        canonicalize(kind, value)
