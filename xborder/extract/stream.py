"""extract_stream(): the body of `xborder extract` (bytes in, JSON lines out)."""

from __future__ import annotations

import json
import sys
from typing import BinaryIO, TextIO

from xborder.extract.engine import extract

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def extract_stream(raw: BinaryIO, out: TextIO, country: str | None = None, err: TextIO | None = None) -> int:
    """Read all of `raw`, write one JSON object per indicator per line; return an exit code.

    Undecodable bytes are replaced (U+FFFD) and counted in a warning on stderr,
    so a half-broken export still yields what it can. Spans index the decoded
    text.
    """
    err = err if err is not None else sys.stderr
    data = raw.read()
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    text = data.decode("utf-8", errors="replace")
    bad = _bad_bytes(data)
    if bad:
        err.write(f"warning: {bad} byte(s) of input were not valid UTF-8 and were replaced with U+FFFD\n")
    try:
        found = extract(text, country)
    except ValueError as exc:  # an unknown --country
        err.write(f"error: {exc}\n")
        return EXIT_BAD_INPUT
    for indicator in found:
        out.write(json.dumps(indicator.as_dict(), ensure_ascii=False, sort_keys=False))
        out.write("\n")
    return EXIT_OK


def _bad_bytes(data: bytes) -> int:
    count = 0
    position = 0
    while True:
        try:
            data[position:].decode("utf-8")
            return count
        except UnicodeDecodeError as exc:
            count += exc.end - exc.start
            position += exc.end
