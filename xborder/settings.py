"""Node settings, read once from the environment (XBORDER_*)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from xborder.core.geo import check_country
from xborder.core.money import parse_rates
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
    )


def _int(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {raw!r}") from None
