"""Indicator kinds and the value object every layer passes around."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS: tuple[str, ...] = (
    "phone",
    "url",
    "domain",
    "email",
    "ip",
    "bank_account",
    "promptpay",
    "national_id",
    "iban",
    "crypto_wallet",
    "line_id",
    "telegram",
    "ussd",
)


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator found in a text.

    `value` is the canonical form (DESIGN.md, "Indicator kinds and canonical
    forms"); `start`/`end` index the original text, so `text[start:end]` is what
    the writer typed.
    """

    kind: str
    value: str
    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def warninglist(self) -> str | None:
        """Name of the warninglist this value is on, if any."""
        return self.attrs.get("warninglist")

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "value": self.value,
            "start": self.start,
            "end": self.end,
            "attrs": dict(self.attrs),
        }


def check_kind(kind: str) -> str:
    """Return `kind` if it is a known indicator kind, else raise ValueError."""
    if kind not in KINDS:
        raise ValueError(f"unknown indicator kind {kind!r}; known: {', '.join(KINDS)}")
    return kind
