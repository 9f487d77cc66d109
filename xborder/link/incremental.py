"""The intake side of the linking rule: which of a new report's indicators link.

`partition` unites reports through every indicator that `hubs.linkable`
accepts, judged on its degree over the whole store. Intake applies the same
test to each new report with the degrees it has just written, so the
networks it builds one report at a time are the components a full recompute
builds while no component is bigger than `giant_size`.

A component above `giant_size` is split (glue, weak ties, Leiden: see
`partition`), and that split is a function of the whole component, which
one report can change anywhere in it. Re-splitting a component of half a
million reports on every report is out of the question, so `plan_join`
keeps the union exact only below `giant_size`. A report that reaches a
bigger component joins the network it touches with most reports
(provisionally: no networks merge) and is flagged; networks that are
pieces of one such component share a `component` key, and
`xborder link --pending` re-partitions every flagged component whole, with
the code of `xborder link --full`. Once it has run, intake and a full
recompute give the same partition (tests/actions/test_linking.py).

One event needs more than a yes/no: the report that takes an indicator past
`hub_degree` turns it into a hub, and the reports it had already linked are
no longer linked through it. That happens once per indicator (degrees only
grow, one report at a time), and the decision names those indicators in
`new_hubs`; intake then re-partitions the network holding their reports
(`partition` over that network's observations, with store-wide degrees) and
keeps ids with `stable_ids.match_ids`. The crossing is seen only by the
upsert that makes it, so take the decision at every upsert, also when the
linking itself is deferred (`relink_needed`); a deferred report linked later
uses the degrees of that later moment, as a recompute would.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from xborder.link.hubs import linkable
from xborder.link.params import LinkParams


@dataclass(frozen=True)
class LinkDecision:
    link: tuple[int, ...]  # indicators the report joins networks through
    new_hubs: tuple[int, ...]  # indicators this report made hubs: re-partition their network


def decide_links(indicator_ids: Sequence[int], degrees: Sequence[int],
                 params: LinkParams = LinkParams()) -> LinkDecision:
    """Decide for one new report.

    `indicator_ids`: its non-warninglisted indicators; `degrees`: each one's
    report count including this report (what the indicator upsert returns).
    """
    if len(indicator_ids) != len(degrees):
        raise ValueError("indicator_ids and degrees must have the same length")
    link = tuple(i for i, d in zip(indicator_ids, degrees) if linkable(d, params))
    new_hubs = tuple(i for i, d in zip(indicator_ids, degrees) if d == params.hub_degree + 1)
    return LinkDecision(link, new_hubs)


@dataclass(frozen=True)
class Neighbour:
    """A live network the new report shares a linkable indicator with."""

    id: int
    reports: int
    component: int | None  # key shared by the pieces of a component above giant_size; None: a whole component


@dataclass(frozen=True)
class JoinPlan:
    target: int | None  # network the report joins; None: a new network of its own
    absorbed: tuple[int, ...]  # networks merged into target (exact union below giant_size)
    component: int | None  # component key for the target's whole component; None: no key
    regroup: tuple[int, ...]  # unkeyed networks that take the key `component`
    rekey: tuple[int, ...]  # other keys that become `component` (two split components joined)

    @property
    def provisional(self) -> bool:
        """The report's component is above giant_size: only a re-split places it for good."""
        return self.component is not None


def plan_join(neighbours: Iterable[Neighbour], params: LinkParams = LinkParams()) -> JoinPlan:
    """Where a new report goes, given the networks it links to.

    Below `giant_size` this is the union a full recompute makes: the report
    and every network it touches are one component, so one network (the
    biggest absorbs the others, so that the most-cited id survives). At or
    above it, the report joins the biggest network it touches, nothing
    merges, and every touched network is keyed as a piece of one component
    (the smallest key or network id among them), to be re-split whole.
    """
    found = sorted(neighbours, key=lambda n: (-n.reports, n.id))
    if not found:
        return JoinPlan(None, (), None, (), ())
    keys = sorted({n.component for n in found if n.component is not None})
    if not keys and sum(n.reports for n in found) + 1 <= params.giant_size:
        return JoinPlan(found[0].id, tuple(n.id for n in found[1:]), None, (), ())
    unkeyed = tuple(sorted(n.id for n in found if n.component is None))
    # Network ids are never reused, so a network's id is a key no other component holds.
    key = min([*keys, *unkeyed])
    return JoinPlan(found[0].id, (), key, unkeyed, tuple(k for k in keys if k != key))
