from __future__ import annotations

import json
from importlib import resources

import pytest

from xborder.extract import detect, extract, warninglist_match
from xborder.extract.warninglists import parse_warninglist, warninglists


def test_every_bundled_list_loads_and_has_entries():
    lists = warninglists()
    names = {wl.name for wl in lists}
    assert {"th-official-hotlines", "kh-official-hotlines", "bank-call-centres", "th-official-domains",
            "kh-official-domains", "platform-domains", "url-shorteners"} <= names
    assert all(wl.values for wl in lists)
    folder = resources.files("xborder.extract").joinpath("data/warninglists")
    for item in folder.iterdir():
        if item.name.endswith(".json"):
            assert json.loads(item.read_text("utf-8"))["name"] + ".json" == item.name


@pytest.mark.parametrize(
    ("kind", "value", "listed"),
    [
        ("phone", "1441", "th-official-hotlines"),
        ("phone", "191", "th-official-hotlines"),
        ("phone", "1599", "th-official-hotlines"),
        ("phone", "1333", "bank-call-centres"),
        ("phone", "117", "kh-official-hotlines"),
        ("phone", "+6628888888", "bank-call-centres"),
        ("phone", "+6621111111", "bank-call-centres"),
        ("phone", "+6621111112", None),
        ("domain", "bit.ly", "url-shorteners"),
        ("domain", "www.kasikornbank.com", "th-official-domains"),
        ("domain", "thaipoliceonline.go.th", "th-official-domains"),
        ("domain", "nbc.gov.kh", "kh-official-domains"),
        ("domain", "kasikornbank.com.verify-th.net", None),
        ("domain", "line.me", "platform-domains"),
        ("url", "https://www.kasikornbank.com/th/", "th-official-domains"),
        ("url", "https://bit.ly/abc", None),
        ("url", "https://www.facebook.com/scam.page", None),
        ("email", "a@gmail.com", None),
    ],
)
def test_warninglist_match(kind, value, listed):
    assert warninglist_match(kind, value) == listed


def test_listed_values_are_still_extracted_and_marked():
    found = extract("ติดต่อ KBank 02-888-8888 หรือ https://bit.ly/x1 หรือเว็บ www.kasikornbank.com")
    marks = {(i.kind, i.value): i.warninglist for i in found}
    assert marks == {
        ("phone", "+6628888888"): "bank-call-centres",
        ("url", "https://bit.ly/x1"): None,
        ("domain", "bit.ly"): "url-shorteners",
        ("domain", "www.kasikornbank.com"): "th-official-domains",
    }


def test_short_codes_are_not_indicators_but_are_listed():
    assert extract("แจ้ง 1441 หรือ 191") == []
    assert detect("1441") is None
    assert warninglist_match("phone", "๑๔๔๑") == "th-official-hotlines"


def test_bad_list_documents_are_refused():
    good = {"name": "x", "description": "d", "version": 1, "kind": "domain", "match": "hostname",
            "entries": [{"value": "example.com"}]}
    assert parse_warninglist(good, "x.json").values == frozenset({"example.com"})
    with pytest.raises(ValueError, match="missing"):
        parse_warninglist({"name": "x"}, "x.json")
    with pytest.raises(ValueError, match="kind"):
        parse_warninglist({**good, "kind": "bank_account"}, "x.json")
    with pytest.raises(ValueError, match="exact"):
        parse_warninglist({**good, "kind": "phone"}, "x.json")
    with pytest.raises(ValueError, match="host name"):
        parse_warninglist({**good, "entries": [{"value": "not a host"}]}, "x.json")
    with pytest.raises(ValueError, match="phone"):
        parse_warninglist({**good, "kind": "phone", "match": "exact", "entries": [{"value": "02 12"}]}, "x.json")
