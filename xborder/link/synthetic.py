"""Generated report-indicator graphs with known gangs, for tests and the benchmark.

The shape follows what reports look like: gang sizes follow a power law; a
gang rotates its phones, mule accounts, URLs and domains, each used for a
power-law number of victims in a row before it is burnt, so indicator reuse
is power-law too and a big gang is a long band of overlapping identifiers.
Around the gangs: lone reports with identifiers nobody else cites (noise),
victims who cite a second gang's identifier (bridges), popular values below
the hub threshold (generic: a courier's real number), and hubs far above it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from xborder.link.bipartite import Ints

# (chance a gang victim cites it, shortest and longest run of victims before
# the gang drops it). A domain is cited with the URL it hosts and lives longer.
CHANNELS: dict[str, tuple[float, int, int]] = {
    "phone": (0.85, 4, 250),
    "bank_account": (0.6, 6, 400),
    "url": (0.4, 3, 150),
    "domain": (0.0, 20, 600),
}


@dataclass(frozen=True)
class SyntheticGraph:
    report_ids: Ints  # sorted
    obs_report: Ints  # observation rows, in no particular order, with repeats
    obs_indicator: Ints
    truth: Ints  # gang per report (aligned with report_ids); a lone report is its own gang
    hub_ids: Ints  # planted hubs
    generic_ids: Ints  # planted popular values below the hub threshold


def synthetic_graph(n_reports: int, *, seed: int = 0, gang_share: float = 0.7, max_gang: int = 3000,
                    n_hubs: int | None = None, hub_degrees: tuple[int, int] = (2000, 50_000),
                    n_generic: int | None = None, generic_degrees: tuple[int, int] = (20, 800),
                    bridge_share: float = 0.003, repeat_share: float = 0.1,
                    overlap: float = 0.2) -> SyntheticGraph:
    rng = np.random.default_rng(seed)
    n_hubs = n_reports // 30_000 + 1 if n_hubs is None else n_hubs
    n_generic = n_reports // 3_000 + 1 if n_generic is None else n_generic

    sizes = _gang_sizes(rng, int(n_reports * gang_share), max_gang)
    n_gang_reports = int(sizes.sum())
    gang_of = np.repeat(np.arange(len(sizes)), sizes)
    n_gangs = len(sizes)
    truth_line = np.concatenate([gang_of, n_gangs + np.arange(n_reports - n_gang_reports)])

    # Report ids are arrival order: gangs interleave in time, and within a
    # gang the rotation runs in id order.
    ids_line = rng.permutation(n_reports).astype(np.int64) + 1
    ids_line[:n_gang_reports] = ids_line[:n_gang_reports][np.lexsort((ids_line[:n_gang_reports], gang_of))]

    rows: list[Ints] = []
    cols: list[Ints] = []
    next_id = 1

    def emit(report_pos: Ints, indicator: Ints) -> None:
        rows.append(ids_line[report_pos])
        cols.append(indicator)

    cites = {name: rng.random(n_gang_reports) < p for name, (p, _, _) in CHANNELS.items()}
    cites["domain"] = cites["url"]
    # Every victim cites something of the gang's: the phone if nothing else.
    cites["phone"] |= ~(cites["bank_account"] | cites["url"])
    for name, (_, shortest, longest) in CHANNELS.items():
        span = _spans(rng, n_gang_reports, shortest, longest)
        # A span that crosses a gang boundary is two identifiers, one per gang.
        _, indicator = np.unique(span * n_gangs + gang_of, return_inverse=True)
        indicator = indicator.astype(np.int64) + next_id
        next_id = int(indicator.max(initial=next_id)) + 1
        emit(np.flatnonzero(cites[name]), indicator[cites[name]])
        # Runs overlap: near a switch, a victim is given the next one too.
        nxt = np.searchsorted(span, span, side="right")
        ahead = cites[name] & (rng.random(n_gang_reports) < overlap) & (nxt < n_gang_reports)
        ahead[ahead] = gang_of[nxt[ahead]] == gang_of[ahead]
        emit(np.flatnonzero(ahead), indicator[nxt[ahead]])

    # A victim of two gangs: cites an identifier of a random other gang too.
    gang_cols = np.concatenate(cols)
    if n_gang_reports:
        bridges = rng.choice(n_gang_reports, int(n_gang_reports * bridge_share), replace=False)
        pick = rng.integers(0, len(gang_cols), len(bridges))
        emit(bridges, gang_cols[pick])

    n_noise = n_reports - n_gang_reports
    per_noise = 1 + rng.binomial(2, 0.5, n_noise)
    emit(np.repeat(np.arange(n_gang_reports, n_reports), per_noise),
         next_id + np.arange(int(per_noise.sum()), dtype=np.int64))
    next_id += int(per_noise.sum())

    generic_ids = next_id + np.arange(n_generic, dtype=np.int64)
    hub_ids = next_id + n_generic + np.arange(n_hubs, dtype=np.int64)
    for ids, (lo, hi) in ((generic_ids, generic_degrees), (hub_ids, hub_degrees)):
        for indicator_id in ids:
            d = min(n_reports, int(np.exp(rng.uniform(np.log(lo), np.log(hi)))))
            emit(rng.choice(n_reports, d, replace=False), np.full(d, indicator_id, dtype=np.int64))

    obs_report = np.concatenate(rows)
    obs_indicator = np.concatenate(cols)
    again = rng.random(len(obs_report)) < repeat_share
    obs_report = np.concatenate([obs_report, obs_report[again]])
    obs_indicator = np.concatenate([obs_indicator, obs_indicator[again]])
    shuffle = rng.permutation(len(obs_report))

    order = np.argsort(ids_line)
    return SyntheticGraph(ids_line[order], obs_report[shuffle], obs_indicator[shuffle],
                          truth_line[order].astype(np.int64), hub_ids, generic_ids)


def _gang_sizes(rng: np.random.Generator, total: int, max_gang: int) -> Ints:
    # Zipf(1.9): most gangs have a handful of victims, a few have thousands.
    sizes = np.clip(rng.zipf(1.9, max(total, 1)) + 1, 2, max_gang)
    cut = int(np.searchsorted(np.cumsum(sizes), total))
    sizes = sizes[:cut]
    rest = total - int(sizes.sum())
    return np.append(sizes, rest).astype(np.int64) if rest >= 2 else sizes.astype(np.int64)


def _spans(rng: np.random.Generator, n: int, shortest: int, longest: int) -> Ints:
    """Span index per position for runs of power-law length laid end to end."""
    lengths = np.clip(shortest * rng.zipf(2.2, n // shortest + 1), shortest, longest)
    return np.searchsorted(np.cumsum(lengths), np.arange(n), side="right").astype(np.int64)
