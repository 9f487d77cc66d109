"""The shape of a report as it enters a node, and its checks.

One model serves the HTTP API and the bulk importer, so a bad field gets the
same message whichever way it came in.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator, model_validator

from xborder.core.geo import check_country
from xborder.core.money import check_amount, check_currency
from xborder.core.taxonomy import CHANNELS, TLP_LEVELS

MAX_TEXT_BYTES = 64 * 1024
# A clock a few minutes fast at the reporter's end is not an error.
CLOCK_SKEW = timedelta(minutes=10)


def check_message_text(v: str) -> str:
    """A message as a person pasted it: not blank, at most 64 KB of UTF-8, no NUL."""
    if not v.strip():
        raise ValueError("text is empty")
    if len(v.encode("utf-8")) > MAX_TEXT_BYTES:
        raise ValueError(f"text is longer than {MAX_TEXT_BYTES // 1024} KB")
    if "\x00" in v:
        raise ValueError("text contains a NUL character")
    return v


class LossIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: Decimal
    currency: str

    @field_validator("amount", mode="before")
    @classmethod
    def _amount(cls, v: Any) -> Decimal:
        return check_amount(v)

    @field_validator("currency")
    @classmethod
    def _currency(cls, v: str) -> str:
        return check_currency(v)


class ReporterIn(BaseModel):
    """Victim or reporter contact: personal data, encrypted at rest, never shared."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Annotated[str | None, Field(max_length=200)] = None
    phone: Annotated[str | None, Field(max_length=64)] = None
    email: Annotated[str | None, Field(max_length=254)] = None
    national_id: Annotated[str | None, Field(max_length=32)] = None

    def is_empty(self) -> bool:
        return not any((self.name, self.phone, self.email, self.national_id))


class ReportIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    country: str
    channel: str = "other"
    text: str
    reported_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
    incident_at: datetime | None = None
    province: Annotated[str | None, Field(max_length=100)] = None
    loss: LossIn | None = None
    external_id: Annotated[str | None, Field(min_length=1, max_length=128)] = None
    reporter: ReporterIn | None = None
    # TLP 2.0 of what the report says: TLP:RED never leaves this node, the
    # rest goes as far as each sharing agreement allows.
    tlp: str = "amber"

    @field_validator("tlp")
    @classmethod
    def _tlp(cls, v: str) -> str:
        low = v.lower().removeprefix("tlp:")
        if low not in TLP_LEVELS:
            raise ValueError(f"unknown TLP {v!r}; known: {', '.join(TLP_LEVELS)}")
        return low

    @field_validator("country")
    @classmethod
    def _country(cls, v: str) -> str:
        return check_country(v)

    @field_validator("channel")
    @classmethod
    def _channel(cls, v: str) -> str:
        low = v.lower()
        if low not in CHANNELS:
            raise ValueError(f"unknown channel {v!r}; known: {', '.join(CHANNELS)}")
        return low

    @field_validator("text")
    @classmethod
    def _text(cls, v: str) -> str:
        return check_message_text(v)

    @field_validator("reported_at", "incident_at")
    @classmethod
    def _utc(cls, v: datetime | None, info: ValidationInfo) -> datetime | None:
        if v is None:
            return None
        if v.tzinfo is None:
            v = v.replace(tzinfo=timezone.utc)
        v = v.astimezone(timezone.utc)
        limit = datetime.now(timezone.utc) + CLOCK_SKEW
        if v > limit:
            raise ValueError("is in the future")
        reported = info.data.get("reported_at")
        if info.field_name == "incident_at" and reported is not None and v > reported + CLOCK_SKEW:
            raise ValueError("is after reported_at")
        return v

    @model_validator(mode="after")
    def _defaults(self) -> "ReportIn":
        if self.reporter is not None and self.reporter.is_empty():
            self.reporter = None
        return self


class ReportError(ValueError):
    """A report that fails its checks; `field` names the first bad field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def describe_errors(exc: ValidationError) -> list[dict[str, str]]:
    """Pydantic's errors as [{"field": "loss.currency", "message": "..."}]."""
    out = []
    for err in exc.errors(include_url=False, include_input=False):
        loc = [str(p) for p in err["loc"] if p not in ("body",)]
        field = ".".join(loc) or "body"
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        out.append({"field": field, "message": msg})
    return out


def check_report(raw: Any) -> ReportIn:
    """Validate a decoded report (dict) or raise ReportError naming the field."""
    if not isinstance(raw, dict):
        raise ReportError("body", "a report must be a JSON object")
    try:
        return ReportIn.model_validate(raw)
    except ValidationError as exc:
        first = describe_errors(exc)[0]
        raise ReportError(first["field"], first["message"]) from None
