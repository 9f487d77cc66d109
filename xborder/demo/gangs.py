"""Gangs: what kind of scams they run, where, and the indicators they own."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from xborder.core.geo import BORDER_PROVINCES
from xborder.demo.banks import BankAccount, new_account, thai_id
from xborder.demo.handles import Handle, new_line_id, new_telegram
from xborder.demo.phones import new_mobile
from xborder.demo.pools import Pool
from xborder.demo.languages import site_themes
from xborder.demo.sites import Site, is_local, new_site
from xborder.demo.timeline import Activity, new_activity
from xborder.demo.wallets import Wallet, new_wallet


@dataclass(frozen=True, slots=True)
class Archetype:
    name: str
    label: str
    mix: dict[str, float]      # scam type -> weight
    themes: tuple[str, ...]    # site themes (sites.THEMES)
    stems: tuple[str, ...]     # words its LINE / Telegram handles are built from
    kh_base: float             # chance the gang sits in Cambodia
    th_share: float            # usual share of its victims in Thailand


ARCHETYPES: dict[str, Archetype] = {
    a.name: a
    for a in (
        Archetype("call_centre", "call centre (police / DSI impersonation)",
                  {"impersonation": 6, "phishing": 1, "remote_access": 2}, ("gov", "bank"),
                  ("police", "dsi", "officer", "cyber", "legal", "case"), 0.9, 0.75),
        Archetype("parcel_phishing", "parcel and bank phishing SMS",
                  {"phishing": 6, "impersonation": 2, "prize": 1}, ("parcel", "bank"),
                  ("kerry", "parcel", "post", "track", "care"), 0.6, 0.7),
        Archetype("task_scam", "task scam and fake jobs",
                  {"employment": 6, "investment": 2, "ecommerce": 1}, ("job",),
                  ("job", "task", "hr", "work", "earn"), 0.85, 0.6),
        Archetype("pig_butchering", "pig-butchering investment",
                  {"investment": 6, "romance": 3}, ("invest",),
                  ("invest", "fx", "trade", "profit", "coach", "crypto"), 0.9, 0.5),
        Archetype("romance", "romance scam", {"romance": 5, "sextortion": 2, "investment": 1},
                  ("romance", "invest"), ("love", "sweet", "honey", "angel", "dear"), 0.6, 0.5),
        Archetype("loan_app", "fake loan apps", {"loan": 6, "remote_access": 1, "sextortion": 1}, ("loan",),
                  ("cashfast", "loan", "ngern", "money", "credit"), 0.5, 0.7),
        Archetype("casino", "online casino", {"gambling": 7, "prize": 1, "employment": 1}, ("gamble",),
                  ("ufa", "slot", "bet", "bacc", "jili", "win"), 0.8, 0.6),
        Archetype("fake_shop", "fake online shops", {"ecommerce": 6, "prize": 2}, ("shop", "prize"),
                  ("shop", "brand", "outlet", "sale", "store"), 0.3, 0.7),
        Archetype("remote_access", "remote-access app fraud",
                  {"remote_access": 5, "impersonation": 3, "phishing": 1}, ("remote", "gov"),
                  ("support", "service", "help", "refund", "app"), 0.8, 0.7),
        Archetype("prize", "fake prizes and lucky draws", {"prize": 5, "phishing": 2, "ecommerce": 1},
                  ("prize",), ("lucky", "reward", "gift", "prize", "promo"), 0.5, 0.55),
        Archetype("sextortion", "sextortion ring", {"sextortion": 5, "romance": 2}, ("romance",),
                  ("cam", "girl", "hot", "live", "chat"), 0.7, 0.5),
        Archetype("drugs", "cross-border drug network", {"drugs": 1}, ("shop",),
                  ("candy", "ice", "party", "snow", "420"), 0.5, 0.5),
    )
}

# The largest operations in the region are call centres, task scams and
# pig-butchering compounds; the biggest gangs are drawn from these.
_BIG = ("call_centre", "task_scam", "pig_butchering", "parcel_phishing")


@dataclass(frozen=True, slots=True)
class Gang:
    """A gang as the scenario's ground truth: only indicators that reports really carry."""

    id: str
    name: str
    archetype: str
    base_country: str
    base_province: str
    scam_types: tuple[str, ...]  # most frequent first
    countries: tuple[str, ...]   # where its victims reported from
    reports: int
    phones: tuple[str, ...]
    bank_accounts: tuple[BankAccount, ...]
    promptpay: tuple[str, ...]
    domains: tuple[str, ...]
    urls: tuple[str, ...]        # landing pages (https, without per-victim tokens)
    line_ids: tuple[str, ...]
    telegrams: tuple[str, ...]
    wallets: tuple[Wallet, ...]

    @property
    def cross_border(self) -> bool:
        return len(self.countries) > 1


