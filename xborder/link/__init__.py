"""Pure linking and scoring: arrays in, arrays out, no database.

partition.py     networks from observations (the rule is documented there)
incremental.py   the same rule, one new report at a time (intake)
stable_ids.py    network ids that survive a recompute; merge/split history
summary.py       per-network figures; centrality.py key indicators
ranking.py       network priority; risk.py indicator risk with decay,
                 indicator_risk.py one indicator's score explained
paths.py         why two reports are linked; network_graph.py bounded export
synthetic.py     generated graphs with known gangs (tests, bench/link)
"""
