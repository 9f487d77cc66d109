"""One report text: a template filled with indicators, fillers and the loss."""

from __future__ import annotations

import random
from dataclasses import dataclass

from xborder.demo.brands import brand_names
from xborder.demo.kits import Kit
from xborder.demo.languages import LANGUAGES
from xborder.demo.losses import new_loss, write_amount
from xborder.demo.planted import Planted
from xborder.demo.sites import theme_hint
from xborder.demo.templates import INDICATOR_SLOTS, render

ENGLISH_SHARE = 0.15


@dataclass(frozen=True, slots=True)
class Composed:
    text: str
    channel: str
    loss: dict[str, str] | None
    planted: tuple[Planted, ...]


def language_for(rng: random.Random, country: str) -> str:
    if rng.random() < ENGLISH_SHARE:
        return "en"
    return "th" if country == "TH" else "km"


def compose(rng: random.Random, kit: Kit, lang: str, country: str, scam_type: str, border: bool) -> Composed:
    language = LANGUAGES[lang]
    template = rng.choice(language.templates[scam_type])
    loss = None
    if template.states_loss:
        loss = new_loss(rng, scam_type, country, border)
    elif scam_type != "drugs" and rng.random() < 0.2:
        # Victims often give the amount in the form's loss field but not in the text.
        loss = new_loss(rng, scam_type, country, border)
    themes = theme_hint(template.slots, scam_type)
    values: dict[str, str] = {}
    planted: list[Planted] = []
    brands: list[str] = []
    # Indicators first: the sites they link to decide which bank or courier the text names.
    for slot in template.indicator_slots:
        writing = kit.write(rng, slot, lang, country, themes)
        values[slot] = writing.text
        planted.extend(writing.planted)
        if writing.brand:
            brands.append(writing.brand)
    named = brand_names(brands, lang)
    for slot in template.slots:
        if slot in INDICATOR_SLOTS:
            continue
        if slot == "amount" and loss is not None:  # always so: states_loss
            values[slot] = write_amount(rng, loss, lang)
        else:
            values[slot] = named.get(slot) or language.filler(rng, slot, country)
    return Composed(render(template, values), rng.choice(template.channels), loss, tuple(planted))