@dataclass(slots=True)
class GangPlan:
    """A gang while reports are being written: its pools and what it has used."""

    id: str
    archetype: Archetype
    base_country: str
    base_province: str
    th_share: float
    size: int
    activity: Activity
    phones: dict[str, Pool[str]]
    accounts: dict[str, Pool[BankAccount]]
    promptpay: Pool[str]
    sites: dict[tuple[str, str | None], Pool[Site]]  # by theme and, for look-alikes, country
    lines: Pool[Handle]
    telegrams: Pool[Handle]
    wallets: Pool[Wallet]
    landing: dict[str, None] = field(default_factory=dict)  # ordered set of landing urls used

    @property
    def name(self) -> str:
        return f"{self.base_province} {self.archetype.label}"


def sizes(total: int, gangs: int) -> list[int]:
    """Reports per gang, largest first, power-law: a few big gangs, many small ones."""
    floor = min(8, total // gangs)
    weights = [1 / (i + 1) for i in range(gangs)]
    spare = total - floor * gangs
    shares = [spare * w / sum(weights) for w in weights]
    out = [floor + int(s) for s in shares]
    # Largest remainder, so the sizes add up to exactly `total`.
    for i in sorted(range(gangs), key=lambda i: -(shares[i] - int(shares[i])))[: total - sum(out)]:
        out[i] += 1
    return out


def _archetype_order(rng: random.Random, gangs: int) -> list[str]:
    big = list(_BIG)
    rng.shuffle(big)
    rest = [a for a in ARCHETYPES if a not in _BIG]
    rng.shuffle(rest)
    order = big + rest
    while len(order) < gangs:
        order.append(rng.choice(list(ARCHETYPES)))
    return order[:gangs]


def _base(rng: random.Random, archetype: Archetype) -> tuple[str, str]:
    if rng.random() < archetype.kh_base:
        # Compounds cluster on the Thai border and in Sihanoukville / Phnom Penh.
        options = BORDER_PROVINCES["KH"] * 2 + ("Sihanoukville", "Phnom Penh")
        return "KH", rng.choice(options)
    return "TH", rng.choice(BORDER_PROVINCES["TH"] + ("Bangkok", "Chonburi", "Nonthaburi"))


def _share(rng: random.Random, archetype: Archetype, base_country: str, domestic: bool) -> float:
    if domestic:
        return 1.0 if base_country == "TH" else 0.0
    return min(0.85, max(0.2, archetype.th_share + rng.uniform(-0.2, 0.2)))


def _count(n: float) -> int:
    return max(1, round(n))


def _theme_sizes(archetype: Archetype, size: int) -> dict[str, float]:
    """Reports each site theme will serve: the archetype's own themes, plus
    those its scam types' texts link to."""
    total = sum(archetype.mix.values())
    out = {theme: size / 10 for theme in archetype.themes}
    for scam_type, weight in archetype.mix.items():
        themes = site_themes(scam_type)
        for theme in themes:
            out[theme] = out.get(theme, 0.0) + size * weight / total / len(themes)
    return out


def _site_pools(rng: random.Random, archetype: Archetype, size: int, th_share: float,
                taken: set[str]) -> dict[tuple[str, str | None], Pool[Site]]:
    pools: dict[tuple[str, str | None], Pool[Site]] = {}
    for theme, n in _theme_sizes(archetype, size).items():
        if is_local(theme):
            # Look-alikes of Thai banks for Thai victims, of ABA for Cambodians.
            for country, share in (("TH", th_share), ("KH", 1 - th_share)):
                if share > 0:
                    sites = [new_site(rng, theme, taken, country) for _ in range(_count(n * share / 110))]
                    pools[theme, country] = Pool.rotating(rng, sites, keep_first=True)
        else:
            sites = [new_site(rng, theme, taken) for _ in range(_count(n / 110))]
            pools[theme, None] = Pool.rotating(rng, sites, keep_first=True)
    return pools


def new_plan(rng: random.Random, rank: int, archetype_name: str, size: int, domestic: bool,
             taken: set[str]) -> GangPlan:
    archetype = ARCHETYPES[archetype_name]
    base_country, province = _base(rng, archetype)
    share = _share(rng, archetype, base_country, domestic)
    th, kh = size * share, size * (1 - share)

    def phones(country: str, n: float, spare: float) -> Pool[str]:
        # Call centres in Cambodia also dial Thais from Cambodian SIMs, and back.
        k = _count(n / 45) if n > 0 else (1 if rng.random() < spare else 0)
        return Pool.rotating(rng, [new_mobile(rng, country, taken) for _ in range(k)])

    def accounts(country: str, n: float) -> Pool[BankAccount]:
        k = _count(n / 35) if n > 0 else 0
        return Pool.rotating(rng, [new_account(rng, country, taken) for _ in range(k)])

    promptpay = [new_mobile(rng, "TH", taken) if rng.random() < 0.8 else thai_id(rng, taken)
                 for _ in range(_count(th / 90))]
    lines = [new_line_id(rng, archetype.stems, taken) for _ in range(_count(size / 200))]
    tgs = [new_telegram(rng, archetype.stems, taken) for _ in range(_count(size / 200))]
    wallets = [new_wallet(rng, taken) for _ in range(_count(size / 250))]
    return GangPlan(
        id=f"gang-{rank + 1:02d}",
        archetype=archetype,
        base_country=base_country,
        base_province=province,
        th_share=share,
        size=size,
        activity=new_activity(rng, rank),
        phones={"TH": phones("TH", th, 0.3 if base_country == "KH" else 0.0),
                "KH": phones("KH", kh, 0.5 if base_country == "KH" else 0.0)},
        accounts={"TH": accounts("TH", th), "KH": accounts("KH", kh)},
        promptpay=Pool.rotating(rng, promptpay),
        # The main site, LINE account, channel and wallet live all along;
        # the rest come and go.
        sites=_site_pools(rng, archetype, size, share, taken),
        lines=Pool.rotating(rng, lines, keep_first=True),
        telegrams=Pool.rotating(rng, tgs, keep_first=True),
        wallets=Pool.rotating(rng, wallets, keep_first=True),
    )


def new_plans(rng: random.Random, gangs: int, total: int, taken: set[str]) -> list[GangPlan]:
    order = _archetype_order(rng, gangs)
    # A few of the smaller gangs work one country only; the rest cross the border.
    domestic = set(rng.sample(range(4, gangs), k=gangs // 8)) if gangs > 4 else set()
    return [new_plan(rng, rank, order[rank], size, rank in domestic, taken)
            for rank, size in enumerate(sizes(total, gangs))]


def freeze(plan: GangPlan, types: dict[str, int], countries: set[str]) -> Gang:
    """The record of a gang once its reports are written."""
    return Gang(
        id=plan.id,
        name=plan.name,
        archetype=plan.archetype.name,
        base_country=plan.base_country,
        base_province=plan.base_province,
        scam_types=tuple(sorted(types, key=lambda t: (-types[t], t))),
        countries=tuple(c for c in ("TH", "KH") if c in countries),
        reports=sum(types.values()),
        phones=tuple(plan.phones["TH"].used() + plan.phones["KH"].used()),
        bank_accounts=tuple(plan.accounts["TH"].used() + plan.accounts["KH"].used()),
        promptpay=tuple(plan.promptpay.used()),
        domains=tuple(s.domain for pool in plan.sites.values() for s in pool.used()),
        urls=tuple(plan.landing),
        line_ids=tuple(h.value for h in plan.lines.used()),
        telegrams=tuple(h.value for h in plan.telegrams.used()),
        wallets=tuple(plan.wallets.used()),
    )
