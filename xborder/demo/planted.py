"""What the generator puts into a text: the written form and the canonical values.

The demo doubles as ground truth for extraction: every indicator written into a
report is recorded with the canonical value DESIGN.md promises for it, so recall
of `xborder.extract` can be measured on the scenario.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Planted:
    """One indicator as written into a report text."""

    kind: str
    value: str
    written: str


@dataclass(frozen=True, slots=True)
class Writing:
    """A piece of text and the indicators it carries."""

    text: str
    planted: tuple[Planted, ...]
    brand: str | None = None  # for links: the institution the site imitates
