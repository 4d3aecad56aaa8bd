#!/usr/bin/env python3
"""Train the shipped reranker (`index/data/ranker.json`) and record its checksum in `index/rerank.py`.

    .venv/bin/pip install -e '.[bench]'          # scikit-learn, for training only
    .venv/bin/python bench/train_ranker.py       # about a minute or two after the squad index is cached

A fixed sample of squad-dev questions (2,000, seed 0: the bench's `--cv-sample`) is asked of the squad-dev index
with the shipped search settings; the first stage's top `rerank_depth` candidates are the training rows (its
hard negatives), labelled by whether the passage holds an answer string. A logistic regression (fixed C and
seed, see `bench/_cv.py`) is fitted on all of them. Its
cross-validated figures, and the Wikinews held-out ones, come from `bench/run.py --only quality`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))

from _cv import collect, squad_first_stage, train_ranker  # noqa: E402
from _engine import load_questions, sample  # noqa: E402
from _util import ROOT, log  # noqa: E402

from index.rerank import ARTIFACT  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--squad", type=Path, default=SHARED / "squad-dev")
    p.add_argument("--work", type=Path, default=Path("/tmp/newsbot-bench"), help="the bench's cache of indexes")
    p.add_argument("--out", type=Path, default=ARTIFACT)
    p.add_argument("--sample", type=int, default=2000, help="squad-dev questions trained on (fixed seed); 0 = all")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)

    first = squad_first_stage(args.work, args.squad)
    questions = sample(load_questions(args.squad / "questions.jsonl"), args.sample, args.seed)
    log(f"first stage and features of {len(questions)} questions ...")
    data = collect(first.searcher, questions, features=True)
    first.save_vectors()
    ranker = train_ranker(list(data.rows.values()), list(data.labels.values()))
    text = json.dumps(ranker.to_json(), indent=1) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if args.out == ARTIFACT:
        source = ROOT / "index" / "rerank.py"
        code = re.sub(r'ARTIFACT_SHA256 = "[0-9a-f]*"', f'ARTIFACT_SHA256 = "{digest}"', source.read_text())
        source.write_text(code, encoding="utf-8")
    weights = ", ".join(f"{n} {c:+.2f}" for n, c in zip(ranker.features, ranker.coef, strict=True))
    log(f"wrote {args.out} (sha256 {digest}); standardised weights: {weights}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
