"""The learned second stage: a logistic regression over `index.features`, shipped as a small JSON artifact.

`bench/train_ranker.py` fits it on squad-dev with the first stage's own candidates (fixed seed) and records the
artifact's sha256 below; loading checks it, as the model's checksum is checked, so a stale or edited artifact is
refused instead of silently ranking with other weights. Scoring is a dot product: no learning library at run time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.errors import RankerError
from index.features import FEATURE_NAMES

ARTIFACT = Path(__file__).resolve().parent / "data" / "ranker.json"
ARTIFACT_SHA256 = "47b2dc7b9ae18dee65ff31b60ff9979080c940ead5013ade90e386fb09a2e92c"


@dataclass(frozen=True)
class Ranker:
    """Standardise each feature, then a weighted sum: higher means more likely to hold the answer."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def scores(self, rows: np.ndarray) -> np.ndarray:
        if rows.shape[1] != len(self.features):
            raise RankerError(f"ranker expects {len(self.features)} features, got {rows.shape[1]}")
        return ((rows - self.mean) / self.scale) @ self.coef + self.intercept

    def to_json(self) -> dict:
        return {
            "kind": "logistic-regression",
            "features": list(self.features),
            "mean": [float(x) for x in self.mean],
            "scale": [float(x) for x in self.scale],
            "coef": [float(x) for x in self.coef],
            "intercept": float(self.intercept),
        }

    @classmethod
    def from_json(cls, data: dict) -> Ranker:
        features = tuple(data["features"])
        if features != FEATURE_NAMES:
            raise RankerError("ranker artifact was trained on other features: retrain it with bench/train_ranker.py")
        arrays = [np.asarray(data[k], dtype=np.float32) for k in ("mean", "scale", "coef")]
        if any(a.shape != (len(features),) for a in arrays):
            raise RankerError("ranker artifact is malformed: mean, scale and coef need one value per feature")
        mean, scale, coef = arrays
        return cls(features, mean, np.where(scale > 0, scale, 1.0).astype(np.float32), coef, float(data["intercept"]))


def load_ranker(path: Path = ARTIFACT, sha256: str | None = ARTIFACT_SHA256) -> Ranker:
    """Read and verify a ranker artifact; `sha256=None` skips the check (an artifact just trained)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RankerError(f"cannot read the reranker artifact {path}: {exc.strerror}") from exc
    if sha256 is not None and hashlib.sha256(raw).hexdigest() != sha256:
        raise RankerError(f"reranker artifact {path} fails its checksum: reinstall newsbot or retrain it")
    try:
        return Ranker.from_json(json.loads(raw))
    except (ValueError, KeyError, TypeError) as exc:
        raise RankerError(f"reranker artifact {path} is malformed: {exc}") from exc
