"""Rows to JSON-ready dicts; one place decides what each object looks like."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from xborder.core.clock import as_utc
from xborder.link.priority import FORMULA


def iso(at: datetime | None) -> str | None:
    return None if at is None else as_utc(at).isoformat().replace("+00:00", "Z")


def money(value: Decimal | None) -> str | None:
    return None if value is None else f"{Decimal(value):.2f}"


def report_summary(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "external_id": row.external_id,
        "country": row.country,
        "channel": row.channel,
        "language": row.language,
        "scam_type": row.scam_type,
        "scam_probability": round(row.scam_probability, 4),
        "province": row.province,
        "loss": None if row.loss_amount is None else {"amount": money(row.loss_amount), "currency": row.loss_currency},
        "reported_at": iso(row.reported_at),
        "network_id": row.network_id,
        "excerpt": row.text[:160],
    }


def indicator_view(row: Any) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "value": row.value,
        "start": row.span_start,
        "end": row.span_end,
        "warninglist": row.warninglist,
        "report_count": row.report_count,
    }


def network_summary(row: Any) -> dict[str, Any]:
    countries = [c for c in row.countries.split(",") if c]
    return {
        "id": row.id,
        "status": row.status,
        "merged_into": row.merged_into,
        "report_count": row.report_count,
        "loss_thb": money(row.loss_thb),
        "countries": countries,
        "cross_border": len(countries) > 1,
        "first_seen": iso(row.first_seen),
        "last_seen": iso(row.last_seen),
        "priority": row.priority,
        "priority_formula": FORMULA,
    }
