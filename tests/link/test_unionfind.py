from xborder.link.priority import network_priority
from xborder.link.unionfind import UnionFind, components


def test_components_join_reports_through_shared_indicators():
    groups = components([1, 2, 3, 4, 5], [(1, 10), (2, 10), (2, 11), (3, 11), (4, 12)])
    assert sorted(sorted(g) for g in groups) == [[1, 2, 3], [4], [5]]


def test_union_order_does_not_change_the_root():
    a, b = UnionFind(), UnionFind()
    for uf, pairs in ((a, [(1, 2), (3, 4), (2, 3)]), (b, [(3, 4), (2, 3), (1, 2)])):
        for x in range(1, 5):
            uf.add(x)
        for x, y in pairs:
            uf.union(x, y)
    assert a.find(4) == b.find(4) == 1


def test_priority_grows_with_loss_size_and_border():
    base = network_priority(1000, 2, 1)
    assert network_priority(100_000, 2, 1) > base
    assert network_priority(1000, 20, 1) > base
    assert network_priority(1000, 2, 2) == base + 15
    assert network_priority(0, 0, 0) == 0
