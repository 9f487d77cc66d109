import json
from collections import Counter
from importlib import resources

from xborder.classify.corpus import type_corpus
from xborder.classify.language import detect_language
from xborder.core.taxonomy import NOT_SCAM, SCAM_TYPES


def test_type_corpus_covers_every_type_in_three_languages():
    examples = type_corpus()
    labels = Counter(e.label for e in examples)
    assert set(labels) == {*SCAM_TYPES, NOT_SCAM}
    assert min(labels.values()) >= 50
    languages = Counter(detect_language(e.text) for e in examples)
    assert set(languages) == {"th", "km", "en"}
    assert languages["km"] >= len(examples) / 4
    for label in SCAM_TYPES:
        spoken = {detect_language(e.text) for e in examples if e.label == label}
        assert spoken == {"th", "km", "en"}, label


def test_type_corpus_has_no_duplicates_and_declared_languages_match_the_script():
    data = resources.files("xborder.classify") / "data"
    records = [json.loads(line) for line in (data / "type_corpus.jsonl").read_text("utf-8").splitlines()]
    assert len({r["text"] for r in records}) == len(records)
    assert all(detect_language(r["text"]) == r["lang"] for r in records)
    assert "Who wrote it" in (data / "PROVENANCE.txt").read_text("utf-8")
