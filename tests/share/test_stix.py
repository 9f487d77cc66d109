import json
import re
from dataclasses import replace
from datetime import timedelta, timezone
from pathlib import Path

import jsonschema
import pytest
import stix2
from hypothesis import given
from hypothesis import strategies as st
from stix2patterns.validator import run_validator
from stix2validator import ValidationOptions, validate_instance, validate_string

from xborder.share import extensions, markings, stix
from xborder.share.timestamps import parse_time, stix_time
from xborder.share.vocab import NEW_SCO_EXTENSIONS, TLP_MARKING_IDS

REFERENCE = Path(__file__).parent / "reference"
SAMPLE_NAMES = [
    "phone", "url", "domain", "email", "ipv4", "ipv6", "bank_account", "iban",
    "promptpay", "crypto_wallet", "line_id", "telegram", "ussd",
]


def errors_of(obj):
    result = validate_instance(obj, ValidationOptions())
    return [str(e) for e in result.errors]


def everything(make):
    objs = [stix.identity_object(make.node), *extensions.reference_objects("https://th.xborder.example")]
    for name in SAMPLE_NAMES:
        objs += stix.indicator_objects(make.node, make.indicator(name))
    objs += stix.indicator_objects(make.node, make.indicator("domain", revoked=True, scam_types=(), countries=()))
    objs.append(stix.grouping_object(make.node, make.network()))
    objs.append(stix.note_object(make.node, make.report()))
    objs.append(stix.note_object(make.node, make.report(indicators=(), scam_type=None, province=None)))
    return objs


def test_sample_list_covers_every_exportable_kind(make):
    from xborder.share.vocab import EXPORTABLE_KINDS

    assert {make.samples[n][0] for n in SAMPLE_NAMES} == set(EXPORTABLE_KINDS)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_indicator_objects_match_the_reference_files(make, name):
    built = stix.indicator_objects(make.node, make.indicator(name))
    expected = json.loads((REFERENCE / f"indicator_{name}.json").read_text(encoding="utf-8"))
    assert json.loads(json.dumps(built)) == expected


def test_every_exported_object_passes_the_validator_and_stix2_parse(make):
    objs = everything(make)
    assert {o["type"] for o in objs} >= {
        "identity", "indicator", "relationship", "sighting", "grouping", "note", "marking-definition",
        "extension-definition", "domain-name", "url", "email-addr", "ipv4-addr", "ipv6-addr", *NEW_SCO_EXTENSIONS,
    }
    for obj in objs:
        assert errors_of(obj) == [], obj["id"]
        parsed = stix2.parse(json.dumps(obj), allow_custom=True)
        assert parsed["id"] == obj["id"]


def test_a_bundle_of_everything_passes_the_validator(make):
    text = json.dumps(stix.bundle(everything(make)))
    results = validate_string(text, ValidationOptions())
    assert results.is_valid, [str(e) for e in results.errors]
    assert stix2.parse(text, allow_custom=True)["type"] == "bundle"


def test_a_broken_object_is_caught_by_the_same_validator(make):
    # guards the tests above: the validator does see errors in our objects
    bad = stix.indicator_object(make.node, make.indicator())
    bad["confidence"] = 101
    assert errors_of(bad)


def test_new_sco_objects_and_extensions_follow_the_shipped_schemas(make):
    for name in SAMPLE_NAMES:
        sco = stix.sco_object(make.indicator(name))
        if sco["type"] in NEW_SCO_EXTENSIONS:
            schema = json.loads(extensions.schema_text(sco["type"]))
            jsonschema.Draft202012Validator(schema).validate(sco)
        ind = stix.indicator_object(make.node, make.indicator(name))
        (ext,) = ind["extensions"].values()
        jsonschema.validate(ext, json.loads(extensions.schema_text("xborder-indicator")))
    (ext,) = stix.grouping_object(make.node, make.network())["extensions"].values()
    jsonschema.validate(ext, json.loads(extensions.schema_text("xborder-grouping")))
    (ext,) = stix.note_object(make.node, make.report())["extensions"].values()
    jsonschema.validate(ext, json.loads(extensions.schema_text("xborder-report")))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"extension_type": "property-extension", "kind": "national_id"},
                            json.loads(extensions.schema_text("xborder-indicator")))


def test_ids_are_deterministic_and_survive_a_new_version(make):
    first = stix.indicator_objects(make.node, make.indicator())
    later = stix.indicator_objects(
        make.node, make.indicator(modified=make.t0 + timedelta(days=20), report_count=9, confidence=90)
    )
    assert [o["id"] for o in first] == [o["id"] for o in later]
    assert [o.get("modified") for o in later[1:]] == ["2025-03-21T08:30:15.250Z"] * 3
    assert first[1]["modified"] < later[1]["modified"]
    kh = replace(make.node, country="KH")
    assert stix.indicator_object(kh, make.indicator())["id"] != first[1]["id"]
    # the observable is the same thing whichever node describes it
    assert stix.sco_object(make.indicator())["id"] == first[0]["id"]


