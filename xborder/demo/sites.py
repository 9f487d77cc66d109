"""Fake domains and links, written with and without scheme, sometimes defanged."""

from __future__ import annotations

import random
from dataclasses import dataclass

from xborder.demo.planted import Planted, Writing


@dataclass(frozen=True, slots=True)
class Theme:
    brands: tuple[str, ...]
    words: tuple[str, ...]
    paths: tuple[str, ...]
    param: str | None  # per-victim query parameter, e.g. a tracking id
    # Look-alikes of a bank, courier or office target that institution's country.
    local: dict[str, tuple[str, ...]] | None = None

    def brands_for(self, country: str | None) -> tuple[str, ...]:
        return self.local[country] if self.local and country else self.brands


THEMES: dict[str, Theme] = {
    "parcel": Theme((), ("parcel", "track", "delivery", "express", "refund", "post"),
                    ("/track", "/th/track", "/parcel/pay", "/delivery/confirm"), "id",
                    {"TH": ("kerry", "flash", "thpost", "jnt", "dhl"), "KH": ("vet", "cambopost", "jnt", "dhl")}),
    "bank": Theme((), ("secure", "verify", "online", "update", "support", "login"),
                  ("/login", "/verify", "/update", "/secure/login"), None,
                  {"TH": ("kbank", "scb", "ktb", "krungsri", "ttb", "gsb"), "KH": ("aba", "acleda", "wing")}),
    "gov": Theme((), ("refund", "tax", "app", "check", "service", "gov"),
                 ("/refund", "/check", "/service", "/register"), "ref",
                 {"TH": ("revenue", "dlt", "pea", "mea", "sso"), "KH": ("gdt", "edc", "nssf")}),
    "shop": Theme(("brandname", "iphone", "outlet", "mega", "gadget", "luxury", "sneaker"),
                  ("shop", "store", "sale", "deal", "outlet", "mall"),
                  ("/product", "/checkout", "/sale"), "item"),
    "job": Theme(("task", "like", "review", "hotel", "amz", "tt", "parttime"),
                 ("job", "work", "earn", "task", "online", "team"),
                 ("/task", "/register", "/earn"), "uid"),
    "invest": Theme(("bit", "gold", "fx", "usdt", "asia", "crypto", "nft", "stock"),
                    ("trade", "pro", "profit", "mining", "invest", "vault", "capital"),
                    ("/register", "/login", "/wallet"), "ref"),
    "loan": Theme(("ngernduan", "fastloan", "loan", "cash", "easy", "kredit"),
                  ("24", "now", "online", "app", "quick"),
                  ("/apply", "/app", "/register"), None),
    "gamble": Theme(("ufa", "pgslot", "slot", "jili", "bacc", "lotto", "kh", "bkk", "sexy"),
                    ("888", "99", "vip", "bet", "club", "168", "auto"),
                    ("/register", "/promo", "/th"), "aff"),
    "prize": Theme(("lucky", "reward", "gift", "spin", "lotto"),
                   ("draw", "bonus", "win", "claim", "day"),
                   ("/claim", "/spin", "/gift"), "code"),
    "romance": Theme(("date", "love", "meet", "asia", "sweet"),
                     ("chat", "match", "heart", "club", "cam"),
                     ("/chat", "/room", "/live"), None),
    "remote": Theme(("support", "secure", "gov", "refund", "update"),
                    ("app", "apk", "service", "helpdesk"),
                    ("/download/app.apk", "/app", "/install"), None),
}

# Site themes a scam type uses, in order of preference.
TYPE_THEMES: dict[str, tuple[str, ...]] = {
    "phishing": ("parcel", "bank", "gov"), "impersonation": ("gov", "bank", "parcel"),
    "remote_access": ("remote", "gov", "bank"), "ecommerce": ("shop", "prize"), "prize": ("prize", "shop"),
    "employment": ("job",), "investment": ("invest",), "romance": ("romance", "invest"),
    "sextortion": ("romance",), "loan": ("loan",), "gambling": ("gamble",), "drugs": ("shop",), "other": ("shop",),
}
# A text that names a courier, a bank or an office links to a look-alike of it.
_SLOT_THEMES = {"courier": "parcel", "bank_brand": "bank", "gov": "gov"}


def theme_hint(slots: tuple[str, ...], scam_type: str) -> tuple[str, ...]:
    named = tuple(_SLOT_THEMES[s] for s in slots if s in _SLOT_THEMES)
    return named + TYPE_THEMES.get(scam_type, TYPE_THEMES["other"])


