"""Warninglists (as in MISP): values that are official or shared by everyone.

Each list is one JSON file in xborder/extract/data/warninglists/ (format in the
README there). Matches are still extracted but carry attrs["warninglist"], so
linking never joins two strangers through a bank's call centre or bit.ly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from xborder.extract._hosts import canonical_host
from xborder.extract._text import normalize
from xborder.extract.phones import canonical_phone

_KINDS = ("phone", "domain")
_MATCHES = ("exact", "hostname")
# Service short codes (1441, 191) are not phones, yet lookups must know them.
_SHORT_CODE = re.compile(r"1[0-9]{2,4}")


@dataclass(frozen=True)
class Warninglist:
    name: str
    description: str
    version: int
    kind: str
    match: str
    urls: bool
    values: frozenset[str]
    labels: dict[str, str]


def _canonical_entry(kind: str, value: str, country: str | None, source: str) -> str:
    if kind == "phone":
        compact = re.sub(r"[\s\-]", "", normalize(value))
        if _SHORT_CODE.fullmatch(compact):
            return compact
        try:
            return canonical_phone(normalize(value), country)
        except ValueError as exc:
            raise ValueError(f"{source}: {exc}") from None
    # A hostname entry may be a bare public suffix ("go.th") or a brand TLD,
    # which has no registrable name of its own, so only its form is checked.
    host = value.strip().lower().rstrip(".")
    if not re.fullmatch(r"[a-z0-9\-]+(?:\.[a-z0-9\-]+)*", host):
        raise ValueError(f"{source}: {value!r} is not an ASCII host name")
    return host


def parse_warninglist(data: dict[str, Any], source: str) -> Warninglist:
    """Check one warninglist document and canonicalise its entries."""
    missing = {"name", "description", "version", "kind", "match", "entries"} - set(data)
    if missing:
        raise ValueError(f"{source}: missing field(s) {', '.join(sorted(missing))}")
    kind, match = data["kind"], data["match"]
    if kind not in _KINDS:
        raise ValueError(f"{source}: kind must be one of {', '.join(_KINDS)}, not {kind!r}")
    if match not in _MATCHES or (kind == "phone") != (match == "exact"):
        raise ValueError(f"{source}: phone lists match 'exact', domain lists match 'hostname'")
    values: set[str] = set()
    labels: dict[str, str] = {}
    for entry in data["entries"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("value"), str):
            raise ValueError(f"{source}: every entry needs a string 'value'")
        value = _canonical_entry(kind, entry["value"], entry.get("country", data.get("country")), source)
        values.add(value)
        if "label" in entry:
            labels[value] = entry["label"]
    return Warninglist(
        name=data["name"], description=data["description"], version=int(data["version"]), kind=kind,
        match=match, urls=bool(data.get("urls", False)), values=frozenset(values), labels=labels,
    )


@lru_cache(maxsize=1)
def warninglists() -> tuple[Warninglist, ...]:
    """The bundled warninglists, loaded once."""
    folder = resources.files("xborder.extract").joinpath("data/warninglists")
    lists = []
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".json"):
            lists.append(parse_warninglist(json.loads(item.read_text("utf-8")), item.name))
    return tuple(lists)


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str], dict[str, tuple[str, bool]]]:
    phones: dict[str, str] = {}
    hosts: dict[str, tuple[str, bool]] = {}
    for wl in warninglists():
        for value in wl.values:
            if wl.kind == "phone":
                phones.setdefault(value, wl.name)
            else:
                hosts.setdefault(value, (wl.name, wl.urls))
    return phones, hosts


def _host_match(host: str, for_url: bool) -> str | None:
    _, hosts = _index()
    labels = host.split(".")
    # Most specific entry first: "line.me" before "me".
    for i in range(len(labels)):
        hit = hosts.get(".".join(labels[i:]))
        if hit is not None:
            return hit[0] if (hit[1] or not for_url) else None
    return None


def warninglist_match(kind: str, value: str) -> str | None:
    """Name of the warninglist the canonical `value` of `kind` is on, or None."""
    if kind == "phone":
        phones, _ = _index()
        return phones.get(value) or phones.get(re.sub(r"[\s\-]", "", normalize(value)))
    if kind == "domain":
        return _host_match(value, for_url=False)
    if kind == "url":
        host = _url_host(value)
        return _host_match(host, for_url=True) if host else None
    return None


def _url_host(url: str) -> str | None:
    rest = url.split("://", 1)[-1]
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host = authority.rpartition("@")[2].split(":", 1)[0]
    return canonical_host(host) if host else None
