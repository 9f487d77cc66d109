"""Bulk import: rows are committed in batches, so a crash loses no committed
row and a re-run (idempotent by external_id) finishes the file."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from xborder.actions.reports import submit_reports
from xborder.core.actors import Actor
from xborder.core.intake import ReportError, ReportIn, check_report
from xborder.core.rows import FORMATS, FormatError, read_rows, stable_external_id
from xborder.node import Node
from xborder.store.audit import append_audit

# Rows per transaction: large enough to share SQLite's page writes, small
# enough that a crash redoes little.
BATCH = 200


@dataclass
class ImportSummary:
    added: int = 0
    already_present: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.added + self.already_present + len(self.failed)


class _CountingReader(io.RawIOBase):
    """Counts bytes as the parser pulls them, so progress is reported in bytes."""

    def __init__(self, raw: BinaryIO, on_bytes: Callable[[int], None]) -> None:
        self._raw = raw
        self._on_bytes = on_bytes

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self._on_bytes(len(data))
        return len(data)


def detect_format(path: Path, fmt: str | None) -> str:
    if fmt is not None:
        if fmt not in ("csv", "jsonl"):
            raise FormatError(f"unknown format {fmt!r}; use csv or jsonl")
        return fmt
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        raise FormatError(f"cannot tell the format of {path.name}; name it .csv or .jsonl, or pass --format")
    return found


def import_file(node: Node, path: Path, *, acting: Actor, fmt: str | None = None, batch_size: int = BATCH,
                on_bytes: Callable[[int], None] = lambda n: None,
                on_row: Callable[[], None] = lambda: None) -> ImportSummary:
    kind = detect_format(path, fmt)
    summary = ImportSummary()
    pending: list[ReportIn] = []

    def flush() -> None:
        for done in submit_reports(node, pending, acting=acting, source="import"):
            if done.created:
                summary.added += 1
            else:
                summary.already_present += 1
        pending.clear()

    with path.open("rb") as fh:
        for row in read_rows(io.BufferedReader(_CountingReader(fh, on_bytes)), kind):
            on_row()
            if row.error is not None or row.data is None:
                summary.failed.append((row.line, row.error or "empty row"))
                continue
            data = dict(row.data)
            if not data.get("external_id"):
                data["external_id"] = stable_external_id(row.data)
            try:
                pending.append(check_report(data))
            except ReportError as exc:
                summary.failed.append((row.line, f"{exc.field}: {exc.message}"))
                continue
            if len(pending) >= batch_size:
                flush()
    if pending:
        flush()
    with node.engine.begin() as conn:
        append_audit(conn, acting=acting, action="import_file", object_type="file", object_id=path.name,
                     details={"added": summary.added, "already_present": summary.already_present,
                              "failed": len(summary.failed)})
    return summary
