from datetime import datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xborder.core.indicators import KINDS
from xborder.core.taxonomy import TLP_LEVELS
from xborder.share import markings
from xborder.share.policy import (
    Agreement,
    allows_export,
    allows_import,
    allows_narratives,
    allows_tlp,
    effective_tlp,
    export_kinds,
    export_tlps,
    format_kinds,
    parse_kinds,
    retention_cutoff,
)

agreements = st.builds(
    Agreement,
    kinds=st.frozensets(st.sampled_from(KINDS)),
    tlp_max=st.sampled_from(TLP_LEVELS),
    min_confidence=st.integers(0, 100),
    narratives=st.sampled_from(["none", "redacted"]),
    retention_days=st.integers(1, 3650),
    suspended=st.booleans(),
    revoked=st.booleans(),
)


def open_agreement(**changes):
    fields = dict(kinds=frozenset(KINDS), tlp_max="red", min_confidence=0, narratives="redacted")
    fields.update(changes)
    return Agreement(**fields)


@given(agreements, st.sampled_from(KINDS), st.integers(0, 100))
def test_tlp_red_and_national_ids_never_cross(agreement, kind, confidence):
    assert not allows_export(agreement, kind, "red", confidence)
    assert not allows_import(agreement, kind, "red")
    assert not allows_tlp(agreement, "TLP:RED")
    assert "red" not in export_tlps(agreement)
    assert not allows_export(agreement, "national_id", "clear", confidence)
    assert not allows_import(agreement, "national_id", "clear")


@given(agreements, st.sampled_from(KINDS), st.sampled_from(TLP_LEVELS), st.integers(0, 100))
def test_export_follows_kinds_ceiling_confidence_and_the_switches(agreement, kind, tlp, confidence):
    expected = (
        not agreement.suspended
        and not agreement.revoked
        and kind in agreement.kinds
        and kind != "national_id"
        and tlp != "red"
        and markings.tlp_rank(tlp) <= markings.tlp_rank(agreement.tlp_max)
        and confidence >= agreement.min_confidence
    )
    assert allows_export(agreement, kind, tlp, confidence) is expected
    # the SQL filters say the same as the per-object rule
    assert (kind in export_kinds(agreement) and tlp in export_tlps(agreement)
            and confidence >= agreement.min_confidence) is expected


def test_allowed_and_denied_side_by_side():
    a = Agreement(kinds=frozenset({"phone", "bank_account"}), tlp_max="amber", min_confidence=50)
    assert allows_export(a, "phone", "amber", 50)
    assert not allows_export(a, "phone", "amber", 49)
    assert not allows_export(a, "phone", "amber+strict", 90)
    assert not allows_export(a, "url", "clear", 90)
    assert export_tlps(a) == ("clear", "green", "amber")
    assert export_kinds(a) == ("phone", "bank_account")
    assert not allows_narratives(a)
    paused = Agreement(kinds=a.kinds, tlp_max="amber", min_confidence=50, suspended=True)
    assert not allows_export(paused, "phone", "clear", 100)
    assert export_tlps(paused) == () and export_kinds(paused) == ()
    assert not allows_import(paused, "phone", "clear")
    assert allows_import(a, "phone", "green") and allows_import(a, "phone", None)
    assert not allows_import(a, "url", "green")
    assert allows_narratives(open_agreement())
    assert not allows_narratives(open_agreement(revoked=True))


def test_unmarked_partner_objects_count_as_amber():
    assert effective_tlp(None) == "amber"
    green_only = Agreement(kinds=frozenset({"phone"}), tlp_max="green", min_confidence=0)
    assert not allows_import(green_only, "phone", None)
    assert allows_import(green_only, "phone", "green")


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"kinds": frozenset({"fax"})}, "kinds"),
        ({"tlp_max": "purple"}, "tlp_max"),
        ({"min_confidence": 101}, "min_confidence"),
        ({"min_confidence": True}, "min_confidence"),
        ({"narratives": "full"}, "narratives"),
        ({"retention_days": 0}, "retention_days"),
    ],
)
def test_bad_agreements_are_refused_naming_the_field(changes, field):
    with pytest.raises(ValueError, match=f"^{field}:"):
        open_agreement(**changes)


def test_kinds_storage_form_round_trips():
    kinds = parse_kinds(" url, phone ,,ussd")
    assert kinds == frozenset({"url", "phone", "ussd"})
    assert format_kinds(kinds) == "phone,url,ussd"
    assert parse_kinds(format_kinds(kinds)) == kinds
    assert parse_kinds("") == frozenset()
    with pytest.raises(ValueError, match="kinds"):
        parse_kinds("phone,fax")


def test_retention_cutoff():
    now = datetime(2025, 6, 30, tzinfo=timezone.utc)
    assert retention_cutoff(open_agreement(retention_days=30), now) == datetime(2025, 5, 31, tzinfo=timezone.utc)


def test_tlp_levels_rank_and_spellings():
    assert markings.levels_up_to("amber") == ("clear", "green", "amber")
    assert markings.most_restrictive(["green", "amber+strict", "amber"]) == "amber+strict"
    assert markings.check_tlp("TLP:WHITE") == "clear"
    assert markings.check_tlp(" Amber+Strict ") == "amber+strict"
    assert markings.misp_tag("amber+strict") == "tlp:amber+strict"
    assert markings.tlp_of_refs([markings.marking_id("green"), markings.marking_id("red"), "marking-definition--x"]) == "red"
    assert markings.tlp_of_refs(["marking-definition--x"]) is None
    with pytest.raises(ValueError):
        markings.most_restrictive([])
    with pytest.raises(ValueError):
        markings.check_tlp("purple")
