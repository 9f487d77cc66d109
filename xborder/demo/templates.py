"""Report templates: a text with {slots}, and the channels it arrives by."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field

from xborder.core.taxonomy import CHANNELS

# Slots an indicator is written into; every other slot is a filler or {amount}.
INDICATOR_SLOTS = frozenset({"phone", "account", "promptpay", "url", "domain", "line", "tg", "wallet"})


@dataclass(frozen=True, slots=True)
class Template:
    channels: tuple[str, ...]
    text: str
    slots: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        unknown = [c for c in self.channels if c not in CHANNELS]
        if unknown:
            raise ValueError(f"unknown channels {unknown} in template {self.text[:40]!r}")
        names = tuple(dict.fromkeys(f for _, f, _, _ in string.Formatter().parse(self.text) if f))
        object.__setattr__(self, "slots", names)

    @property
    def indicator_slots(self) -> tuple[str, ...]:
        return tuple(s for s in self.slots if s in INDICATOR_SLOTS)

    @property
    def states_loss(self) -> bool:
        return "amount" in self.slots


def T(channels: str, text: str) -> Template:
    """Compact constructor for the language modules: T("sms line", "...")."""
    return Template(tuple(channels.split()), text)


@dataclass(frozen=True, slots=True)
class Language:
    """Everything one language contributes: templates per scam type and fillers."""

    code: str
    templates: dict[str, tuple[Template, ...]]
    fillers: dict[str, tuple[str, ...]]
    # Fillers that depend on the victim's country (agencies, banks, couriers).
    local: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def filler(self, rng: random.Random, name: str, country: str) -> str:
        options = self.local.get(country, {}).get(name) or self.fillers[name]
        return rng.choice(options)


def render(template: Template, values: dict[str, str]) -> str:
    # Empty fillers leave doubled or edge spaces behind.
    return " ".join(template.text.format_map(values).split())
