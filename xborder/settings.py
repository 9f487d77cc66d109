"""Node settings, read once from the environment (XBORDER_*)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from xborder.core.geo import check_country
from xborder.core.money import parse_rates


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    secret_key: str | None
    node_country: str
    node_name: str
    rates_per_usd: dict[str, Decimal]

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
    )
