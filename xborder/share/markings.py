"""TLP 2.0 (FIRST) levels, their order, and their STIX and MISP spellings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from xborder.core.taxonomy import TLP_LEVELS
from xborder.share.vocab import (
    SPEC_VERSION,
    TLP2_EXTENSION_ID,
    TLP_BY_MARKING_ID,
    TLP_MARKING_IDS,
    TLP_MARKINGS_CREATED,
)

# From most to least shareable; TLP_LEVELS is already in that order.
TLP_RANK: dict[str, int] = {level: rank for rank, level in enumerate(TLP_LEVELS)}
RED = "red"


def check_tlp(level: str) -> str:
    """The TLP level `level` names ("amber", "TLP:AMBER", "amber+strict"), else ValueError."""
    if not isinstance(level, str):
        raise ValueError(f"a TLP level is a string, not {type(level).__name__}")
    name = level.strip().lower().removeprefix("tlp:")
    if name == "white":  # TLP 1.0's name for what 2.0 calls clear
        name = "clear"
    if name not in TLP_RANK:
        raise ValueError(f"unknown TLP level {level!r}; known: {', '.join(TLP_LEVELS)}")
    return name


def tlp_rank(level: str) -> int:
    return TLP_RANK[check_tlp(level)]


def levels_up_to(ceiling: str) -> tuple[str, ...]:
    """Every level no more restrictive than `ceiling`, most shareable first."""
    top = tlp_rank(ceiling)
    return tuple(level for level in TLP_LEVELS if TLP_RANK[level] <= top)


def most_restrictive(levels: Iterable[str]) -> str:
    """The most restrictive of `levels`; ValueError when there are none."""
    checked = [check_tlp(level) for level in levels]
    if not checked:
        raise ValueError("no TLP level given")
    return max(checked, key=TLP_RANK.__getitem__)


def marking_id(level: str) -> str:
    """The OASIS marking-definition id of a TLP 2.0 level."""
    return TLP_MARKING_IDS[check_tlp(level)]


def tlp_of_refs(refs: Iterable[str]) -> str | None:
    """The most restrictive TLP 2.0 level among marking refs, None when none is TLP 2.0."""
    levels = [TLP_BY_MARKING_ID[ref] for ref in refs if ref in TLP_BY_MARKING_ID]
    return most_restrictive(levels) if levels else None


def marking_definition(level: str) -> dict[str, Any]:
    """The marking-definition object OASIS publishes for a TLP 2.0 level."""
    name = check_tlp(level)
    return {
        "type": "marking-definition",
        "spec_version": SPEC_VERSION,
        "id": TLP_MARKING_IDS[name],
        "created": TLP_MARKINGS_CREATED,
        "name": f"TLP:{name.upper()}",
        "extensions": {TLP2_EXTENSION_ID: {"extension_type": "property-extension", "tlp_2_0": name}},
    }


def marking_definitions() -> list[dict[str, Any]]:
    """All five TLP 2.0 marking definitions, for a collection or a bundle."""
    return [marking_definition(level) for level in TLP_LEVELS]


def misp_tag(level: str) -> str:
    """The MISP taxonomy tag of a TLP 2.0 level, e.g. "tlp:amber+strict"."""
    return f"tlp:{check_tlp(level)}"
