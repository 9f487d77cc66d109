"""The labelled corpus: each case asserts the exact set of (kind, value) pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xborder.extract import canonicalize, extract

CORPUS = Path(__file__).with_name("corpus.jsonl")
CASES = [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]


def test_corpus_size_and_languages():
    langs = [case["lang"] for case in CASES]
    assert len(CASES) >= 300
    assert langs.count("th") >= 60
    assert langs.count("km") >= 40
    assert len({case["id"] for case in CASES}) == len(CASES)
    assert sum(not case["expect"] for case in CASES) >= 50  # negatives: nothing to find


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case):
    got = {(i.kind, i.value) for i in extract(case["text"], case["country"])}
    assert got == {tuple(pair) for pair in case["expect"]}


@pytest.mark.parametrize("case", [c for c in CASES if c["expect"]], ids=[c["id"] for c in CASES if c["expect"]])
def test_expected_values_are_canonical(case):
    for kind, value in case["expect"]:
        assert canonicalize(kind, value, case["country"]) == value
