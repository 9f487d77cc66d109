import pytest

from xborder.classify import active_version, classify_text, list_versions, registry, use_version
from xborder.classify.keywords import VERSION as KEYWORDS_VERSION


def test_empty_registry_serves_the_builtin_model(tmp_path):
    builtin = registry.builtin_info()
    assert builtin is not None and builtin.builtin
    assert active_version(tmp_path) == builtin.version
    assert [info.version for info in list_versions(tmp_path)] == [builtin.version]


def test_new_version_is_listed_and_active_and_rollback_works(trained_registry, tmp_path):
    source_dir, trained = trained_registry
    builtin = registry.builtin_info()
    content = trained.path.read_bytes()
    first = registry.add_version(tmp_path, content, {"seed": 1}, {"summary": {}})
    second = registry.add_version(tmp_path, content, {"seed": 2}, {"summary": {}})
    assert first.version != second.version
    assert [i.version for i in list_versions(tmp_path)] == [builtin.version, first.version, second.version]

    use_version(second.version, tmp_path)
    assert active_version(tmp_path) == second.version
    use_version(first.version, tmp_path)
    assert active_version(tmp_path) == first.version
    use_version(builtin.version, tmp_path)
    assert active_version(tmp_path) == builtin.version


@pytest.mark.parametrize("bad", ["no-such-version", "../escape", ""])
def test_unknown_version_cannot_be_activated(tmp_path, bad):
    with pytest.raises(ValueError, match="unknown model version"):
        use_version(bad, tmp_path)
    assert active_version(tmp_path) == registry.builtin_info().version


def test_classify_text_serves_the_active_version(trained_registry, served_registry):
    registry_dir, trained = trained_registry
    builtin = registry.builtin_info()
    served_registry(registry_dir)
    use_version(trained.version, registry_dir)
    assert classify_text("hello").model_version == trained.version
    use_version(builtin.version, registry_dir)
    assert classify_text("hello").model_version == builtin.version
    use_version(trained.version, registry_dir)


def test_broken_model_file_falls_back_instead_of_failing(trained_registry, tmp_path, served_registry):
    _, trained = trained_registry
    info = registry.add_version(tmp_path, trained.path.read_bytes(), {"seed": 1}, {"summary": {}})
    use_version(info.version, tmp_path)
    info.path.write_bytes(b"truncated")
    served_registry(tmp_path)
    result = classify_text("บาคาร่า สล็อต เครดิตฟรี")
    assert result.model_version in (registry.builtin_info().version, KEYWORDS_VERSION)
    assert result.scam_type == "gambling"


def test_without_any_model_the_keyword_classifier_answers(monkeypatch, tmp_path, served_registry):
    monkeypatch.setattr(registry, "builtin_info", lambda: None)
    served_registry(tmp_path)
    assert active_version(tmp_path) is None
    result = classify_text("บาคาร่า สล็อต เครดิตฟรี ถอนไว")
    assert result.model_version == KEYWORDS_VERSION
    assert result.scam_type == "gambling"
