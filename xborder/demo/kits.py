"""Where a report's indicators come from: its gang's pools, or a lone scammer's pocket."""

from __future__ import annotations

import random
from typing import Protocol

from xborder.demo.banks import BankAccount, new_account, thai_id, write_account, write_promptpay
from xborder.demo.gangs import GangPlan
from xborder.demo.handles import new_line_id, new_telegram, write_line, write_telegram
from xborder.demo.phones import new_mobile, write_phone
from xborder.demo.planted import Writing
from xborder.demo.pools import Pool
from xborder.demo.sites import Site, new_site, write_domain, write_url
from xborder.demo.wallets import new_wallet, write_wallet


class Kit(Protocol):
    def write(self, rng: random.Random, slot: str, lang: str, country: str, themes: tuple[str, ...]) -> Writing:
        """`slot` written for a report in `lang` from `country`; `themes` orders site themes."""
        ...


def _other(country: str) -> str:
    return "KH" if country == "TH" else "TH"


def _stay(plan: GangPlan, country: str) -> float:
    """Chance a victim in `country` meets the gang's local number, account or site.

    Otherwise they meet what the gang uses in the other country: migrant
    workers across the border, and victims of a mostly-Thai operation in
    Cambodia, often do. This is what ties a gang's reports across the border.
    """
    share = plan.th_share if country == "TH" else 1 - plan.th_share
    return 0.7 + 0.2 * share


def _where(rng: random.Random, pools: dict[str, Pool[str]] | dict[str, Pool[BankAccount]],
           country: str, stay: float) -> str:
    """Which country's pool to draw from: mostly the victim's own."""
    home, away = pools[country], pools[_other(country)]
    if home and (not away or rng.random() < stay):
        return country
    return _other(country)


class GangKit:
    """Draws from a gang's pools at one moment of its life."""

    def __init__(self, plan: GangPlan, position: float) -> None:
        self.plan = plan
        self.t = position

    def _site(self, rng: random.Random, themes: tuple[str, ...], country: str) -> Pool[Site]:
        sites = self.plan.sites
        if rng.random() >= _stay(self.plan, country):
            country = _other(country)
        for theme in themes:
            for key in ((theme, None), (theme, country), (theme, _other(country))):
                if key in sites:
                    return sites[key]
        return next(iter(sites.values()))

    def write(self, rng: random.Random, slot: str, lang: str, country: str, themes: tuple[str, ...]) -> Writing:
        plan, t = self.plan, self.t
        if slot == "phone":
            pool = plan.phones[_where(rng, plan.phones, country, _stay(plan, country))]
            return write_phone(rng, pool.pick(rng, t), lang, country)
        if slot == "account":
            acct = plan.accounts[_where(rng, plan.accounts, country, _stay(plan, country))].pick(rng, t)
            return write_account(rng, acct, lang)
        if slot == "promptpay":
            return write_promptpay(rng, plan.promptpay.pick(rng, t), lang)
        if slot == "url":
            writing, landing = write_url(rng, self._site(rng, themes, country).pick(rng, t))
            plan.landing[landing] = None
            return writing
        if slot == "domain":
            return write_domain(rng, self._site(rng, themes, country).pick(rng, t))
        if slot == "line":
            return write_line(rng, plan.lines.pick(rng, t), lang)
        if slot == "tg":
            return write_telegram(rng, plan.telegrams.pick(rng, t), lang)
        if slot == "wallet":
            return write_wallet(rng, plan.wallets.pick(rng, t), lang)
        raise KeyError(slot)


_LONE_STEMS = ("admin", "shop", "cash", "job", "vip", "lucky", "money", "sale", "help", "deal")


class LoneKit:
    """A scammer working alone: every indicator is fresh and appears once."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        self.site: Site | None = None

    def _site(self, rng: random.Random, themes: tuple[str, ...], country: str) -> Site:
        # One site per scammer, so {url} and {domain} in one text agree.
        if self.site is None:
            self.site = new_site(rng, themes[0], self.taken, country)
        return self.site

    def write(self, rng: random.Random, slot: str, lang: str, country: str, themes: tuple[str, ...]) -> Writing:
        taken = self.taken
        if slot == "phone":
            where = country if rng.random() < 0.85 else _other(country)
            return write_phone(rng, new_mobile(rng, where, taken), lang, country)
        if slot == "account":
            acct = new_account(rng, country if rng.random() < 0.9 else _other(country), taken)
            return write_account(rng, acct, lang)
        if slot == "promptpay":
            pp = new_mobile(rng, "TH", taken) if rng.random() < 0.8 else thai_id(rng, taken)
            return write_promptpay(rng, pp, lang)
        if slot == "url":
            return write_url(rng, self._site(rng, themes, country))[0]
        if slot == "domain":
            return write_domain(rng, self._site(rng, themes, country))
        if slot == "line":
            return write_line(rng, new_line_id(rng, _LONE_STEMS, taken), lang)
        if slot == "tg":
            return write_telegram(rng, new_telegram(rng, _LONE_STEMS, taken), lang)
        if slot == "wallet":
            return write_wallet(rng, new_wallet(rng, taken), lang)
        raise KeyError(slot)
