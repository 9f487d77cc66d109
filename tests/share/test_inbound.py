import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder.share import extensions, stix
from xborder.share.inbound import load_json, parse_bundle, parse_envelope, parse_object, parse_pattern
from xborder.share.inbound_types import (
    Ignored,
    InboundGrouping,
    InboundIdentity,
    InboundIndicator,
    InboundNote,
    InboundObservable,
    InboundRelationship,
    InboundSighting,
    StixError,
)
from xborder.share.timestamps import parse_time

SAMPLE_NAMES = [
    "phone", "url", "domain", "email", "ipv4", "ipv6", "bank_account", "iban",
    "promptpay", "crypto_wallet", "line_id", "telegram", "ussd",
]


def wire(obj):
    return json.loads(json.dumps(obj))


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_kind_round_trips(make, name):
    facts = make.indicator(name, revoked=(name == "url"))
    sco, ind, rel, sighting = (parse_object(wire(o)) for o in stix.indicator_objects(make.node, facts))
    assert isinstance(ind, InboundIndicator)
    assert (ind.kind, ind.value) == (facts.kind, facts.value)
    assert ind.modified == facts.modified and ind.valid_from == facts.first_seen
    assert ind.confidence == facts.confidence and ind.tlp == facts.tlp
    assert ind.revoked is facts.revoked
    assert ind.created_by_ref == stix.identity_id("TH")
    assert ind.scam_types == ("impersonation", "investment") and ind.countries == ("KH", "TH")
    assert isinstance(sco, InboundObservable)
    assert (sco.kind, sco.value, dict(sco.attrs)) == (facts.kind, facts.value, dict(facts.attrs))
    assert isinstance(rel, InboundRelationship) and (rel.source_ref, rel.target_ref) == (ind.id, sco.id)
    assert isinstance(sighting, InboundSighting)
    assert (sighting.count, sighting.first_seen, sighting.last_seen) == (4, facts.first_seen, facts.last_seen)
    assert sighting.sighting_of_ref == ind.id


def test_groupings_notes_identities_and_definitions_parse(make):
    grouping = parse_object(wire(stix.grouping_object(make.node, make.network())))
    assert isinstance(grouping, InboundGrouping)
    assert (grouping.network_id, grouping.report_count, grouping.loss_usd) == (17, 12, 15320.5)
    assert grouping.cross_border and grouping.countries == ("KH", "TH") and grouping.tlp == "green"
    note = parse_object(wire(stix.note_object(make.node, make.report())))
    assert isinstance(note, InboundNote)
    assert (note.content, note.country, note.scam_type, note.lang) == (
        make.report().narrative, "TH", "impersonation", "en")
    identity = parse_object(wire(stix.identity_object(make.node)))
    assert isinstance(identity, InboundIdentity) and identity.name == "xborder-th"
    for obj in extensions.reference_objects("https://kh.example"):
        parsed = parse_object(wire(obj))
        assert isinstance(parsed, (Ignored, InboundIdentity))


def mutate(obj, path, value):
    obj = copy.deepcopy(obj)
    *parents, last = path
    target = obj
    for key in parents:
        target = target[key]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return obj


DELETE = object()


