"""UTC everywhere: SQLite hands datetimes back naive, PostgreSQL aware."""

from __future__ import annotations

from datetime import datetime, timezone


def as_utc(at: datetime) -> datetime:
    """An aware UTC datetime; naive input is taken to be UTC already."""
    return at.replace(tzinfo=timezone.utc) if at.tzinfo is None else at.astimezone(timezone.utc)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
