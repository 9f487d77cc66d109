"""Bulk-import file formats -> report dicts, streamed one record at a time.

CSV columns (header row required; only `country` and `text` are mandatory):
external_id, country, channel, text, reported_at, incident_at, province,
loss_amount, loss_currency, reporter_name, reporter_phone, reporter_email,
reporter_national_id.

JSON Lines: one object per line, shaped like the body of POST /api/v1/reports.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

CSV_COLUMNS = (
    "external_id", "country", "channel", "text", "reported_at", "incident_at", "province",
    "loss_amount", "loss_currency", "reporter_name", "reporter_phone", "reporter_email", "reporter_national_id",
)
REQUIRED_CSV = ("country", "text")
FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}


class FormatError(ValueError):
    """The file as a whole cannot be read (not a single bad row)."""


@dataclass(frozen=True)
class Row:
    line: int
    data: dict[str, Any] | None
    error: str | None = None


def csv_record(fields: dict[str, str | None]) -> dict[str, Any]:
    clean = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
    get = lambda name: clean.get(name) or None  # noqa: E731 - empty cell means absent
    out: dict[str, Any] = {k: get(k) for k in ("external_id", "country", "channel", "reported_at",
                                               "incident_at", "province") if get(k) is not None}
    out["text"] = fields.get("text") or ""
    if get("loss_amount") is not None or get("loss_currency") is not None:
        out["loss"] = {"amount": get("loss_amount"), "currency": get("loss_currency")}
    reporter = {k: get(f"reporter_{k}") for k in ("name", "phone", "email", "national_id")}
    if any(reporter.values()):
        out["reporter"] = {k: v for k, v in reporter.items() if v is not None}
    return out


def stable_external_id(record: dict[str, Any]) -> str:
    """An id for a row that has none, so that importing a file twice adds nothing."""
    digest = hashlib.sha256(json.dumps(record, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return f"import:{digest[:40]}"


def read_rows(raw: BinaryIO, fmt: str) -> Iterator[Row]:
    if fmt == "csv":
        yield from _csv_rows(raw)
    elif fmt == "jsonl":
        yield from _jsonl_rows(raw)
    else:
        raise FormatError(f"unknown format {fmt!r}; use csv or jsonl")


def _csv_rows(raw: BinaryIO) -> Iterator[Row]:
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")
    reader = csv.DictReader(text)
    try:
        header = reader.fieldnames
    except UnicodeDecodeError:
        raise FormatError("the header row is not UTF-8") from None
    if not header:
        raise FormatError("the CSV file is empty; it needs a header row")
    missing = [c for c in REQUIRED_CSV if c not in header]
    if missing:
        raise FormatError(f"the CSV header lacks {', '.join(missing)}; columns: {', '.join(CSV_COLUMNS)}")
    unknown = [c for c in header if c not in CSV_COLUMNS]
    if unknown:
        raise FormatError(f"unknown CSV column(s) {', '.join(unknown)}; columns: {', '.join(CSV_COLUMNS)}")
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError:
            raise FormatError(f"line {start}: the file is not UTF-8; nothing after it was read") from None
        except csv.Error as exc:
            yield Row(start, None, f"malformed CSV: {exc}")
            continue
        if None in fields:
            yield Row(start, None, "more cells than header columns")
            continue
        yield Row(start, csv_record(fields))


def _jsonl_rows(raw: BinaryIO) -> Iterator[Row]:
    for number, line in enumerate(raw, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line.decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError:
            yield Row(number, None, "not UTF-8")
            continue
        except json.JSONDecodeError as exc:
            yield Row(number, None, f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(data, dict):
            yield Row(number, None, "each line must be a JSON object")
            continue
        yield Row(number, data)