@pytest.mark.parametrize(
    "path, value, field",
    [
        (["type"], "malware", "type"),
        (["type"], 7, "type"),
        (["spec_version"], "2.0", "spec_version"),
        (["id"], "indicator--not-a-uuid", "id"),
        (["id"], "grouping--8e2e2d2b-17d4-4cbd-938a-86fe8b2e4e1e", "id"),
        (["created_by_ref"], "indicator--8e2e2d2b-17d4-4cbd-938a-86fe8b2e4e1e", "created_by_ref"),
        (["modified"], "2025-03-10 08:30:15Z", "modified"),
        (["modified"], "2025-02-30T08:30:15.000Z", "modified"),
        (["modified"], "2024-01-01T00:00:00.000Z", "modified"),
        (["created"], DELETE, "created"),
        (["valid_from"], 20250301, "valid_from"),
        (["pattern_type"], "sigma", "pattern_type"),
        (["pattern"], "[phone-number:value = '+66812345678'] OR [url:value = 'http://x.com/']", "pattern"),
        (["pattern"], "[file:name = 'a.exe']", "pattern"),
        (["pattern"], "[phone-number:value = '081-234-5678']", "pattern"),
        (["pattern"], "[phone-number:value = '+6681234']", "pattern"),
        (["pattern"], "[ipv4-addr:value = '2001:db8::7']", "pattern"),
        (["pattern"], "[phone-number:value = '+6681\\n2345678']", "pattern"),
        (["pattern"], DELETE, "pattern"),
        (["confidence"], 101, "confidence"),
        (["confidence"], True, "confidence"),
        (["revoked"], "yes", "revoked"),
        (["object_marking_refs"], ["tlp-red"], "object_marking_refs[0]"),
        (["labels"], [3], "labels[0]"),
    ],
)
def test_malformed_indicators_are_rejected_naming_the_field(make, path, value, field):
    good = wire(stix.indicator_object(make.node, make.indicator()))
    parse_object(good)
    with pytest.raises(StixError) as caught:
        parse_object(mutate(good, path, value))
    assert caught.value.field == field


def test_extension_kind_must_agree_with_the_pattern(make):
    good = wire(stix.indicator_object(make.node, make.indicator()))
    (ext_id,) = good["extensions"]
    with pytest.raises(StixError) as caught:
        parse_object(mutate(good, ["extensions", ext_id, "kind"], "promptpay"))
    assert caught.value.field == f"extensions.{ext_id}.kind"


@pytest.mark.parametrize(
    "builder, path, value, field",
    [
        ("sco", ["value"], "0812345678", "value"),
        ("sco", ["account_number"], "12", "account_number"),
        ("grouping", ["object_refs"], [], "object_refs"),
        ("grouping", ["context"], DELETE, "context"),
        ("sighting", ["count"], -1, "count"),
        ("sighting", ["last_seen"], "2000-01-01T00:00:00Z", "last_seen"),
        ("sighting", ["sighting_of_ref"], "nope", "sighting_of_ref"),
        ("note", ["content"], "x" * 20_001, "content"),
        ("identity", ["name"], DELETE, "name"),
    ],
)
def test_malformed_objects_of_other_types_are_rejected(make, builder, path, value, field):
    built = {
        "sco": lambda: stix.sco_object(make.indicator("phone" if path == ["value"] else "bank_account")),
        "grouping": lambda: stix.grouping_object(make.node, make.network()),
        "sighting": lambda: stix.sighting_object(make.node, make.indicator()),
        "note": lambda: stix.note_object(make.node, make.report()),
        "identity": lambda: stix.identity_object(make.node),
    }[builder]()
    parse_object(wire(built))
    with pytest.raises(StixError) as caught:
        parse_object(mutate(wire(built), path, value))
    assert caught.value.field == field


def test_unknown_types_and_non_objects_are_rejected():
    with pytest.raises(StixError, match="type"):
        parse_object({"type": "x-acme-thing", "id": "x-acme-thing--8e2e2d2b-17d4-4cbd-938a-86fe8b2e4e1e"})
    with pytest.raises(StixError) as caught:
        parse_object(["indicator"])
    assert caught.value.field == "object"


def test_pattern_reader_unescapes_quotes_and_backslashes():
    assert parse_pattern(stix.pattern_for("url", "http://a.example.com/it's")) == ("url", "http://a.example.com/it's")
    assert parse_pattern("[ line-account:value='@scamshop' ]") == ("line_id", "@scamshop")
    with pytest.raises(StixError, match="canonical"):
        parse_pattern(stix.pattern_for("url", "HTTP://A.example.com/x"))
    with pytest.raises(StixError):
        # the backslash survives unescaping and is no part of a valid url
        parse_pattern(r"[url:value = 'http://a.example.com/a\\b']")


