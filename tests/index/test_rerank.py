"""The learned reranker's artifact: checked like the model, and scoring as its weights say."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from index.errors import RankerError
from index.features import FEATURE_NAMES
from index.rerank import ARTIFACT, ARTIFACT_SHA256, Ranker, load_ranker


def ranker(coef: list[float]) -> Ranker:
    n = len(FEATURE_NAMES)
    return Ranker(FEATURE_NAMES, np.zeros(n, np.float32), np.ones(n, np.float32), np.array(coef, np.float32), 0.0)


def test_shipped_artifact_loads_and_matches_its_recorded_checksum() -> None:
    assert hashlib.sha256(ARTIFACT.read_bytes()).hexdigest() == ARTIFACT_SHA256
    loaded = load_ranker()
    assert loaded.features == FEATURE_NAMES and np.isfinite(loaded.coef).all()


def test_edited_artifact_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ranker.json"
    data = json.loads(ARTIFACT.read_text())
    data["intercept"] += 1.0
    path.write_text(json.dumps(data))
    with pytest.raises(RankerError, match="checksum"):
        load_ranker(path, ARTIFACT_SHA256)


def test_missing_artifact_is_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(RankerError, match="cannot read") as err:
        load_ranker(tmp_path / "absent.json")
    assert "\n" not in str(err.value)


def test_artifact_with_other_features_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ranker.json"
    data = ranker([0.0] * len(FEATURE_NAMES)).to_json()
    data["features"] = data["features"][:-1]
    path.write_text(json.dumps(data))
    with pytest.raises(RankerError, match="other features"):
        load_ranker(path, None)


def test_round_trip_and_scores_follow_the_weights(tmp_path: Path) -> None:
    coef = [0.0] * len(FEATURE_NAMES)
    coef[FEATURE_NAMES.index("type_match")] = 2.0
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps(ranker(coef).to_json()))
    loaded = load_ranker(path, None)
    rows = np.zeros((2, len(FEATURE_NAMES)), np.float32)
    rows[1, FEATURE_NAMES.index("type_match")] = 1.0
    scores = loaded.scores(rows)
    assert scores[1] - scores[0] == pytest.approx(2.0)
