"""Host names: IDNA form and the public-suffix check, offline.

The suffix list is the snapshot bundled with tldextract. `suffix_list_urls=()`
and `cache_dir=None` make tldextract neither fetch nor write a cache, so the
check is the same on every node and never touches the network (DESIGN.md).
"""

from __future__ import annotations

from functools import lru_cache

import idna
import tldextract

_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=False)

_MAX_HOST = 253


@lru_cache(maxsize=65536)
def canonical_host(host: str) -> str | None:
    """Lower-case IDNA host with a registrable name under a public suffix, else None."""
    host = host.rstrip(".")
    if not host or len(host) > _MAX_HOST * 4:
        return None
    if host.isascii():
        ascii_host = host.lower()
        if not all(0 < len(label) <= 63 for label in ascii_host.split(".")):
            return None
        if any(label.startswith("-") or label.endswith("-") for label in ascii_host.split(".")):
            return None
    else:
        try:
            ascii_host = idna.encode(host, uts46=True).decode("ascii")
        except (idna.IDNAError, UnicodeError, ValueError):
            return None
    if len(ascii_host) > _MAX_HOST or "." not in ascii_host:
        return None
    parts = _EXTRACT.extract_str(ascii_host)
    if not parts.suffix or not parts.domain:
        return None
    return ascii_host


def registered_domain(host: str) -> str:
    """The registrable part of an already canonical host (`www.a.co.th` -> `a.co.th`)."""
    parts = _EXTRACT.extract_str(host)
    return f"{parts.domain}.{parts.suffix}" if parts.suffix else host
