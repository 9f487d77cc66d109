import gzip

import numpy as np
import pytest

from xborder.classify import modelfile
from xborder.classify.features import EXTRA_FEATURES
from xborder.classify.model import ModelArrays, TrainedModel
from xborder.core.taxonomy import SCAM_TYPES


def _arrays(scale=1.0):
    vocabulary = ["ab", "bc", "คา"]
    rows = len(vocabulary) + len(EXTRA_FEATURES)
    rng = np.random.default_rng(0)
    return ModelArrays(
        vocabulary=vocabulary,
        idf=np.ones(3),
        ngram_range=(2, 2),
        weights=scale * rng.normal(size=(rows, 1 + len(SCAM_TYPES))),
        intercepts=np.zeros(1 + len(SCAM_TYPES)),
        type_labels=list(SCAM_TYPES),
        meta={"seed": 1},
    )


def test_round_trip_gives_the_same_predictions(tmp_path):
    content = modelfile.to_bytes(_arrays())
    path = tmp_path / modelfile.FILE_NAME
    modelfile.write(path, content)
    original = TrainedModel(_arrays(), "a").predict("abคา", frozenset())
    loaded = modelfile.load(path, "a").predict("abคา", frozenset())
    assert loaded == original


def test_same_arrays_give_the_same_bytes_and_different_ones_do_not():
    assert modelfile.to_bytes(_arrays()) == modelfile.to_bytes(_arrays())
    assert modelfile.to_bytes(_arrays()) != modelfile.to_bytes(_arrays(scale=2.0))


@pytest.mark.parametrize(
    "content",
    [b"", b"not gzip at all", gzip.compress(b"gzip but not a zip archive")],
)
def test_garbage_is_rejected(content):
    with pytest.raises(ValueError):
        modelfile.read_arrays(content)


def test_mismatched_arrays_are_rejected():
    arrays = _arrays()
    broken = ModelArrays(
        arrays.vocabulary, arrays.idf, arrays.ngram_range, arrays.weights[:-1],
        arrays.intercepts, arrays.type_labels,
    )
    with pytest.raises(ValueError):
        modelfile.read_arrays(modelfile.to_bytes(broken))
