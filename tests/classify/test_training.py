import json

import pytest

from xborder.classify import evaluate, read_metrics, registry, train
from xborder.classify.corpus import analyst_labels, check_shared_dir, type_corpus
from xborder.classify.split import is_held_out
from xborder.classify.text import normalise
from xborder.core.taxonomy import NOT_SCAM, SCAM_TYPES

from .conftest import SEED


def _held_out_model(trained_registry):
    registry_dir, info = trained_registry
    return registry.load_version(info.version, registry_dir)


def test_trained_model_separates_held_out_scams_from_legitimate_messages(trained_registry):
    model = _held_out_model(trained_registry)
    held_out = [e for e in type_corpus() if is_held_out(e.text, SEED)]
    probability = {e.text: model.predict(normalise(e.text), frozenset()).scam_probability for e in held_out}
    scam = [probability[e.text] for e in held_out if e.is_scam]
    legit = [probability[e.text] for e in held_out if not e.is_scam]
    assert len(scam) > 100 and len(legit) > 5
    assert sum(p >= 0.5 for p in scam) / len(scam) > 0.9
    # Trained on the package corpus alone (about 90 legitimate messages), the
    # threshold is loose but the ranking must hold: a random held-out scam
    # scores above a random legitimate message nearly always.
    ranked_right = sum(s > g for s in scam for g in legit) / (len(scam) * len(legit))
    assert ranked_right > 0.88


def test_trained_model_names_held_out_scam_types(trained_registry):
    model = _held_out_model(trained_registry)
    typed = [e for e in type_corpus() if e.has_type and is_held_out(e.text, SEED)]
    right = 0
    for example in typed:
        scores = model.predict(normalise(example.text), frozenset()).type_scores
        right += max(scores, key=scores.get) == example.label
    # 13 classes: chance is under 8%.
    assert right / len(typed) > 0.7


def test_training_records_a_version_with_metrics(trained_registry, no_shared_dir):
    registry_dir, info = trained_registry
    assert info.seed == SEED
    assert info.shared_data is None
    assert set(info.sources) == {"type_corpus"}
    metrics = read_metrics(info.version, registry_dir)
    json.dumps(metrics)
    scam = metrics["scam"]["all"]
    assert set(scam["per_class"]) == {"scam", NOT_SCAM}
    assert {"precision", "recall", "f1", "support"} <= set(scam["per_class"]["scam"])
    matrix = scam["confusion_matrix"]["matrix"]
    assert sum(map(sum, matrix)) == scam["count"] == info.sources["type_corpus"]["held_out"]
    types = metrics["type"]["type_head"]
    assert set(types["per_class"]) == set(SCAM_TYPES)
    assert len(types["confusion_matrix"]["matrix"]) == len(SCAM_TYPES)
    assert metrics["keyword_baseline"]["type"]["type_head"]["macro_f1"] < types["macro_f1"]
    assert "no shared data" in metrics["data"]["description"]


def test_evaluate_reproduces_the_recorded_metrics(trained_registry, no_shared_dir):
    registry_dir, info = trained_registry
    again = evaluate(info.version, registry_dir=registry_dir, shared_dir=no_shared_dir)
    recorded = read_metrics(info.version, registry_dir)
    assert again["scam"] == recorded["scam"]
    assert again["type"] == recorded["type"]
    json.dumps(again)


def test_same_data_and_seed_give_the_same_model(trained_registry, no_shared_dir, tmp_path):
    _, first = trained_registry
    second = train(out_dir=tmp_path, seed=SEED, shared_dir=no_shared_dir)
    assert second.sha256 == first.sha256
    assert second.path.read_bytes() == first.path.read_bytes()


def test_analysts_labels_are_trained_on_and_checked(no_shared_dir, tmp_path):
    extra = [("Bingo night at the pagoda, bring snacks!", NOT_SCAM)] * 3 + [
        ("Send 5 USDT to claim the mining airdrop", "investment")
    ]
    info = train(extra, out_dir=tmp_path, seed=SEED, shared_dir=no_shared_dir, activate=False)
    assert sum(info.sources["analyst"].values()) == 4
    with pytest.raises(ValueError, match="unknown label"):
        analyst_labels([("some text", "spam")])


def test_shared_data_directory_is_checked(tmp_path):
    assert check_shared_dir(tmp_path) is None
    for name in ("thai_sms.csv", "uci_sms_spam.csv"):
        (tmp_path / name).write_text("label,text\n", encoding="utf-8")
    assert check_shared_dir(tmp_path) is None
    (tmp_path / "thai_scam_calls.jsonl").write_text("", encoding="utf-8")
    assert check_shared_dir(tmp_path) == tmp_path


@pytest.mark.skipif(check_shared_dir() is None, reason="shared/data corpora not present")
def test_builtin_model_separates_held_out_thai_sms():
    builtin = registry.builtin_info()
    assert builtin is not None
    metrics = evaluate(builtin.version)
    thai = metrics["scam"]["thai_sms"]
    assert thai["count"] > 150
    assert thai["scam_f1"] > 0.85
    assert metrics["summary"]["baseline_thai_sms_scam_f1"] < thai["scam_f1"]
