"""Links, host names and e-mail addresses in normalised text, and their canonical forms.

One pass of one regex finds all three. Possessive quantifiers and token-start
lookbehinds keep it linear on hostile input (no backtracking into a token).
Paths stop at the first non-ASCII character: Thai and Khmer writers glue links
to the next word ("https://lin.ee/abcโบนัส"), and percent-encoding covers the
rest.
"""

from __future__ import annotations

import ipaddress
import re

from xborder.extract._found import Found
from xborder.extract._hosts import canonical_host
from xborder.extract.ips import canonical_ip
from xborder.extract.links import link_identifiers

_HOST = r"[A-Za-z0-9][A-Za-z0-9\-]*+(?:\.[A-Za-z0-9\-]++)++"
_PATH = r"[/?#][!#$%&'()*+,\-./0-9:;=?@A-Z_a-z~]*+"

SCHEME_PATTERN = (
    r"(?P<scheme>(?i:https?|ftp))://"
    r"(?P<auth>[^\s/?#<>\"'`\\^{}|\[\]]++)"
    rf"(?P<spath>{_PATH})?"
)
PATTERN = (
    SCHEME_PATTERN
    + rf"|(?<![A-Za-z0-9._%+\-])(?P<local>[A-Za-z0-9._%+\-]++)@(?P<mhost>{_HOST})(?![A-Za-z0-9\-@])"
    rf"|(?<![A-Za-z0-9._%+\-@/])(?P<host>{_HOST})(?![A-Za-z0-9_@]|://)"
    + r"(?P<port>:[0-9]{1,5}(?![0-9]))?"
    + rf"(?P<path>{_PATH})?"
)
# The leading lookahead lets re skip Thai and Khmer text fast.
WEB = re.compile(r"(?=[A-Za-z0-9._%+\-])(?:" + PATTERN + ")")

_CIDR = re.compile(r"/[0-9]{1,3}")
_DEFAULT_PORTS = {"http": "80", "https": "443", "ftp": "21"}
_TRAILING = ".,;:!?'\"*"
_CLOSERS = {")": "(", "]": "[", "}": "{"}


def _trim(path: str) -> str:
    """Drop sentence punctuation and unbalanced closing brackets after a link."""
    while path:
        last = path[-1]
        if last in _TRAILING:
            path = path[:-1]
        elif last in _CLOSERS and path.count(last) > path.count(_CLOSERS[last]):
            path = path[:-1]
        else:
            break
    return path


def _strip_fragment(path: str) -> str:
    return path.split("#", 1)[0]


def _ip_host(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return None


def read_web(m: re.Match[str], out: list[Found], regions: tuple[str, ...]) -> None:
    """Indicators of one match of PATTERN."""
    if m.group("scheme"):
        _scheme_url(m, out, regions)
    elif m.group("local"):
        _email(m, out)
    else:
        _bare(m, out, regions)


def find_web(norm: str, regions: tuple[str, ...]) -> list[Found]:
    out: list[Found] = []
    for m in WEB.finditer(norm):
        read_web(m, out, regions)
    return out


def _email(m: re.Match[str], out: list[Found]) -> None:
    raw = m.group("local")
    lead = len(raw) - len(raw.lstrip("."))
    local = raw[lead:]
    host = canonical_host(m.group("mhost"))
    if not local or local.endswith(".") or ".." in local or host is None:
        return
    out.append(Found("email", f"{local.lower()}@{host}", m.start("local") + lead, m.end("mhost")))


def _scheme_url(m: re.Match[str], out: list[Found], regions: tuple[str, ...]) -> None:
    scheme = m.group("scheme").lower()
    path = m.group("spath") or ""
    auth = m.group("auth") if path else _trim(m.group("auth"))
    userinfo, at, hostport = auth.rpartition("@")
    host_start = m.start("auth") + len(userinfo) + len(at)
    host, colon, port = hostport.partition(":")
    if colon and not (port.isdigit() and len(port) <= 5):
        colon = port = path = ""
    canonical = canonical_host(host)
    if canonical is None and not host.isascii():
        # A link glued to Thai or Khmer text: the host ends where ASCII ends.
        host = _trim(host[: next(i for i, ch in enumerate(host) if not ch.isascii())])
        colon = port = path = ""
        canonical = canonical_host(host)
    ip = _ip_host(host) if canonical is None else None
    if canonical is None and ip is None:
        return
    path = _trim(path)
    host_end = host_start + len(host)
    port_part = "" if not colon or port == _DEFAULT_PORTS.get(scheme) else ":" + port
    shown_host = canonical or (f"[{ip}]" if ":" in str(ip) else str(ip))
    value = f"{scheme}://{userinfo}{at}{shown_host}{port_part}{_strip_fragment(path)}"
    path_start = host_end + len(colon) + len(port)
    out.append(Found("url", value, m.start(), path_start + len(path)))
    if canonical:
        out.append(Found("domain", canonical, host_start, host_end))
        out.extend(link_identifiers(canonical, path, path_start, regions))
    else:
        out.append(Found("ip", str(ip), host_start, host_end))


def _bare(m: re.Match[str], out: list[Found], regions: tuple[str, ...]) -> None:
    host = m.group("host")
    canonical = canonical_host(host)
    port = m.group("port") or ""
    path = _trim(m.group("path") or "")
    if canonical is None:
        ip = _ip_host(host)
        if ip is None:
            return
        if not port and (not path or _CIDR.fullmatch(path)):
            # "1.2.3.4/32" is an address with a prefix, not a link (DESIGN.md).
            try:
                value = canonical_ip(host + path)
            except ValueError:
                return
            out.append(Found("ip", value, m.start("host"), m.end("host") + len(path)))
            return
        end = m.end("host") + len(port) + len(path)
        out.append(Found("url", f"http://{ip}{port}{_strip_fragment(path)}", m.start("host"), end))
        out.append(Found("ip", ip, m.start("host"), m.end("host")))
        return
    if not path and not port:
        out.append(Found("domain", canonical, m.start("host"), m.end("host")))
        return
    port_part = "" if port in ("", ":80") else port
    value = f"http://{canonical}{port_part}{_strip_fragment(path)}"
    end = m.end("host") + len(port) + len(path)
    out.append(Found("url", value, m.start("host"), end))
    out.append(Found("domain", canonical, m.start("host"), m.end("host")))
    out.extend(link_identifiers(canonical, path, m.end("host") + len(port), regions))


def canonical_url(value: str) -> str:
    """Canonical form of one link a person typed (already normalised)."""
    text = value.strip()
    m = WEB.fullmatch(text) or WEB.match(text)
    found: list[Found] = []
    if m is not None:
        if m.group("scheme"):
            _scheme_url(m, found, ())
        elif m.group("host"):
            _bare(m, found, ())
    urls = [f for f in found if f.kind == "url"]
    if not urls or urls[0].end != len(_trim(text)):
        raise ValueError(f"{value!r} is not a link with a host under a public suffix (or an IP address)")
    return urls[0].value


def canonical_domain(value: str) -> str:
    text = value.strip().rstrip(".")
    host = canonical_host(text) if not any(ch in text for ch in "/:@ ") else None
    if host is None:
        raise ValueError(f"{value!r} is not a host name under a public suffix")
    return host


def canonical_email(value: str) -> str:
    text = value.strip()
    m = WEB.fullmatch(text)
    found: list[Found] = []
    if m is not None and m.group("local"):
        _email(m, found)
    if not found or found[0].start != 0:
        raise ValueError(f"{value!r} is not an e-mail address with a host under a public suffix")
    return found[0].value
