"""The knobs of the linking rule, in one place so intake and recompute agree.

The rule itself (documented in `partition.py`) has two stages, and each
parameter belongs to one of them:

- union step: `hub_degree`;
- splitting giant components: `giant_size`; then in turn glue indicators
  (`core_degree`, `glue_share`), weak ties (no parameter), and Leiden
  (`resolution`, `clique_limit`, `seed`, `leiden_iterations`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LinkParams:
    # An indicator cited by more distinct reports than this is a hub and links
    # none of them. A gang's own phones and mule accounts rotate long before a
    # thousand victims cite one; values cited more often are nearly always
    # infrastructure nobody warninglisted yet (a courier's real number, a
    # marketplace's domain). Degrees only grow, so once a hub, always a hub.
    hub_degree: int = 1000
    # Components with more reports than this are split into communities.
    # Larger than any one gang we expect, small enough that an analyst can
    # still read a network.
    giant_size: int = 5000
    # Inside a giant, indicators with at most this many reports are trusted
    # as they are; wider ones are judged as possible glue (`glue.py`).
    core_degree: int = 16
    # An indicator whose reports fall into more distinct groups than this
    # share of its reports is glue: it ties victims of unrelated gangs.
    glue_share: float = 0.25
    # Leiden's resolution for the configuration (modularity) model: above 1
    # gives smaller communities, below 1 larger ones.
    resolution: float = 1.0
    # Inside a giant, an indicator with at most this many reports becomes a
    # clique in the report-report projection; a larger one becomes a chord
    # ring (each report tied to the reports 1, 2, 4, ... places on), which
    # keeps the projection at O(d log d) edges instead of O(d^2).
    clique_limit: int = 64
    # Leiden is randomised; a fixed seed makes the split reproducible.
    seed: int = 1
    # Leiden passes; a negative value runs until a pass changes nothing.
    leiden_iterations: int = 2

    def __post_init__(self) -> None:
        if self.hub_degree < 1:
            raise ValueError("hub_degree must be at least 1")
        if self.giant_size < 2:
            raise ValueError("giant_size must be at least 2")
        if self.core_degree < 1:
            raise ValueError("core_degree must be at least 1")
        if not 0 < self.glue_share <= 1:
            raise ValueError("glue_share must be in (0, 1]")
        if not self.resolution > 0:
            raise ValueError("resolution must be positive")
        if self.clique_limit < 2:
            raise ValueError("clique_limit must be at least 2")
        if self.leiden_iterations == 0:
            raise ValueError("leiden_iterations must be non-zero")
