"""iocextract and ioc-finder as baselines, their output mapped onto our kinds.

Both tools only know links, host names, e-mail addresses, IPs and (ioc-finder)
Bitcoin addresses, so they are scored on those kinds only. Their values go
through our canonicalize() where it accepts them, so that a baseline is not
marked wrong for writing "HTTP://X.com" where we write "http://x.com".
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

from xborder.extract import canonicalize

Pairs = set[tuple[str, str]]


def _canonical(kind: str, value: str) -> tuple[str, str]:
    try:
        return kind, canonicalize(kind, value)
    except ValueError:
        return kind, value.strip().lower()


def iocextract_pairs() -> tuple[frozenset[str], Callable[[str], Pairs]] | None:
    try:
        import iocextract
    except ImportError:
        return None

    def run(text: str) -> Pairs:
        found: Pairs = set()
        found.update(_canonical("url", u) for u in iocextract.extract_urls(text, refang=True))
        found.update(_canonical("email", e) for e in iocextract.extract_emails(text, refang=True))
        found.update(_canonical("ip", i) for i in iocextract.extract_ips(text, refang=True))
        return found

    return frozenset({"url", "email", "ip"}), run


def ioc_finder_pairs() -> tuple[frozenset[str], Callable[[str], Pairs]] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import ioc_finder
    except ImportError:
        return None
    keys = {"urls": "url", "domains": "domain", "email_addresses": "email", "ipv4s": "ip", "ipv6s": "ip",
            "bitcoin_addresses": "crypto_wallet"}

    def run(text: str) -> Pairs:
        # Settings closest to our rules: an e-mail address yields no domain.
        iocs = ioc_finder.find_iocs(text, parse_domain_from_email_address=False)
        found: Pairs = set()
        for key, kind in keys.items():
            for value in iocs.get(key, []):
                found.add(_canonical(kind, value))
        return found

    return frozenset({"url", "domain", "email", "ip", "crypto_wallet"}), run
