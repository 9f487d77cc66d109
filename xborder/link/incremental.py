"""The intake side of the linking rule: which of a new report's indicators link.

`partition` unites reports through every indicator that `hubs.linkable`
accepts, judged on its degree over the whole store. Intake applies the same
test to each new report with the degrees it has just written, so the
networks it builds one report at a time are the components a full recompute
builds, as long as no component is big enough to be split.

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

from collections.abc import Sequence
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
