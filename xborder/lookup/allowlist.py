"""The official values on the warninglists: who a number or site really belongs to.

A spoofed "police" call shows a number; the allowlist says whether that
number is the real hotline. Only lists of official values are in it (not the
platform or link-shortener lists, which say "widely shared", not "genuine").
"""

from __future__ import annotations

from typing import NamedTuple

from xborder.extract.warninglists import warninglists
from xborder.lookup.verdict import is_official


class Official(NamedTuple):
    kind: str  # "phone" or "domain" (the kinds warninglists hold)
    value: str  # canonical: E.164, a service short code, or a host name (covering its subdomains)
    label: str | None  # whose it is, e.g. "Kasikornbank"
    list: str  # the warninglist's name
    match: str  # "exact" or "hostname"


def official_values() -> list[Official]:
    """Every value on an official warninglist, by kind and value."""
    out: list[Official] = []
    for wl in warninglists():
        if not is_official(wl.name):
            continue
        out.extend(Official(wl.kind, value, wl.labels.get(value), wl.name, wl.match) for value in wl.values)
    return sorted(out, key=lambda o: (o.kind, o.value, o.list))


def official_label(kind: str, value: str) -> str | None:
    """Whose official value this is (the most specific entry for a host), if a list says."""
    if kind not in ("phone", "domain", "url"):
        return None
    host = value
    if kind == "url":
        host = value.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0].rpartition("@")[2].split(":", 1)[0]
    list_kind = "phone" if kind == "phone" else "domain"
    lists = [wl for wl in warninglists() if is_official(wl.name) and wl.kind == list_kind]
    if kind == "phone":
        return next((wl.labels[value] for wl in lists if value in wl.labels), None)
    labels = host.split(".")
    # Most specific entry first: "scb.co.th" before "co.th".
    for i in range(len(labels)):
        suffix = ".".join(labels[i:])
        for wl in lists:
            if suffix in wl.labels:
                return wl.labels[suffix]
    return None
