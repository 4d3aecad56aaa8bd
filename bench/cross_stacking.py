#!/usr/bin/env python3
"""Does a learned combination of the cross-encoder with the ranking features beat one fixed weight? (issue 10)

    .venv/bin/pip install -e '.[bench]'            # scikit-learn
    .venv/bin/python bench/cross_stacking.py       # about a minute once the squad index is cached

For the bench's 2,000 squad-dev questions (seed 0), the shipped first stage's top 10 candidates, their ranking
features (`index/features.py`) and the cross-encoder's out-of-fold scores (`bench/cross_encoder_oof.json.gz`).
Each ordering of the first `depth` candidates is scored by whether its first passage holds an answer, on the
'choose' folds (0-1) and the 'report' folds (2-3) of `bench/_cv.py`. A logistic regression over the features
and the cross-encoder's score is trained on 3 folds and ranks the 4th, so every figure is out of fold; the
fixed weights beside it are what `search.cross_encoder_weight` does. Passage-level figures: the bench's hit@1
also depends on sentence choice and the per-article cap, so they sit a little above its lever table.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))

from _cross_oof import OutOfFoldScores  # noqa: E402
from _cv import FOLDS, SEED, article_folds, collect, squad_first_stage  # noqa: E402
from _engine import load_questions, sample  # noqa: E402
from _util import ROOT, log, out, table  # noqa: E402

from index.ranking import cross_encoder_text  # noqa: E402

DEPTH = 10
Order = Callable[["Head", int], np.ndarray]


@dataclass(frozen=True)
class Head:
    """One question's first `DEPTH` candidates."""

    fold: int
    first: np.ndarray  # the first stage's scores
    cross: np.ndarray  # the cross-encoder's out-of-fold scores
    rows: np.ndarray  # ranking features
    labels: np.ndarray  # whether each passage holds an answer


def heads(work: Path, squad: Path, n: int) -> list[Head]:
    first = squad_first_stage(work, squad)
    questions = sample(load_questions(squad / "questions.jsonl"), n, SEED)
    data = collect(first.searcher, questions, features=True)
    first.save_vectors()
    oof = OutOfFoldScores([(q.id, q.question) for q in questions])
    folds = article_folds(questions)
    searcher = first.searcher
    found: dict[str, Head] = {}
    for q in questions:
        stage = data.stages[q.question]
        cands = stage.candidates[:DEPTH]
        if q.question in found or not cands:
            continue
        texts = [cross_encoder_text(searcher._titles[c.article_id], searcher._passages[c.index].text) for c in cands]
        found[q.question] = Head(
            folds[q.article or ""],
            np.array([c.score for c in cands]),
            oof.scores(q.question, texts).astype(np.float64),
            data.rows[q.question][: len(cands)].astype(np.float64),
            data.labels[q.question][: len(cands)],
        )
    oof.report()
    return list(found.values())


def hit_at_1(order: Order, depth: int, subset: Sequence[Head]) -> float:
    return float(np.mean([h.labels[order(h, min(depth, len(h.labels)))[0]] for h in subset]))


def fixed(weight: float) -> Order:
    return lambda h, d: np.argsort(-(h.first[:d] + weight * h.cross[:d]), kind="stable")


def columns(h: Head, d: int, extra: bool) -> np.ndarray:
    cols = [h.rows[:d], h.cross[:d, None]]
    if extra:  # each score against the head's best, and the cross-encoder's own rank
        cols += [
            (h.cross[:d] - h.cross[:d].max())[:, None],
            (h.first[:d] - h.first[:d].max())[:, None],
            np.arange(d, dtype=np.float64)[:, None],
            np.argsort(np.argsort(-h.cross[:d]))[:, None].astype(np.float64),
        ]
    return np.hstack(cols)


def stacked(all_heads: Sequence[Head], depth: int, extra: bool) -> Order:
    from sklearn.linear_model import LogisticRegression

    models = {}
    for fold in range(FOLDS):
        train = [h for h in all_heads if h.fold != fold and h.labels[:depth].any()]
        x = np.vstack([columns(h, min(depth, len(h.labels)), extra) for h in train])
        y = np.concatenate([h.labels[:depth] for h in train])
        mean, scale = x.mean(0), x.std(0)
        scale[scale == 0] = 1.0
        model = LogisticRegression(C=1.0, max_iter=3000, random_state=SEED).fit((x - mean) / scale, y)
        models[fold] = (model, mean, scale)

    def order(h: Head, d: int) -> np.ndarray:
        model, mean, scale = models[h.fold]
        return np.argsort(-model.decision_function((columns(h, d, extra) - mean) / scale), kind="stable")

    return order


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--squad", type=Path, default=ROOT.parent / "shared" / "data" / "squad-dev")
    p.add_argument("--work", type=Path, default=Path("/tmp/newsbot-bench"), help="the bench's cache of indexes")
    p.add_argument("--sample", type=int, default=2000, help="squad-dev questions (fixed seed); 0 = all")
    args = p.parse_args(argv)

    found = heads(args.work, args.squad, args.sample)
    halves = {"choose": [h for h in found if h.fold < FOLDS // 2], "report": [h for h in found if h.fold >= FOLDS // 2]}
    log(f"{len(found)} questions; training the stacked rankers ...")
    systems: list[tuple[str, Callable[[int], Order]]] = [
        ("first stage", lambda d: fixed(0.0)),
        *((f"first + {w:g} x cross-encoder", lambda d, w=w: fixed(w)) for w in (0.02, 0.05, 0.1)),
        ("cross-encoder alone", lambda d: fixed(1000.0)),
        ("LR: features + cross-encoder", lambda d: stacked(found, d, extra=False)),
        ("LR: ... + gaps and ranks", lambda d: stacked(found, d, extra=True)),
    ]
    rows = []
    for name, make in systems:
        for depth in (3, 5, 10):
            order = make(depth)
            rows.append([name, depth, *(f"{hit_at_1(order, depth, halves[k]):.3f}" for k in ("choose", "report"))])
    out(f"squad-dev, {len(found)} questions: the first passage holds an answer (out of fold)")
    out(table(["ordering of the first stage's top candidates", "depth", "choose", "report"], rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