def test_stix2_library_computes_the_same_sco_ids(make):
    assert stix.sco_object(make.indicator("domain"))["id"] == stix2.DomainName(value="kbank-verify.top").id
    assert stix.sco_object(make.indicator("url"))["id"] == stix2.URL(value="https://kbank-verify.top/login?u=1").id
    assert stix.sco_object(make.indicator("email"))["id"] == stix2.EmailAddress(value="support@kbank-verify.top").id
    assert stix.sco_object(make.indicator("ipv6"))["id"] == stix2.IPv6Address(value="2001:db8::7").id

    @stix2.v21.CustomObservable("ussd-code", [("value", stix2.properties.StringProperty(required=True))],
                                id_contrib_props=["value"])
    class Ussd:
        pass

    assert stix.sco_object(make.indicator("ussd"))["id"] == Ussd(value="*948*1111*100#").id


def test_timestamps_keep_microseconds_only_when_there_are_some(make):
    ind = stix.indicator_object(make.node, make.indicator())
    assert ind["created"] == "2025-03-01T08:30:15.250Z"
    assert ind["modified"] == "2025-03-10T08:30:15.251500Z"
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.(\d{3}|\d{6})Z", ind[k]) for k in ("created", "modified", "valid_from"))


def test_created_never_follows_modified(make):
    ind = stix.indicator_object(make.node, make.indicator(modified=make.t0 - timedelta(days=1)))
    assert ind["created"] == ind["modified"]


def test_revocation_marking_and_confidence(make):
    ind = stix.indicator_object(make.node, make.indicator(revoked=True, tlp="green", confidence=0))
    assert ind["revoked"] is True
    assert ind["object_marking_refs"] == [TLP_MARKING_IDS["green"]]
    assert ind["confidence"] == 0
    assert "revoked" not in stix.indicator_object(make.node, make.indicator())
    with pytest.raises(ValueError, match="tlp"):
        stix.indicator_object(make.node, make.indicator(tlp="purple"))


def test_patterns_escape_quotes_and_backslashes():
    pattern = stix.pattern_for("url", "http://a.example.com/it's\\x")
    assert pattern == r"[url:value = 'http://a.example.com/it\'s\\x']"
    assert run_validator(pattern) == []
    assert run_validator(stix.pattern_for("phone", "+66812345678")) == []
    assert stix.pattern_for("ip", "2001:db8::7") == "[ipv6-addr:value = '2001:db8::7']"
    assert stix.pattern_for("iban", "DE89370400440532013000") == "[bank-account:iban = 'DE89370400440532013000']"


def test_national_id_has_no_stix_form(make):
    with pytest.raises(KeyError):
        stix.pattern_for("national_id", "1103702091512")
    with pytest.raises(KeyError):
        stix.indicator_objects(make.node, make.indicator(kind="national_id", value="1103702091512"))


def test_grouping_carries_the_network_and_refers_to_its_indicators(make):
    net = make.network()
    grouping = stix.grouping_object(make.node, net)
    assert grouping["context"] == "suspicious-activity"
    assert grouping["object_refs"] == sorted(stix.indicator_id("TH", k, v) for k, v in net.indicators)
    (ext,) = grouping["extensions"].values()
    assert ext == {
        "extension_type": "property-extension", "network_id": 17, "report_count": 12, "loss_usd": 15320.5,
        "cross_border": True, "countries": ["KH", "TH"], "scam_types": ["impersonation"],
    }
    with pytest.raises(ValueError, match="indicators"):
        stix.grouping_object(make.node, make.network(indicators=()))


def test_note_carries_the_redacted_narrative_and_no_reporter(make):
    note = stix.note_object(make.node, make.report())
    assert note["content"] == make.report().narrative
    assert note["object_refs"] == [stix.indicator_id("TH", "phone", "+66812345678")]
    assert note["lang"] == "en"
    alone = stix.note_object(make.node, make.report(indicators=()))
    assert alone["object_refs"] == [stix.identity_id("TH")]


def test_marking_definitions_are_the_oasis_tlp2_objects():
    defs = {m["name"]: m for m in markings.marking_definitions()}
    assert defs["TLP:AMBER+STRICT"] == {
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        "created": "2022-10-01T00:00:00.000Z",
        "name": "TLP:AMBER+STRICT",
        "extensions": {
            "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {
                "extension_type": "property-extension", "tlp_2_0": "amber+strict",
            }
        },
    }
    assert set(defs) == {"TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"}


@given(st.datetimes(timezones=st.sampled_from([timezone.utc, timezone(timedelta(hours=7)), timezone(timedelta(hours=-5))])))
def test_stix_times_round_trip_exactly(at):
    text = stix_time(at)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.(\d{3}|\d{6})Z", text)
    assert parse_time(text) == at
    assert (text[-5:-1].isdigit() and len(text.split(".")[1]) == 7) == bool(at.microsecond % 1000)