def test_bundle_and_envelope_checks(make):
    objs = wire(stix.indicator_objects(make.node, make.indicator()))
    parsed = parse_bundle(wire(stix.bundle(objs)))
    assert [type(p).__name__ for p in parsed] == [
        "InboundObservable", "InboundIndicator", "InboundRelationship", "InboundSighting"]
    with pytest.raises(StixError) as caught:
        parse_bundle(wire(stix.bundle(objs)), max_objects=3)
    assert caught.value.field == "objects"
    broken = objs[:1] + [mutate(objs[1], ["pattern"], "[x]")] + objs[2:]
    with pytest.raises(StixError) as caught:
        parse_bundle(wire(stix.bundle(broken)))
    assert caught.value.field == "objects[1].pattern"
    with pytest.raises(StixError) as caught:
        parse_bundle({"type": "bundle", "id": "bundle--1", "objects": objs})
    assert caught.value.field == "id"
    with pytest.raises(StixError):
        parse_bundle({"type": "envelope", "objects": objs})

    env = parse_envelope({"more": True, "next": "abc", "objects": objs})
    assert env.more and env.next == "abc" and len(env.objects) == 4
    assert parse_envelope({}).objects == ()
    with pytest.raises(StixError) as caught:
        parse_envelope({"more": "yes"})
    assert caught.value.field == "more"
    with pytest.raises(StixError) as caught:
        parse_envelope({"objects": {"type": "indicator"}})
    assert caught.value.field == "objects"


def test_load_json_bounds_and_errors():
    assert load_json(b'{"a": 1}') == {"a": 1}
    with pytest.raises(StixError) as caught:
        load_json(b"{" * 10, max_bytes=5)
    assert caught.value.field == "body"
    with pytest.raises(StixError, match="not JSON"):
        load_json(b"{nope")
    with pytest.raises(StixError, match="not JSON"):
        load_json("[" * 100_000 + "]" * 100_000)


def test_timestamps_parse_strictly():
    assert parse_time("2025-03-01T08:30:15Z").microsecond == 0
    assert parse_time("2025-03-01T08:30:15.123456789Z").microsecond == 123456
    for bad in ("2025-03-01T08:30:15", "2025-03-01t08:30:15Z", "2025-03-01T08:30:15+07:00", "2025-13-01T00:00:00Z"):
        with pytest.raises(ValueError):
            parse_time(bad)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(range(7)), st.data())
def test_any_damage_to_any_object_is_a_stix_error_or_harmless(make, which, data):
    objs = wire([
        stix.sco_object(make.indicator("bank_account")),
        stix.indicator_object(make.node, make.indicator()),
        stix.relationship_object(make.node, make.indicator()),
        stix.sighting_object(make.node, make.indicator()),
        stix.grouping_object(make.node, make.network()),
        stix.note_object(make.node, make.report()),
        stix.identity_object(make.node),
    ])
    obj = objs[which]
    key = data.draw(st.sampled_from(sorted(obj) + ["extensions", "revoked", "confidence"]))
    obj[key] = data.draw(json_values)
    if isinstance(obj.get("extensions"), dict) and obj["extensions"]:
        ext_id = next(iter(obj["extensions"]))
        if isinstance(obj["extensions"][ext_id], dict):
            field = data.draw(st.sampled_from(["kind", "countries", "loss_usd", "network_id", "country", "cross_border"]))
            obj["extensions"][ext_id][field] = data.draw(json_values)
    try:
        parse_object(obj)
    except StixError:
        pass


def test_nan_and_infinity_are_not_json():
    for text in ("NaN", '{"loss_usd": Infinity}'):
        with pytest.raises(StixError, match="not JSON"):
            load_json(text)
