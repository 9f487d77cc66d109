"""LookupIndex: every indicator the node knows, in memory, keyed by (kind, canonical value).

Layout: per kind a dict value -> row, a list row -> value (the same string
objects) and one packed numpy record per row (columns.py). Measured with
bench/lookup/run.py: about 200 MB per million indicators (194 MB resident at
5,000,000; 60% phone numbers, 20% accounts, 20% domains and links): 51 bytes
of record, the value string (50-90 bytes), its dict slot and the int that
names its row. Longer values cost their length.

Risk is kept so that it decays on read without rescanning: link/risk.py
scores `sum(weight * 0.5 ** (age / half_life))` over independent evidence,
and since one indicator has one half-life that sum equals
`mass * 0.5 ** ((now - epoch) / half_life)` with `mass` the same sum taken at
a fixed epoch. An entry stores its mass at the epoch: victims' reports (each
its own source, so a new one is simply added) apart from partner sightings
and confirmations (latest per source, so recomputed from the evidence when
one arrives). `rebase` moves the epoch forward before float32 could run out.

Readers take no lock: a row's fields are written before its key is published,
and columns grow by swapping in copies. Writers hold `lock`.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from xborder.core.indicators import KINDS
from xborder.core.taxonomy import NOT_SCAM, SCAM_TYPES
from xborder.link.risk import RiskParams
from xborder.lookup.columns import Columns, CodeTable
from xborder.lookup.verdict import (
    MARK_FALSE_POSITIVE,
    MARK_NAMES,
    VERDICTS,
    decide_codes,
    decide_many,
    warninglist_state,
)

KIND_CODE: dict[str, int] = {k: i for i, k in enumerate(KINDS)}
DAY = 86400.0
# Reports from a partner node are its sightings (store/marks.py).
PARTNER_SOURCE = "partner"
_UINT32_MAX = 2**32 - 1


class Entry(NamedTuple):
    """What the node knows of one (kind, canonical value) at one moment."""

    kind: str
    value: str
    indicator_id: int | None
    warninglist: str | None
    risk: int
    verdict: str
    mark: str | None  # latest analyst mark: "confirmed", "false_positive" or None
    report_count: int
    first_seen: float | None  # seconds since 1970, UTC
    last_seen: float | None
    scam_types: tuple[str, ...]
    network: int | None
    countries: tuple[str, ...]
    sources: tuple[str, ...]


def absent_entry(kind: str, value: str, warninglist: str | None) -> Entry:
    """The answer for a value the node has never seen (it may still be on a warninglist)."""
    verdict = decide_codes(0, warninglist_state(warninglist), 0)
    return Entry(kind, value, None, warninglist, 0, verdict, None, 0, None, None, (), None, (), ())


def seconds(at: float) -> int:
    """A time as the columns store it: whole seconds, clamped to uint32."""
    return min(max(int(at), 0), _UINT32_MAX)


class LookupIndex:
    def __init__(self, *, epoch: float, params: RiskParams = RiskParams(), capacity: int = 1024) -> None:
        self.epoch = float(epoch)
        self.params = params
        self.lock = threading.RLock()
        self.version = 0
        self.cols = Columns(capacity)
        self.values: list[str] = []
        self._rows: dict[str, dict[str, int]] = {k: {} for k in KINDS}
        self.scam_types = CodeTable(16, (*SCAM_TYPES, NOT_SCAM), overflow="other")
        self.countries = CodeTable(32)
        self.sources = CodeTable(16)
        self.warninglists: list[str | None] = [None]  # code -> name; 0 is none
        self._wl_codes: dict[str, int] = {}
        self._wl_state = np.zeros(256, dtype=np.uint8)  # code -> verdict.WL_*
        self._wl_state_list: list[int] = [0] * 256
        self._scam_cache: dict[int, tuple[str, ...]] = {}
        self._half_life = np.array([params.half_life_days.get(k, params.default_half_life_days) * DAY
                                    for k in KINDS])
        self._half_life_list: list[float] = self._half_life.tolist()
        self._fp_half_life = params.fp_half_life_days * DAY

    # -- reading ---------------------------------------------------------

    def __len__(self) -> int:
        return self.cols.n

    def find(self, kind: str, value: str) -> int | None:
        """The row of (kind, canonical value), or None."""
        rows = self._rows.get(kind)
        return None if rows is None else rows.get(value)

    def risk(self, row: int, now: float) -> int:
        """Risk 0-100 of one row at `now` (seconds since 1970); link/risk.py's formula."""
        _, kind, wl, _, _, _, _, _, _, _, mark, mark_at, mass_r, mass_sc = self.cols.row(row)
        return self._risk(kind, wl, mass_r + mass_sc, mark, mark_at, now)

    def _risk(self, kind: int, wl: int, mass: float, mark: int, mark_at: float, now: float) -> int:
        if wl or mass <= 0.0:
            return 0
        evidence = mass * 0.5 ** ((now - self.epoch) / self._half_life_list[kind])
        base = 100.0 * (1.0 - math.exp(-evidence / self.params.saturation))
        if mark == MARK_FALSE_POSITIVE:
            base *= 1.0 - 0.5 ** (max(now - mark_at, 0.0) / self._fp_half_life)
        return round(base)

    def entry(self, row: int, now: float) -> Entry:
        ids, kind, wl, count, first, last, scam, country, source, network, mark, mark_at, mass_r, mass_sc = \
            self.cols.data.item(row)
        risk = self._risk(kind, wl, mass_r + mass_sc, mark, mark_at, now)
        # Positional: this runs for every lookup, and keywords cost a third more.
        return Entry(KINDS[kind], self.values[row], ids, self.warninglists[wl], risk,
                     decide_codes(risk, self._wl_state_list[wl], mark), MARK_NAMES[mark], count,
                     float(first) if count else None, float(last) if count else None, self._scam_names(scam),
                     None if network < 0 else network, self.countries.decode(country), self.sources.decode(source))

    def _scam_names(self, mask: int) -> tuple[str, ...]:
        found = self._scam_cache.get(mask)
        if found is None:
            found = tuple(t for t in self.scam_types.decode(mask) if t != NOT_SCAM)
            self._scam_cache[mask] = found
        return found

    def lookup(self, kind: str, value: str, now: float) -> Entry | None:
        rows = self._rows.get(kind)
        row = None if rows is None else rows.get(value)
        return None if row is None else self.entry(row, now)

    def rows_of_kind(self, kind: str) -> NDArray[np.int64]:
        c = self.cols
        return np.flatnonzero(c.kind[: c.n] == KIND_CODE[kind])

    def risks(self, rows: NDArray[np.int64], now: float) -> NDArray[np.int64]:
        """Risk 0-100 of many rows at once; the same formula as `risk`."""
        c = self.cols
        p = self.params
        mass = c.mass_r[rows].astype(np.float64) + c.mass_sc[rows]
        evidence = mass * 0.5 ** ((now - self.epoch) / self._half_life[c.kind[rows]])
        base = 100.0 * (1.0 - np.exp(-evidence / p.saturation))
        fp = c.mark[rows] == MARK_FALSE_POSITIVE
        if fp.any():
            age = np.maximum(now - c.mark_at[rows][fp].astype(np.float64), 0.0)
            base[fp] *= 1.0 - 0.5 ** (age / self._fp_half_life)
        score = np.rint(base).astype(np.int64)
        score[c.wl[rows] != 0] = 0
        return score

    def verdict_codes(self, rows: NDArray[np.int64], risks: NDArray[np.int64]) -> NDArray[np.uint8]:
        """Codes into verdict.VERDICTS for rows whose risks are given."""
        c = self.cols
        return decide_many(risks, self._wl_state[c.wl[rows]], c.mark[rows])

    def verdict_of(self, code: int) -> str:
        return VERDICTS[code]

    def half_lives(self, kind_codes: NDArray[np.integer]) -> NDArray[np.float64]:
        """Half-life in seconds of each kind code."""
        return np.asarray(self._half_life[kind_codes], dtype=np.float64)

    # -- writing (hold self.lock) ------------------------------------------

    def warninglist_code(self, name: str | None) -> int:
        if not name:
            return 0
        code = self._wl_codes.get(name)
        if code is None:
            if len(self.warninglists) >= 255:
                raise ValueError("more than 254 warninglists")
            code = len(self.warninglists)
            self.warninglists.append(name)
            self._wl_codes[name] = code
            self._wl_state[code] = warninglist_state(name)
            self._wl_state_list[code] = warninglist_state(name)
        return code

    def upsert(self, indicator_id: int, kind: str, value: str, warninglist: str | None, report_count: int,
               first_seen: float, last_seen: float) -> int:
        """Add the indicator or refresh its stored fields; returns its row."""
        rows = self._rows[kind]
        row = rows.get(value)
        c = self.cols
        if row is None:
            row = c.append(1)
            c = self.cols
            c.ids[row] = indicator_id
            c.kind[row] = KIND_CODE[kind]
            self.values.append(value)
        c.wl[row] = self.warninglist_code(warninglist)
        c.count[row] = min(report_count, _UINT32_MAX)
        c.first[row] = seconds(first_seen)
        c.last[row] = seconds(last_seen)
        rows[value] = row  # published last: a reader that finds the key finds the fields
        return row

    def report_mass(self, kind_code: int, at: float) -> float:
        """One victim's report at `at`, as mass at the epoch."""
        return float(self.params.weights["report"] * 0.5 ** ((self.epoch - at) / self._half_life_list[kind_code]))

    def add_report(self, row: int, *, at: float, source: str, country: str, scam_type: str,
                   network: int | None) -> None:
        """Count one more report citing the row (not its report_count: upsert sets that)."""
        c = self.cols
        c.scam[row] |= self.scam_types.bit(scam_type)
        c.country[row] |= self.countries.bit(country)
        c.source[row] |= self.sources.bit(source)
        if network is not None:
            c.network[row] = network
        if source != PARTNER_SOURCE:
            c.mass_r[row] += self.report_mass(int(c.kind[row]), at)

    def set_evidence(self, row: int, mass_sc: float, mark: int, mark_at: float) -> None:
        c = self.cols
        c.mass_sc[row] = mass_sc
        c.mark[row] = mark
        c.mark_at[row] = seconds(mark_at)

    def set_citations(self, row: int, *, scam_types: Iterable[str], countries: Iterable[str],
                      sources: Iterable[str], network: int | None, mass_r: float) -> None:
        """Replace what the reports citing the row add up to (a recompute; add_report adds one report)."""
        scam, country, source = (self.scam_types.mask(scam_types), self.countries.mask(countries),
                                 self.sources.mask(sources))
        c = self.cols
        c.scam[row] = scam
        c.country[row] = country
        c.source[row] = source
        c.network[row] = -1 if network is None else network
        c.mass_r[row] = mass_r

    def remap_networks(self, moves: dict[int, int]) -> int:
        """Point rows of absorbed networks at the network that took them in; returns rows moved."""
        if not moves:
            return 0
        c = self.cols
        net = c.network[: c.n]
        hit = np.flatnonzero(np.isin(net, np.fromiter(moves, dtype=np.int64)))
        for row in hit.tolist():
            target = int(net[row])
            seen = set()
            while target in moves and target not in seen:  # a chain of merges in one batch
                seen.add(target)
                target = moves[target]
            net[row] = target
        return len(hit)

    def touch(self) -> None:
        self.version += 1

    def rebase(self, new_epoch: float) -> None:
        """Move the epoch, rescaling masses so every risk stays the same."""
        c = self.cols
        n = c.n
        factor = 0.5 ** ((new_epoch - self.epoch) / self._half_life[c.kind[:n]])
        c.mass_r[:n] = c.mass_r[:n] * factor
        c.mass_sc[:n] = c.mass_sc[:n] * factor
        self.epoch = float(new_epoch)

    # -- bulk loading ------------------------------------------------------

    def load(self, ids: NDArray[np.int64], kinds: NDArray[np.integer], values: Sequence[str],
             warninglist_codes: NDArray[np.integer], counts: NDArray[np.integer], first: NDArray[np.integer],
             last: NDArray[np.integer]) -> int:
        """Append many new indicators at once (a build); returns the first row.

        `kinds` are codes into KINDS; the (kind, value) pairs must be new.
        """
        n = len(ids)
        start = self.cols.append(n)
        c = self.cols
        end = start + n
        c.ids[start:end] = ids
        c.kind[start:end] = kinds
        c.wl[start:end] = warninglist_codes
        c.count[start:end] = np.minimum(counts, _UINT32_MAX)
        c.first[start:end] = np.clip(first, 0, _UINT32_MAX)
        c.last[start:end] = np.clip(last, 0, _UINT32_MAX)
        self.values.extend(values)
        dicts = [self._rows[k] for k in KINDS]
        for row, (code, value) in enumerate(zip(np.asarray(kinds).tolist(), values), start):
            dicts[code][value] = row
        if any(len(d) for d in dicts) and sum(len(d) for d in dicts) != c.n:
            raise ValueError("duplicate (kind, value) pairs in a bulk load")
        return start

    def memory_bytes(self) -> int:
        """Columns' bytes; the dicts and strings are measured by the bench (RSS)."""
        return self.cols.nbytes()
