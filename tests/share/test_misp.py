import hashlib
import json

from pymisp import MISPEvent

from xborder.share.misp import feed_files, misp_feed, misp_type

SAMPLE_NAMES = [
    "phone", "url", "domain", "email", "ipv4", "ipv6", "bank_account", "iban",
    "promptpay", "crypto_wallet", "line_id", "telegram", "ussd",
]


def facts(make):
    inds = {make.indicator(n).key: make.indicator(n) for n in SAMPLE_NAMES}
    secret = make.indicator("telegram", value="redsecret", tlp="red")
    inds[secret.key] = secret
    gone = make.indicator("domain", value="old-scam.top", revoked=True)
    inds[gone.key] = gone
    nets = [
        make.network(),
        make.network(network_id=18, indicators=(("telegram", "redsecret"),)),  # nothing left to publish
        make.network(network_id=19, tlp="red"),
    ]
    return nets, inds


def load(data):
    event = MISPEvent()
    event.load(data.decode("utf-8"))
    return event


def test_pymisp_loads_every_event_of_the_feed(make):
    nets, inds = facts(make)
    files = feed_files(misp_feed(make.node, nets, inds))
    manifest = json.loads(files["manifest.json"])
    assert set(files) == {"manifest.json", "hashes.csv", *(f"{u}.json" for u in manifest)}
    assert len(manifest) == 2  # network 17, and the indicators in no network
    values = {}
    for event_uuid, entry in manifest.items():
        event = load(files[f"{event_uuid}.json"])
        assert event.uuid == event_uuid and event.info == entry["info"]
        assert event.Orgc.name == "xborder-th"
        assert str(event.date) == entry["date"]
        # PyMISP writes the same manifest entry and hashes for the event it loaded
        mine = {(h, u) for h, u in (line.split(",") for line in files["hashes.csv"].decode().splitlines()) if u == event_uuid}
        feed = event.to_feed(with_meta=True)["Event"]
        assert {(h, event_uuid) for h in feed["_hashes"]} == mine
        assert feed["_manifest"][event_uuid]["info"] == entry["info"]
        for attribute in event.attributes:
            values[attribute.value] = attribute
    assert "redsecret" not in values and "redsecret" not in files["hashes.csv"].decode() + files["manifest.json"].decode()
    assert set(values) == {make.indicator(n).value for n in SAMPLE_NAMES} | {"old-scam.top"}
    assert values["old-scam.top"].deleted and not values["old-scam.top"].to_ids
    assert values["+66812345678"].type == "phone-number" and values["+66812345678"].to_ids
    assert values["1234567890"].type == "bank-account-nr"
    assert values["1BoatSLRHtKNngkdXEeobR76b53LETtpyT"].type == "btc"
    assert values["2001:db8::7"].type == "ip-dst"
    assert {t.name for t in values["@scamshop"].tags} == {"tlp:amber", 'xborder:kind="line_id"'}


def test_event_tlp_is_the_most_restrictive_of_network_and_members(make):
    nets, inds = facts(make)
    feed = misp_feed(make.node, nets[:1], {k: inds[k] for k in nets[0].indicators})
    (event,) = feed.events.values()
    assert [t["name"] for t in event["Event"]["Tag"]][0] == "tlp:amber"  # green network, amber members
    assert event["Event"]["threat_level_id"] == "1"  # USD 15,320 lost


def test_feed_is_deterministic_and_hashes_are_md5_of_values(make):
    nets, inds = facts(make)
    assert feed_files(misp_feed(make.node, nets, inds)) == feed_files(misp_feed(make.node, nets, inds))
    feed = misp_feed(make.node, nets, inds)
    for h, u in feed.hashes:
        values = [a["value"] for a in feed.events[u]["Event"]["Attribute"]]
        assert h in {hashlib.md5(v.encode()).hexdigest() for v in values}


def test_wallets_without_a_misp_type_go_as_text():
    assert misp_type("crypto_wallet", {"chain": "eth"}) == ("text", "Financial fraud")
    assert misp_type("crypto_wallet", {"chain": "btc"}) == ("btc", "Financial fraud")
