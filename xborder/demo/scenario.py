"""The demo scenario: gangs, lone scammers and the reports their victims file."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from xborder.core.geo import BORDER_PROVINCES, OTHER_PROVINCES
from xborder.demo.compose import compose, language_for
from xborder.demo.gangs import Gang, GangPlan, freeze, new_plans
from xborder.demo.kits import GangKit, Kit, LoneKit
from xborder.demo.people import new_reporter
from xborder.demo.planted import Planted
from xborder.demo.timeline import incident_before, iso, moment

NOISE_SHARE = 0.15

# What lone scammers mostly do: cheap, quick scams that need no organisation.
_LONE_TYPES = {
    "phishing": 20, "ecommerce": 18, "impersonation": 8, "employment": 8, "investment": 6, "loan": 10,
    "gambling": 8, "prize": 10, "romance": 4, "sextortion": 4, "remote_access": 2, "drugs": 2,
}


@dataclass(frozen=True, slots=True)
class Scenario:
    """`reports` are intake bodies (POST /api/v1/reports), oldest first.

    `truth` maps each external_id to its gang id, or None for a lone scammer;
    `scam_types` to the scam type its text was written for; `planted` to the
    indicators written into its text, with the canonical values extraction
    should return.
    """

    reports: list[dict[str, Any]]
    truth: dict[str, str | None]
    scam_types: dict[str, str]
    gangs: list[Gang]
    planted: dict[str, tuple[Planted, ...]]
    start: datetime
    end: datetime


@dataclass(slots=True)
class _Draft:
    when: datetime
    body: dict[str, Any]
    gang: str | None
    scam_type: str
    planted: tuple[Planted, ...]


def _province(rng: random.Random, country: str, scam_type: str) -> str | None:
    if rng.random() < 0.1:
        return None
    # Border provinces are over-represented: the demo is about the border, and
    # drug tips come mostly from there.
    border = 0.75 if scam_type == "drugs" else 0.45
    table = BORDER_PROVINCES if rng.random() < border else OTHER_PROVINCES
    return rng.choice(table[country])


def _draft(rng: random.Random, kit: Kit, country: str, scam_type: str, when: datetime,
           gang: str | None, taken: set[str]) -> _Draft:
    province = _province(rng, country, scam_type)
    border = province is not None and province in BORDER_PROVINCES[country]
    lang = language_for(rng, country)
    composed = compose(rng, kit, lang, country, scam_type, border)
    incident = incident_before(rng, when, scam_type) if rng.random() < 0.85 else None
    reporter = new_reporter(rng, country, lang, taken) if rng.random() < 0.88 else None
    body = {
        "external_id": "",
        "country": country,
        "channel": composed.channel,
        "text": composed.text,
        "reported_at": iso(when),
        "incident_at": iso(incident) if incident else None,
        "province": province,
        "loss": composed.loss,
        "reporter": reporter,
    }
    return _Draft(when, body, gang, scam_type, composed.planted)


def _gang_drafts(rng: random.Random, plan: GangPlan, start: datetime, end: datetime,
                 taken: set[str]) -> tuple[list[_Draft], dict[str, int], set[str]]:
    types, weights = list(plan.archetype.mix), list(plan.archetype.mix.values())
    tally: dict[str, int] = {}
    countries: set[str] = set()
    drafts = []
    # In time order, so pools rotate forward and a lent account is used early.
    for f in sorted(plan.activity.draw(rng) for _ in range(plan.size)):
        when = moment(rng, start, end, plan.activity.at(f))
        country = "TH" if rng.random() < plan.th_share else "KH"
        scam_type = rng.choices(types, weights=weights)[0]
        drafts.append(_draft(rng, GangKit(plan, f), country, scam_type, when, plan.id, taken))
        tally[scam_type] = tally.get(scam_type, 0) + 1
        countries.add(country)
    return drafts, tally, countries


def _loans(rng: random.Random, plans: list[GangPlan]) -> dict[int, int]:
    """borrower index -> lender index: mule accounts rented to more than one gang."""
    able = [i for i, p in enumerate(plans) if p.size >= 30]
    # Lenders come before borrowers, so the account lent is one the lender used.
    borrowers = rng.sample(able[1:], k=min(max(1, len(plans) // 6), len(able) - 1)) if len(able) > 1 else []
    return {b: rng.choice([i for i in able if i < b]) for b in sorted(borrowers)}


def _lend(rng: random.Random, lender: GangPlan, borrower: GangPlan, lent: set[str]) -> None:
    country = "TH" if borrower.th_share >= 0.5 else "KH"
    used = lender.accounts[country].used() or lender.accounts["TH"].used() + lender.accounts["KH"].used()
    candidates = [a for a in used if a.number not in lent]
    if candidates:
        account = rng.choice(candidates)
        lent.add(account.number)
        borrower.accounts[country].add_forced(account, times=3)


def _end(end: datetime | None) -> datetime:
    if end is None:
        # Whole days, so that the same seed gives the same scenario all day long.
        return datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    if end.tzinfo is None:
        raise ValueError("end must be timezone-aware, e.g. datetime(2025, 6, 1, tzinfo=timezone.utc)")
    return end.astimezone(timezone.utc).replace(microsecond=0)


def generate(seed: int = 7, reports: int = 5400, gangs: int = 24, end: datetime | None = None,
             months: int = 6) -> Scenario:
    """A deterministic scenario of `reports` reports over the `months` before `end`."""
    noise = round(reports * NOISE_SHARE)
    if gangs < 1 or months < 1:
        raise ValueError("gangs and months must be at least 1")
    if reports - noise < 2 * gangs:
        raise ValueError(f"{reports} reports are too few for {gangs} gangs")
    stop = _end(end)
    start = stop - timedelta(days=round(months * 365.25 / 12))
    rng = random.Random(seed)
    taken: set[str] = set()
    plans = new_plans(rng, gangs, reports - noise, taken)
    loans = _loans(rng, plans)
    drafts: list[_Draft] = []
    records: list[Gang] = []
    lent: set[str] = set()
    for i, plan in enumerate(plans):
        if i in loans:
            _lend(rng, plans[loans[i]], plan, lent)
        gang_drafts, tally, countries = _gang_drafts(rng, plan, start, stop, taken)
        drafts.extend(gang_drafts)
        records.append(freeze(plan, tally, countries))
    lone_types, lone_weights = list(_LONE_TYPES), list(_LONE_TYPES.values())
    for _ in range(noise):
        scam_type = rng.choices(lone_types, weights=lone_weights)[0]
        country = "TH" if rng.random() < 0.6 else "KH"
        when = moment(rng, start, stop, rng.random())
        drafts.append(_draft(rng, LoneKit(taken), country, scam_type, when, None, taken))
    drafts.sort(key=lambda d: d.when)
    truth: dict[str, str | None] = {}
    scam_types: dict[str, str] = {}
    planted: dict[str, tuple[Planted, ...]] = {}
    for n, draft in enumerate(drafts, start=1):
        external_id = f"demo-{n:06d}"
        draft.body["external_id"] = external_id
        truth[external_id] = draft.gang
        scam_types[external_id] = draft.scam_type
        planted[external_id] = draft.planted
    return Scenario([d.body for d in drafts], truth, scam_types, records, planted, start, stop)
