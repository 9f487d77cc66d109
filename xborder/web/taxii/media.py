"""The TAXII 2.1 media type (section 1.6.8): what we answer in, what we accept."""

from __future__ import annotations

TAXII_MEDIA_TYPE = "application/taxii+json;version=2.1"
STIX_MEDIA_TYPE = "application/stix+json;version=2.1"
_TAXII = "application/taxii+json"


def _ranges(header: str) -> list[tuple[str, dict[str, str]]]:
    out = []
    for item in header.split(","):
        kind, *params = [p.strip() for p in item.split(";")]
        values = {}
        for p in params:
            name, _, value = p.partition("=")
            values[name.strip().lower()] = value.strip().strip('"')
        if kind:
            out.append((kind.lower(), values))
    return out


def accepts_taxii(header: str | None) -> bool:
    """Whether an Accept header admits application/taxii+json;version=2.1 (no header admits anything)."""
    if header is None or not header.strip():
        return True
    for kind, params in _ranges(header):
        if params.get("q", "1").strip() in ("0", "0.0", "0.00", "0.000"):
            continue
        if kind in ("*/*", "application/*"):
            return True
        if kind == _TAXII and params.get("version", "2.1") == "2.1":
            return True
    return False


def is_taxii_content(header: str | None) -> bool:
    """Whether a Content-Type is the TAXII 2.1 media type (a bare application/taxii+json means the latest, 2.1)."""
    if not header:
        return False
    found = _ranges(header)
    if len(found) != 1:
        return False
    kind, params = found[0]
    return kind == _TAXII and params.get("version", "2.1") == "2.1"
