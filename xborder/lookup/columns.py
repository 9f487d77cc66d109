"""The index's per-entry storage: packed numpy records that grow, and small code tables.

One entry costs a 51-byte record, plus its value string and one dict slot
(see index.py for the measured total). Sets (scam types, countries,
sources) are bitmasks over a code table, so an entry never owns a Python
container.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

# name -> dtype. Times are whole seconds since 1970 (uint32 lasts to 2106);
# masses are float32: a score 0-100 needs no more precision.
SPEC: tuple[tuple[str, type], ...] = (
    ("ids", np.int64),        # indicators.id
    ("kind", np.uint8),       # index into core.indicators.KINDS
    ("wl", np.uint8),         # warninglist code, 0 = none
    ("count", np.uint32),     # reports citing the value
    ("first", np.uint32),     # first / last seen (reported_at)
    ("last", np.uint32),
    ("scam", np.uint16),      # scam-type bitmask
    ("country", np.uint32),   # country bitmask
    ("source", np.uint16),    # report-source bitmask
    ("network", np.int64),    # network of the newest report citing it, -1 none
    ("mark", np.uint8),       # latest analyst mark (verdict.MARK_*)
    ("mark_at", np.uint32),
    ("mass_r", np.float32),   # decayed victims' reports at the index epoch
    ("mass_sc", np.float32),  # decayed partner sightings + confirmations at the epoch
)
ROW = np.dtype([(name, dtype) for name, dtype in SPEC])  # packed: no padding between fields
BYTES_PER_ENTRY = ROW.itemsize
FIELDS = {name: i for i, (name, _) in enumerate(SPEC)}  # position in a row tuple (Columns.row)


class Columns:
    """One packed record per entry, rows 0..n-1 in use. Writers hold the index's lock.

    Records rather than one array per field: a lookup reads every field of
    one random row, and one record is one or two cache lines where fourteen
    arrays are fourteen misses (three to five times slower at millions of
    rows). Whole-field work (feeds, the build) goes through field views
    (`cols.count`, ...), which numpy handles strided.

    Growing copies into a new array and swaps it in; a reader holding the
    old one still sees every row that existed when it took it.
    """

    def __init__(self, capacity: int = 1024) -> None:
        self.n = 0
        self.data: NDArray[np.void] = self._empty(max(int(capacity), 16))

    @staticmethod
    def _empty(capacity: int) -> NDArray[np.void]:
        data = np.zeros(capacity, dtype=ROW)
        data["network"] = -1
        return data

    @property
    def capacity(self) -> int:
        return len(self.data)

    def append(self, count: int) -> int:
        """Room for `count` more rows; returns the first new row."""
        start = self.n
        need = self.n + count
        if need > self.capacity:
            grown = self._empty(max(need, self.capacity + self.capacity // 2))
            grown[: self.n] = self.data[: self.n]
            self.data = grown
        self.n = need
        return start

    def row(self, row: int) -> tuple[Any, ...]:
        """Every field of one row as Python numbers, in SPEC order (see FIELDS)."""
        return self.data.item(row)  # type: ignore[return-value]

    def nbytes(self) -> int:
        return int(self.data.nbytes)

    def _field(self, name: str) -> NDArray[Any]:
        return self.data[name]

    ids = property(lambda self: self._field("ids"))
    kind = property(lambda self: self._field("kind"))
    wl = property(lambda self: self._field("wl"))
    count = property(lambda self: self._field("count"))
    first = property(lambda self: self._field("first"))
    last = property(lambda self: self._field("last"))
    scam = property(lambda self: self._field("scam"))
    country = property(lambda self: self._field("country"))
    source = property(lambda self: self._field("source"))
    network = property(lambda self: self._field("network"))
    mark = property(lambda self: self._field("mark"))
    mark_at = property(lambda self: self._field("mark_at"))
    mass_r = property(lambda self: self._field("mass_r"))
    mass_sc = property(lambda self: self._field("mass_sc"))


class CodeTable:
    """Names <-> bit positions for a bitmask column, first come first served.

    When the table is full, further names share the last bit under
    `overflow`; a node sees a handful of countries and sources, so this only
    guards against a flood of junk values.
    """

    def __init__(self, bits: int, names: Iterable[str] = (), overflow: str = "other") -> None:
        self.bits = bits
        self.overflow = overflow
        self.names: list[str] = []
        self.codes: dict[str, int] = {}
        self._decoded: dict[int, tuple[str, ...]] = {}
        for name in names:
            self.code(name)

    def code(self, name: str) -> int:
        found = self.codes.get(name)
        if found is not None:
            return found
        if len(self.names) >= self.bits - 1 and name != self.overflow:
            return self.code(self.overflow)
        code = len(self.names)
        self.names.append(name)
        self.codes[name] = code
        return code

    def bit(self, name: str) -> int:
        return 1 << self.code(name)

    def mask(self, names: Iterable[str]) -> int:
        out = 0
        for name in names:
            out |= self.bit(name)
        return out

    def decode(self, mask: int) -> tuple[str, ...]:
        """The names in `mask`, in alphabetical order (cached: masks repeat)."""
        found = self._decoded.get(mask)
        if found is None:
            found = tuple(sorted(self.names[i] for i in range(len(self.names)) if mask >> i & 1))
            self._decoded[mask] = found
        return found

    def codes_of(self, names: Sequence[str]) -> NDArray[np.int64]:
        return np.fromiter((self.code(n) for n in names), dtype=np.int64, count=len(names))
