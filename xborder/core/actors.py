"""Who does a thing: every action takes one, every audit row names one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Actor:
    kind: str  # "user", "token", "cli", "node", "partner", "anonymous"
    name: str
    role: str
    user_id: int | None = None
    token_id: int | None = None

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.name}"


CLI = Actor(kind="cli", name="operator", role="admin")
ANONYMOUS = Actor(kind="anonymous", name="public", role="public")