# Weighted as in phishing feeds: .com leads, cheap new suffixes follow.
_TLDS = {"com": 20, "net": 8, "xyz": 8, "top": 8, "cc": 6, "vip": 5, "shop": 4, "online": 4, "site": 4, "info": 3,
         "co": 4, "me": 3, "asia": 3, "icu": 2, "buzz": 3, "life": 2, "club": 3}
_REGION: dict[str | None, tuple[str, ...]] = {"TH": ("th", "thai"), "KH": ("kh", "khmer"), None: ("th", "thai", "kh", "khmer", "asia")}

# Real institutions' own domains. The patterns below never produce them, and
# this guard keeps it so if someone adds a brand.
_OFFICIAL = frozenset({
    "kasikornbank.com", "kbank.com", "scb.co.th", "krungthai.com", "bangkokbank.com", "krungsri.com",
    "ttbbank.com", "gsb.or.th", "ababank.com", "acledabank.com.kh", "wingbank.com.kh", "thailandpost.co.th",
    "kerryexpress.com", "flashexpress.co.th", "dhl.com", "rd.go.th", "dsi.go.th", "pea.co.th", "mea.or.th",
    "edc.com.kh", "tax.gov.kh", "interior.gov.kh", "line.me", "t.me", "telegram.org",
})


@dataclass(frozen=True, slots=True)
class Site:
    domain: str
    paths: tuple[str, ...]
    param: str | None
    brand: str  # the institution or word it imitates; texts name the same one


def _host(rng: random.Random, brand: str, word: str, region: tuple[str, ...]) -> str:
    tld = rng.choices(list(_TLDS), weights=list(_TLDS.values()))[0]
    num = str(rng.choice((rng.randrange(10, 100), rng.randrange(100, 1000))))
    pattern = rng.randrange(5)
    if pattern == 0:
        return f"{brand}-{rng.choice(region)}-{word}.{tld}"
    if pattern == 1:
        return f"{brand}-{word}{num}.{tld}"
    if pattern == 2:
        return f"{brand}{word}{num}.{tld}"
    if pattern == 3:
        return f"{word}-{brand}-{rng.choice(region)}.{tld}"
    # Look-alike host under a throwaway registration, e.g. secure.kbank-th.top.
    return f"{rng.choice(('www2', 'secure', 'm', 'my'))}.{brand}-{rng.choice(region)}.{tld}"


def is_local(theme_name: str) -> bool:
    return THEMES[theme_name].local is not None


def new_site(rng: random.Random, theme_name: str, taken: set[str], country: str | None = None) -> Site:
    """A fresh site; `country` picks the institutions a local theme imitates."""
    theme = THEMES[theme_name]
    where = country if theme.local else None
    while True:
        brand = rng.choice(theme.brands_for(where))
        host = _host(rng, brand, rng.choice(theme.words), _REGION[where])
        if host not in taken and host not in _OFFICIAL:
            taken.add(host)
            paths = tuple(rng.sample(theme.paths, k=min(2, len(theme.paths))))
            return Site(host, paths, theme.param, brand)


def landing_url(site: Site, path: str) -> str:
    return f"https://{site.domain}{path}"


def _token(rng: random.Random) -> str:
    return "".join(rng.choices("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", k=rng.randrange(6, 11)))


def _defang_host(host: str) -> str:
    head, _, tld = host.rpartition(".")
    return f"{head}[.]{tld}"


def write_url(rng: random.Random, site: Site) -> tuple[Writing, str]:
    """A link to the site and the landing url (https, no per-victim token) it stands for."""
    path = rng.choice(site.paths)
    landing = landing_url(site, path)
    if site.param and rng.random() < 0.6:
        path = f"{path}?{site.param}={_token(rng)}"
    host = site.domain
    style = rng.choices(("https", "http", "bare", "hxxps", "brackets", "hxxp"), weights=(40, 8, 27, 10, 8, 4))[0]
    if style == "https":
        written, scheme = f"https://{host}{path}", "https"
    elif style == "http":
        written, scheme = f"http://{host}{path}", "http"
    elif style == "bare":
        written, scheme = f"{host}{path}", "http"
    elif style == "hxxps":
        written, scheme = f"hxxps://{_defang_host(host)}{path}", "https"
    elif style == "brackets":
        written, scheme = f"{_defang_host(host)}{path}", "http"
    else:
        written, scheme = f"hxxp://{host}{path}", "http"
    planted = (Planted("url", f"{scheme}://{host}{path}", written), Planted("domain", host, written))
    return Writing(written, planted, site.brand), landing


def write_domain(rng: random.Random, site: Site) -> Writing:
    host = site.domain
    written = rng.choices((host, _defang_host(host), host.replace(".", "(dot)", 1)), weights=(80, 15, 5))[0]
    return Writing(written, (Planted("domain", host, written),), site.brand)
