"""The cross-encoder's out-of-fold scores: what the bench uses for every squad-dev figure with the cross-encoder on.

The shipped cross-encoder was trained on all of squad-dev, so asking it squad-dev questions would report figures on
its own training data. `bench/train_cross_encoder.py --cv` instead scores each question's candidates with a model
trained on the other folds' articles; `bench/cross_encoder_oof.json.gz` keeps those scores (by question id and the
sha256 of the passage as the model reads it, so no squad-dev text is copied into the repository), and
`OutOfFoldScores` answers the searcher's `scores(question, passages)` from them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from _util import log

OOF_FILE = Path(__file__).resolve().parent / "cross_encoder_oof.json.gz"
KEPT_DEPTH = 10


def passage_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def write_oof(questions: list[dict], passages: list[str], scores: dict[str, list[float]], meta: dict,
              out: Path = OOF_FILE, depth: int = KEPT_DEPTH) -> None:  # fmt: skip
    """Keep each question's first `depth` candidates' out-of-fold scores, keyed by passage hash."""
    kept = {
        q["id"]: [[passage_key(passages[c]), s] for c, s in zip(q["cands"][:depth], scores[q["id"]], strict=False)]
        for q in questions
        if q["id"] in scores
    }
    with gzip.open(out, "wt", encoding="utf-8") as handle:
        json.dump({**meta, "depth": depth, "scores": kept}, handle, separators=(",", ":"))


class OutOfFoldScores:
    """`scores(question, passages)` from the saved out-of-fold scores of squad-dev questions.

    A passage the file does not hold for that question (the first stage of another setting found it) gets the
    mean of the question's known scores, a neutral value; `missing` counts them so a run can say how many.
    """

    def __init__(self, questions: Iterable[tuple[str, str]], path: Path = OOF_FILE) -> None:
        if not path.is_file():
            raise SystemExit(f"{path} missing: run bench/train_cross_encoder.py --cv (see bench/README.md)")
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
        self.meta = {k: v for k, v in data.items() if k != "scores"}
        by_id = data["scores"]
        self._by_question: dict[str, dict[str, float]] = {}
        for qid, text in questions:
            # Keyed stripped on both sides: some squad-dev questions end in a space, and callers may strip.
            self._by_question.setdefault(text.strip(), {}).update({h: s for h, s in by_id.get(qid, [])})
        self.missing = 0
        self.asked = 0

    def scores(self, question: str, passages: Sequence[str]) -> np.ndarray:
        known = self._by_question.get(question.strip())
        if not known:
            raise KeyError(f"no out-of-fold cross-encoder scores for question {question!r}")
        neutral = float(np.mean(list(known.values())))
        out = []
        for text in passages:
            score = known.get(passage_key(text))
            self.asked += 1
            if score is None:
                self.missing += 1
                score = neutral
            out.append(score)
        return np.array(out, dtype=np.float32)

    def report(self) -> None:
        if self.missing:
            log(f"cross-encoder out-of-fold scores: {self.missing} of {self.asked} passages not in the file (neutral)")
