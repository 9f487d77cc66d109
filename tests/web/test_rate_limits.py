"""Rate limits on look-ups, feeds and checks: per key, and per client address without one."""

import ipaddress
from dataclasses import replace

from fastapi.testclient import TestClient

from xborder.actions.access import KeyTerms, create_token
from xborder.core.actors import CLI
from xborder.web.app import create_app
from xborder.web.ratelimit import Buckets, address_key, client_address, retry_after

MESSAGE = {"text": "call 081-234-5678 now"}


def limited(node, **changes):
    node.settings = replace(node.settings, **changes)
    return node


def key(node, rate=None, role="bank"):
    made = create_token(node, role, acting=CLI, terms=KeyTerms(rate_per_minute=rate))
    return {"Authorization": f"Bearer {made.token}"}


def check(client, headers=None):
    return client.post("/api/v1/check", json=MESSAGE, headers=headers)


def test_a_key_over_its_rate_gets_429_with_retry_after_and_another_key_is_unaffected(client):
    node = client.app.state.node
    first, second = key(node, rate=3), key(node, rate=3)
    assert [check(client, first).status_code for _ in range(3)] == [200, 200, 200]
    over = check(client, first)
    assert over.status_code == 429
    assert over.json()["field"] == "rate" and over.json()["errors"] == [{"field": "rate",
                                                                         "message": over.json()["error"]}]
    # 3 a minute refill one every 20 s.
    assert over.headers["retry-after"].isdigit() and 1 <= int(over.headers["retry-after"]) <= 20
    assert check(client, second).status_code == 200
    # The limit covers every route under the limited prefixes, whoever serves them.
    assert client.get("/api/v1/lookup?q=0812345678", headers=first).status_code == 429
    assert client.get("/api/v1/feeds/phone.csv", headers=first).status_code == 429
    # ...and nothing else.
    assert client.get("/api/v1/indicators/phone/0812345678", headers=first).status_code == 404


def test_a_key_without_its_own_rate_has_its_roles(client):
    node = limited(client.app.state.node, key_rates_per_minute={"bank": 2, "partner": 0})
    bank, partner, own = key(node), key(node, role="partner"), key(node, rate=5)
    assert [check(client, bank).status_code for _ in range(3)] == [200, 200, 429]
    assert {check(client, partner).status_code for _ in range(6)} == {200}  # 0 = no limit
    assert [check(client, own).status_code for _ in range(6)] == [200] * 5 + [429]


def look(client, forwarded_for=None, token=None):
    # Look-ups are open to callers without a key; whatever the look-up route
    # answers, only the limit answers 429.
    headers = {}
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return client.get("/api/v1/lookup", params={"q": "0812345678"}, headers=headers).status_code


def test_callers_without_a_key_are_limited_per_address(node):
    limited(node, public_rate_per_minute=2)
    app = create_app(node)
    with TestClient(app, client=("203.0.113.7", 4000)) as one, TestClient(app, client=("203.0.113.8", 4000)) as two:
        assert 429 not in (look(one), look(one))
        over = one.get("/api/v1/lookup", params={"q": "0812345678"})
        assert over.status_code == 429 and over.json()["field"] == "rate"
        assert 1 <= int(over.headers["retry-after"]) <= 30
        # X-Forwarded-For from a peer that is not a trusted proxy is ignored.
        assert look(one, forwarded_for="198.51.100.1") == 429
        assert look(two) != 429
        # A key is limited on its own, not by the address it calls from (a bank
        # behind the same NAT as busy citizens is not held up by them).
        assert check(one, key(node)).status_code == 200
        # A made-up token is no way around the limit: it counts as no key...
        assert look(one, token="xb_guess") == 429
        assert check(one, {"Authorization": "Bearer xb_guess"}).status_code == 429
        # Routes outside the limited prefixes answer as before.
        assert one.get("/healthz").status_code == 200
        assert one.post("/api/v1/reports", json={"country": "TH", "text": "โทร 0812345678"}).status_code == 201
    with TestClient(app, client=("203.0.113.9", 4000)) as three:
        # ...and once an address has spent its allowance of unknown tokens, it
        # gets no more tries until it refills, not even with a real key.
        assert look(three, token="xb_guess1") != 429 and look(three, token="xb_guess2") != 429
        assert look(three, token="xb_guess3") == 429
        assert check(three, key(node)).status_code == 429
        # Routes outside the limited prefixes answer as before.
        assert one.get("/healthz").status_code == 200
        assert one.post("/api/v1/reports", json={"country": "TH", "text": "โทร 0812345678"}).status_code == 201


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_caller(node):
    limited(node, public_rate_per_minute=1, trusted_proxies=(ipaddress.ip_network("10.0.0.0/8"),))
    with TestClient(create_app(node), client=("10.1.2.3", 4000)) as proxy:
        assert look(proxy, "198.51.100.1") != 429
        assert look(proxy, "198.51.100.1") == 429
        # A spoofed left-most hop does not change who the proxy says connected.
        assert look(proxy, "192.0.2.1, 198.51.100.1") == 429
        assert look(proxy, "198.51.100.2") != 429


def test_the_public_limit_can_be_lifted(node):
    limited(node, public_rate_per_minute=0)
    with TestClient(create_app(node)) as anyone:
        # More than the default allowance of 60 from one address.
        assert 429 not in {look(anyone) for _ in range(80)}


def test_a_bucket_refills_over_the_minute():
    now = [1000.0]
    buckets = Buckets(clock=lambda: now[0])
    assert [buckets.take("k", 60) for _ in range(60)] == [0.0] * 60
    wait = buckets.take("k", 60)
    assert 0 < wait <= 1.0 and retry_after(wait) == 1
    now[0] += 0.5
    assert buckets.take("k", 60) > 0
    now[0] += 0.6
    assert buckets.take("k", 60) == 0.0
    assert buckets.take("other", 60) == 0.0
    now[0] += 3600
    assert [buckets.take("k", 60) for _ in range(60)] == [0.0] * 60  # never more than a minute's allowance
    assert buckets.take("k", 60) > 0
    assert retry_after(0.01) == 1 and retry_after(19.2) == 20


def test_buckets_of_idle_callers_are_forgotten_when_memory_fills():
    now = [0.0]
    buckets = Buckets(clock=lambda: now[0], max_buckets=100)
    for i in range(100):
        buckets.take(f"a{i}", 1)
    now[0] += 61
    for i in range(50):
        buckets.take(f"b{i}", 1)
    assert len(buckets) == 50
    # A caller still inside its minute keeps its count.
    assert buckets.take("b0", 1) > 0


def test_client_address():
    trusted = (ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("fd00::/8"))
    assert client_address("203.0.113.7", "198.51.100.1", ()) == "203.0.113.7"
    assert client_address("203.0.113.7", "198.51.100.1", trusted) == "203.0.113.7"
    assert client_address("10.0.0.1", "198.51.100.1", trusted) == "198.51.100.1"
    assert client_address("10.0.0.1", "198.51.100.1, 10.0.0.2", trusted) == "198.51.100.1"
    assert client_address("10.0.0.1", "not-an-address", trusted) == "10.0.0.1"
    assert client_address("10.0.0.1", None, trusted) == "10.0.0.1"
    assert client_address(None, None, ()) == "unknown"
    assert address_key("2001:db8:1:2:aaaa::1") == address_key("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert address_key("2001:db8:1:3::1") != address_key("2001:db8:1:2::1")
    assert address_key("::ffff:203.0.113.7") == "203.0.113.7"
    assert address_key("testclient") == "testclient"
