"""What a finder reports: an indicator with its span in the normalised text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Found:
    kind: str
    value: str
    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict)
