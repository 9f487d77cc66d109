"""What an API key may do (scopes) and how often (requests per minute).

A key's scopes narrow its role, never widen it: a key with no scopes keeps
every right of its role (the tokens issued before scopes existed), a key with
scopes may do only what both its scopes and its role allow.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from xborder.core.actors import Actor
from xborder.core.taxonomy import ROLES

SCOPES: dict[str, str] = {
    "lookup": "look one indicator up (GET /api/v1/lookup)",
    "lookup:bulk": "look many indicators up at once (POST /api/v1/lookup)",
    "feeds": "download block lists and allowlists (/api/v1/feeds/...)",
    "check": "ask whether a message is a scam (POST /api/v1/check)",
    "indicators:read": "read what the node knows of an indicator (GET /api/v1/indicators/...)",
    "reports:read": "read reports and the chains between them",
    "networks:read": "read networks and their graphs",
    "labels": "confirm or correct reports and indicators (labels, confirm, false-positive)",
    "taxii": "pull and push shared intelligence over TAXII 2.1",
    "keys": "create, list and revoke API keys",
}

# Requests per minute a key may make on the rate-limited routes when it has no
# rate of its own. Banks, telcos and partner nodes run automated look-ups;
# people at a console do not need more than a few per second.
DEFAULT_ROLE_RATES: dict[str, int] = {
    "admin": 1200,
    "analyst": 1200,
    "investigator": 1200,
    "partner": 6000,
    "bank": 6000,
    "public": 120,
}

MAX_RATE_PER_MINUTE = 10_000_000


@dataclass(frozen=True, slots=True)
class KeyActor(Actor):
    """A caller who presented an API key: what the key may do, for whom, how often."""

    scopes: frozenset[str] = frozenset()
    organisation: str | None = None
    rate_per_minute: int | None = None
    partner_id: int | None = None


def scopes_allow(actor: Actor, scope: str) -> bool:
    """Whether the actor's key admits `scope` (a key without scopes admits all)."""
    if not isinstance(actor, KeyActor) or not actor.scopes:
        return True
    return scope in actor.scopes


def check_scopes(values: str | Iterable[str]) -> frozenset[str]:
    """Scopes from `a,b c` or a list of such strings; ValueError names an unknown one."""
    items = [values] if isinstance(values, str) else list(values)
    found: set[str] = set()
    for item in items:
        for name in item.replace(",", " ").split():
            if name not in SCOPES:
                raise ValueError(f"unknown scope {name!r}; scopes: {', '.join(SCOPES)}")
            found.add(name)
    return frozenset(found)


def stored_scopes(text: str | None) -> frozenset[str]:
    """The scopes of a stored key; names this version does not know grant nothing."""
    return frozenset((text or "").split())


def format_scopes(scopes: Iterable[str]) -> str:
    return " ".join(sorted(scopes))


def check_rate(value: int | str) -> int:
    """A key's own rate limit: a whole number of requests per minute, 1 to 10,000,000."""
    try:
        rate = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"rate must be a whole number of requests per minute, not {value!r}") from None
    if not 1 <= rate <= MAX_RATE_PER_MINUTE:
        raise ValueError(f"rate must be between 1 and {MAX_RATE_PER_MINUTE:,} requests per minute")
    return rate


def key_rate(role: str, own: int | None, role_rates: dict[str, int]) -> int:
    """Requests per minute a key may make: its own rate, else its role's; 0 = no limit."""
    if own is not None:
        return own
    # A role this version does not know gets the strictest default, not none.
    return role_rates.get(role, DEFAULT_ROLE_RATES["public"])


def parse_role_rates(text: str) -> dict[str, int]:
    """`bank=6000,public=60` over the built-in defaults; 0 lifts a role's limit."""
    rates = dict(DEFAULT_ROLE_RATES)
    for part in text.replace(";", ",").split(","):
        if not part.strip():
            continue
        role, sep, raw = part.partition("=")
        role = role.strip()
        if not sep or role not in ROLES:
            raise ValueError(f"expected role=requests_per_minute with a role of {', '.join(ROLES)}, not {part!r}")
        try:
            rate = int(raw)
        except ValueError:
            raise ValueError(f"{role}: requests per minute must be a whole number, not {raw.strip()!r}") from None
        if not 0 <= rate <= MAX_RATE_PER_MINUTE:
            raise ValueError(f"{role}: requests per minute must be between 0 and {MAX_RATE_PER_MINUTE:,}")
        rates[role] = rate
    return rates
