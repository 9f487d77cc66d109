"""A DNS Response Policy Zone (RPZ) of malicious domains, for resolvers.

RPZ (draft-vixie-dnsop-dns-rpz, as BIND, Unbound, Knot and PowerDNS read it):
the zone's records are policy triggers. `name CNAME .` answers NXDOMAIN for
`name`; a second `*.name CNAME .` covers its subdomains, since a gang's site
moves between hosts under one registered name. The zone is an ordinary
RFC 1035 master file: SOA and NS at the apex, owner names relative to the
origin.
"""

from __future__ import annotations

from collections.abc import Iterable

# Resolvers reread the zone on a change of serial; these are RFC 1912's usual
# orders of magnitude, and the short negative TTL lets a withdrawn entry go quickly.
REFRESH, RETRY, EXPIRE, MINIMUM, TTL = 3600, 600, 86400, 300, 300
_MAX_NAME = 255  # octets in a full domain name (RFC 1035, 2.3.4), dots and root included
_MAX_LABEL = 63


def zone_origin(node_name: str) -> str:
    """The zone's name: `rpz.<node name>.`, e.g. rpz.xborder-th."""
    label = "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in node_name.lower()).strip("-") or "xborder"
    return f"rpz.{label[:_MAX_LABEL]}."


def _fits(domain: str, origin: str) -> bool:
    # "*." + domain + "." + origin must still be a legal name.
    if not domain.isascii():
        return False
    labels = domain.split(".")
    return all(0 < len(label) <= _MAX_LABEL for label in labels) and len(domain) + len(origin) + 3 <= _MAX_NAME


def render_rpz(domains: Iterable[str], *, origin: str, serial: int, generated: str) -> bytes:
    """The zone file: SOA, NS, and `d CNAME .` plus `*.d CNAME .` for each domain."""
    lines = [
        f"; xborder block list of malicious domains, generated {generated}",
        f"$ORIGIN {origin}",
        f"$TTL {TTL}",
        f"@ IN SOA localhost. hostmaster.{origin} ( {serial % 2**32} {REFRESH} {RETRY} {EXPIRE} {MINIMUM} )",
        "@ IN NS localhost.",
    ]
    for domain in domains:
        if _fits(domain, origin):
            lines.append(f"{domain} IN CNAME .")
            lines.append(f"*.{domain} IN CNAME .")
    return ("\n".join(lines) + "\n").encode("ascii")
