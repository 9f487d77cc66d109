"""IP addresses in text; "1.2.3.4/32" is an address with a prefix, not a link."""

from __future__ import annotations

import ipaddress
import re

from xborder.extract._found import Found

_V4 = r"(?:[0-9]{1,3}\.){3}[0-9]{1,3}"
_V6 = r"(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}"
IP = re.compile(
    r"(?=[0-9A-Fa-f:])"
    rf"(?<![0-9A-Za-z.:_\-/])(?:(?P<v4>{_V4})|(?P<v6>{_V6}))(?:/(?P<prefix>[0-9]{{1,3}}))?"
    r"(?![0-9A-Za-z_\-:]|\.[0-9])"
)


def canonical_ip(value: str) -> str:
    """Compressed address; a network keeps its prefix unless it is one address."""
    try:
        if "/" in value:
            network = ipaddress.ip_network(value, strict=False)
            if network.prefixlen == network.max_prefixlen:
                return str(network.network_address)
            return str(network)
        return str(ipaddress.ip_address(value))
    except ValueError:
        raise ValueError(f"{value!r} is not an IPv4 or IPv6 address (optionally with a /prefix)") from None


def find_ips(norm: str) -> list[Found]:
    if "." not in norm and ":" not in norm:
        return []
    out = []
    for m in IP.finditer(norm):
        try:
            value = canonical_ip(m.group())
        except ValueError:
            continue
        out.append(Found("ip", value, m.start(), m.end()))
    return out
