"""Node settings, read once from the environment (XBORDER_*)."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from xborder.core.geo import check_country
from xborder.core.money import parse_rates
from xborder.core.scopes import DEFAULT_ROLE_RATES, parse_role_rates
from xborder.link.params import LinkParams


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    secret_key: str | None
    node_country: str
    node_name: str
    rates_per_usd: dict[str, Decimal]
    link_params: LinkParams
    # Seconds between pulls from partners inside `xborder serve`; 0 turns it off.
    sync_seconds: int = 60
    # PEM file of the certificate authority behind partners' TAXII servers,
    # when it is not one the system trusts.
    taxii_ca_bundle: Path | None = None
    # Requests per minute on /api/v1/lookup, /api/v1/feeds and /api/v1/check:
    # per client address for callers without a key, and per key (by role) for
    # keys without a rate of their own. 0 = no limit.
    public_rate_per_minute: int = 60
    key_rates_per_minute: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_ROLE_RATES))
    # Reverse proxies whose X-Forwarded-For names the caller; nobody else's is believed.
    trusted_proxies: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    # How long a resolved API key is cached; a revocation made by another
    # process (the CLI beside `xborder serve`) takes effect this late.
    token_cache_seconds: int = 5
    # Seconds between the lookup index's polls for changes made by other
    # processes (imports, other workers, partner sync); 0 turns polling off.
    lookup_poll_seconds: float = 0.5
    # Seconds between the publisher's runs inside `xborder serve` (new STIX
    # object versions for TAXII collections); 0 turns it off.
    publish_seconds: float = 5.0
    # Seconds between runs of `link_pending` inside `xborder serve` (reports whose
    # linking failed, components intake grew past giant_size); 0 turns it off.
    relink_seconds: float = 60.0
    # The address partners reach this node at; extension definitions point
    # at their JSON schemas under it.
    public_url: str = "http://127.0.0.1:8000"


    @property
    def secret_key_path(self) -> Path:
        return self.home / "secret.key"


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    home = Path(env.get("XBORDER_HOME") or Path.home() / ".xborder").expanduser()
    url = env.get("XBORDER_DATABASE_URL") or f"sqlite:///{home / 'xborder.db'}"
    country = check_country(env.get("XBORDER_NODE_COUNTRY", "TH"))
    return Settings(
        home=home,
        database_url=url,
        secret_key=env.get("XBORDER_SECRET_KEY") or None,
        node_country=country,
        node_name=env.get("XBORDER_NODE_NAME") or f"xborder-{country.lower()}",
        rates_per_usd=parse_rates(env.get("XBORDER_RATES", "")),
        link_params=LinkParams(hub_degree=_int(env, "XBORDER_HUB_DEGREE", 1000),
                               giant_size=_int(env, "XBORDER_GIANT_SIZE", 5000)),
        sync_seconds=_sync_seconds(env),
        taxii_ca_bundle=Path(env["XBORDER_TAXII_CA_BUNDLE"]).expanduser()
        if env.get("XBORDER_TAXII_CA_BUNDLE", "").strip() else None,
        public_rate_per_minute=_not_negative(env, "XBORDER_PUBLIC_RATE_PER_MINUTE", 60),
        key_rates_per_minute=_role_rates(env),
        trusted_proxies=_networks(env, "XBORDER_TRUSTED_PROXIES"),
        token_cache_seconds=_not_negative(env, "XBORDER_TOKEN_CACHE_SECONDS", 5),
        lookup_poll_seconds=_poll_seconds(env, "XBORDER_LOOKUP_POLL_SECONDS", 0.5),
        publish_seconds=_poll_seconds(env, "XBORDER_PUBLISH_SECONDS", 5.0),
        relink_seconds=_poll_seconds(env, "XBORDER_RELINK_SECONDS", 60.0),
        public_url=(env.get("XBORDER_PUBLIC_URL") or "http://127.0.0.1:8000").strip().rstrip("/"),
    )


def _int(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {raw!r}") from None


def _sync_seconds(env: dict[str, str]) -> int:
    seconds = _int(env, "XBORDER_SYNC_SECONDS", 60)
    if seconds < 0:
        raise ValueError(f"XBORDER_SYNC_SECONDS must be 0 (off) or a number of seconds, not {seconds}")
    return seconds


def _not_negative(env: dict[str, str], name: str, default: int) -> int:
    value = _int(env, name, default)
    if value < 0:
        raise ValueError(f"{name} must be 0 or more, not {value}")
    return value


def _role_rates(env: dict[str, str]) -> dict[str, int]:
    try:
        return parse_role_rates(env.get("XBORDER_KEY_RATE_PER_MINUTE", ""))
    except ValueError as exc:
        raise ValueError(f"XBORDER_KEY_RATE_PER_MINUTE: {exc}") from None


def _networks(env: dict[str, str], name: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    found = []
    for part in env.get(name, "").replace(";", ",").split(","):
        if part.strip():
            try:
                found.append(ipaddress.ip_network(part.strip(), strict=False))
            except ValueError:
                raise ValueError(f"{name}: {part.strip()!r} is not an IP address or network") from None
    return tuple(found)


def _poll_seconds(env: dict[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number of seconds, not {raw!r}") from None
    if not 0 <= value <= 3600:
        raise ValueError(f"{name} must be 0 (off) to 3600 seconds, not {raw}")
    return value
