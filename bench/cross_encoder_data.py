#!/usr/bin/env python3
"""Write what `bench/train_cross_encoder.py` trains on: every squad-dev question with its first-stage candidates.

    .venv/bin/python bench/cross_encoder_data.py --out .ce      # a few minutes once the squad index is cached

Each of squad-dev's 5,575 questions is asked of the squad-dev index with the shipped search settings; the first
stage's top `--depth` candidates (the reranker's hard negatives) are kept with their fused score and whether the
passage holds an answer string, and each question carries its article's fold (`bench/_cv.py`: 4 folds by
article, fixed seed) so that training can hold a fold out. Passages are stored once, as the cross-encoder reads
them (title, then text). `--model-out` also writes a float16 copy of the packaged model's folder, small enough to
carry to a GPU machine (the trainer upcasts it to float32), naming the packaged weights' sha256 in `source.sha256`
so that the artifact trained from it records the model it fits.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))

from _cv import article_folds, squad_first_stage  # noqa: E402
from _engine import load_questions  # noqa: E402
from _util import ROOT, log  # noqa: E402

from index.checksums import file_sha256  # noqa: E402
from index.cross_encoder import SOURCE_SHA256_FILE, WEIGHTS_FILE  # noqa: E402
from index.embed import default_model_path  # noqa: E402
from index.ranking import cross_encoder_text  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
BUNDLE = "bundle.json.gz"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--squad", type=Path, default=SHARED / "squad-dev")
    p.add_argument("--work", type=Path, default=Path("/tmp/newsbot-bench"), help="the bench's cache of indexes")
    p.add_argument("--out", type=Path, required=True, help="folder for bundle.json.gz")
    p.add_argument("--depth", type=int, default=30, help="first-stage candidates kept per question")
    p.add_argument("--model-out", type=Path, help="also write a float16 copy of the packaged model here")
    args = p.parse_args(argv)

    first = squad_first_stage(args.work, args.squad)
    loaded, searcher = first.loaded, first.searcher
    questions = load_questions(args.squad / "questions.jsonl")
    folds = article_folds(questions)
    passages = loaded.contents.passages
    titles = {aid: meta.title for aid, meta in loaded.contents.articles.items()}
    slot: dict[int, int] = {}
    texts: list[str] = []
    rows = []
    log(f"first stage of {len(questions)} questions, top {args.depth} ...")
    for n, q in enumerate(questions):
        stage = searcher.first_stage(q.question)
        head = stage.candidates[: args.depth]
        refs = []
        for c in head:
            if c.index not in slot:
                slot[c.index] = len(texts)
                texts.append(cross_encoder_text(titles[c.article_id], passages[c.index].text))
            refs.append(slot[c.index])
        labels = [int(any(a in passages[c.index].text for a in q.answers)) for c in head]
        rows.append({
            "id": q.id, "question": q.question, "fold": folds[q.article or ""], "cands": refs,
            "first": [round(c.score, 5) for c in head], "labels": labels,
        })  # fmt: skip
        if n % 500 == 0:
            log(f"  {n}/{len(questions)}")
    first.save_vectors()
    args.out.mkdir(parents=True, exist_ok=True)
    bundle = {"depth": args.depth, "folds": max(folds.values()) + 1, "passages": texts, "questions": rows}
    with gzip.open(args.out / BUNDLE, "wt", encoding="utf-8") as handle:
        json.dump(bundle, handle)
    answered = sum(any(r["labels"]) for r in rows)
    log(f"wrote {args.out / BUNDLE}: {len(rows)} questions ({answered} with an answer in the top {args.depth}),"
        f" {len(texts)} passages")  # fmt: skip
    if args.model_out:
        write_half_model(first.settings.model.path or default_model_path(), args.model_out)
    return 0


def write_half_model(source: Path, dest: Path) -> None:
    """The model folder with its weights in float16: half the bytes to carry; the trainer upcasts them."""
    from safetensors.torch import load_file, save_file

    dest.mkdir(parents=True, exist_ok=True)
    for name in ("config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt"):
        shutil.copyfile(source / name, dest / name)
    weights = {k: v.half().contiguous() for k, v in load_file(str(source / WEIGHTS_FILE)).items()}
    save_file(weights, str(dest / WEIGHTS_FILE), metadata={"format": "pt"})
    (dest / SOURCE_SHA256_FILE).write_text(file_sha256(source / WEIGHTS_FILE) + "\n", encoding="utf-8")
    log(f"wrote a float16 copy of {source} to {dest}")


if __name__ == "__main__":
    raise SystemExit(main())
