from collections import defaultdict

import numpy as np

from xborder.link.hubs import linkable, linkable_mask
from xborder.link.incremental import Neighbour, decide_links, plan_join
from xborder.link.params import LinkParams
from xborder.link.partition import partition
from xborder.link.synthetic import synthetic_graph


def test_one_threshold_for_both_paths():
    params = LinkParams(hub_degree=3)
    assert [linkable(d, params) for d in (0, 1, 3, 4)] == [False, True, True, False]
    assert linkable_mask([0, 1, 3, 4], params).tolist() == [False, True, True, False]
    decision = decide_links([10, 11, 12], [1, 4, 5], params)
    assert decision.link == (10,)
    assert decision.new_hubs == (11,)  # this report took 11 from 3 to 4 reports


class Intake:
    """What the database side does, in memory: one report at a time."""

    def __init__(self, params):
        self.params = params
        self.degree = defaultdict(int)
        self.cited_by = defaultdict(list)
        self.cites = {}
        self.network = {}
        self.members = {}
        self.next_network = 0

    def submit(self, report, indicators):
        self.cites[report] = indicators
        for i in indicators:
            self.degree[i] += 1
            self.cited_by[i].append(report)
        decision = decide_links(indicators, [self.degree[i] for i in indicators], self.params)
        touched = {self.network[r] for i in decision.link for r in self.cited_by[i] if r in self.network}
        merged = {report}.union(*(self.members.pop(n) for n in touched))
        self._new_network(merged)
        for hub in decision.new_hubs:
            self._repartition(self.network[self.cited_by[hub][0]])

    def _new_network(self, reports):
        key, self.next_network = self.next_network, self.next_network + 1
        self.members[key] = set(reports)
        for r in reports:
            self.network[r] = key

    def _repartition(self, key):
        reports = sorted(self.members.pop(key))
        obs = [(r, i) for r in reports for i in self.cites[r]]
        p = partition(reports, [r for r, _ in obs], [i for _, i in obs],
                      indicator_reports=[self.degree[i] for _, i in obs], params=self.params)
        for group in p.groups():
            self._new_network(group.tolist())

    def groups(self):
        return sorted(sorted(m) for m in self.members.values())


def test_incremental_linking_and_full_recompute_agree():
    params = LinkParams(hub_degree=30, giant_size=10**9)
    g = synthetic_graph(3000, seed=11, max_gang=200, n_hubs=4, hub_degrees=(40, 300), n_generic=5,
                        generic_degrees=(5, 30))
    by_report = defaultdict(set)
    for r, i in zip(g.obs_report.tolist(), g.obs_indicator.tolist()):
        by_report[r].add(i)
    intake = Intake(params)
    for r in g.report_ids.tolist():  # arrival order is id order
        intake.submit(r, sorted(by_report[r]))
    assert sum(1 for i, d in intake.degree.items() if d > params.hub_degree) >= 4  # hubs did cross

    full = partition(g.report_ids, g.obs_report, g.obs_indicator, params=params)
    assert intake.groups() == sorted(sorted(x.tolist()) for x in full.groups())


def test_a_join_is_an_exact_union_up_to_giant_size_and_provisional_above():
    params = LinkParams(giant_size=10)
    assert plan_join([], params).target is None
    # 4 + 5 + the new report = 10 reports: one component, one network.
    small = plan_join([Neighbour(7, 4, None), Neighbour(3, 5, None)], params)
    assert (small.target, small.absorbed, small.provisional) == (3, (7,), False)
    # One more report and the component is above giant_size: nothing merges,
    # the report joins the biggest network and both are keyed as one component.
    big = plan_join([Neighbour(7, 5, None), Neighbour(3, 5, None)], params)
    assert (big.target, big.absorbed, big.component, big.regroup, big.rekey) == (3, (), 3, (3, 7), ())
    assert big.provisional
    # A piece of a split component stays keyed even when the report adds little.
    piece = plan_join([Neighbour(9, 2, 4)], params)
    assert (piece.target, piece.absorbed, piece.component, piece.regroup) == (9, (), 4, ())
    # Two split components joined by one report become one key, the smaller.
    joined = plan_join([Neighbour(9, 2, 4), Neighbour(12, 8, 6), Neighbour(2, 1, None)], params)
    assert (joined.target, joined.component, joined.regroup, joined.rekey) == (12, 2, (2,), (4, 6))
