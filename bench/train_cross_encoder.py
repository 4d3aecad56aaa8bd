#!/usr/bin/env python3
"""Fine-tune the cross-encoder (`index/cross_encoder.py`) on squad-dev, cross-validated and for shipping.

    .venv/bin/python bench/cross_encoder_data.py --out .ce             # the questions and their candidates
    .venv/bin/python bench/train_cross_encoder.py --bundle .ce/bundle.json.gz --layers 6 --cv --final --out .ce/out \
        --oof-out bench/cross_encoder_oof.json.gz --install

Training reads `bundle.json.gz` (every squad-dev question, the first stage's top 30 passages, which hold an
answer, each question's fold) and the packaged MiniLM (`--model`, default the installed package). Each step
takes, per question, one passage that holds an answer and `--negatives` that do not, drawn from the first
stage's own candidates (its hard negatives), and minimises the softmax cross-entropy of the positive within its
group: the model learns to put the answering passage first, which is what the newsroom reads. Word embeddings
stay frozen (the artifact then stores only the rest; see `index/cross_encoder.py`).

`--cv` trains one model per fold on the other folds' questions and writes `oof-L{layers}.json.gz`: each
question's candidate scores from the model that never saw its article (what `bench/run.py --only quality`
uses for the cross-validated figures; `--oof-out` keeps them compactly for the bench). `--final` trains on
every question and writes `ce-L{layers}.safetensors`; `--install` copies it to
`index/data/cross_encoder.safetensors` and records its sha256 in `index/cross_encoder.py`. Seeded (`--seed`).
On an H200 a 6-layer model takes about a minute (4 folds and the final one: 5 minutes); on 2 CPU cores, hours.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import re
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))

import torch  # noqa: E402
from _cross_oof import write_oof  # noqa: E402

from index.cross_encoder import (  # noqa: E402
    ARTIFACT,
    FROZEN,
    MAX_LENGTH,
    build_network,
    save_artifact,
    source_sha256,
)


def log(message: str) -> None:
    print(f"[train {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def load_bundle(path: Path, limit: int) -> tuple[list[str], list[dict]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        bundle = json.load(handle)
    questions = bundle["questions"]
    if limit:
        questions = random.Random(0).sample(questions, min(limit, len(questions)))
    return bundle["passages"], questions


class Trainer:
    def __init__(self, args: argparse.Namespace, passages: list[str]) -> None:
        from transformers import AutoTokenizer

        self.args = args
        self.passages = passages
        self.device = torch.device(args.device)
        self.tokenizer = AutoTokenizer.from_pretrained(str(args.model))

    def encode(self, questions: list[str], passages: list[str]) -> dict[str, torch.Tensor]:
        batch = self.tokenizer(
            questions, passages, padding=True, truncation="only_second", max_length=MAX_LENGTH, return_tensors="pt"
        )
        return {k: v.to(self.device) for k, v in batch.items() if k != "special_tokens_mask"}

    def train(self, questions: list[dict], layers: int, seed: int) -> torch.nn.Module:
        args = self.args
        torch.manual_seed(seed)
        rng = random.Random(seed)
        net = build_network(args.model, layers).to(self.device)
        for name, param in net.named_parameters():
            param.requires_grad = name != FROZEN
        usable = [q for q in questions if any(q["labels"]) and not all(q["labels"])]
        steps_per_epoch = math.ceil(len(usable) / args.batch)
        total = steps_per_epoch * args.epochs
        params = [p for p in net.parameters() if p.requires_grad]
        optimizer = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
        warmup = max(1, int(0.1 * total))
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimizer, lambda step: min((step + 1) / warmup, max(0.0, (total - step) / max(1, total - warmup)))
        )
        net.train()
        step = 0
        started = time.perf_counter()
        for epoch in range(args.epochs):
            rng.shuffle(usable)
            running = 0.0
            for start in range(0, len(usable), args.batch):
                chunk = usable[start : start + args.batch]
                texts_q, texts_p = [], []
                for q in chunk:
                    pos = [c for c, y in zip(q["cands"], q["labels"], strict=True) if y]
                    neg = [c for c, y in zip(q["cands"], q["labels"], strict=True) if not y]
                    group = [rng.choice(pos), *rng.sample(neg, min(args.negatives, len(neg)))]
                    # Groups shorter than the rest are padded by repeating a negative; the loss is per group.
                    group += [group[-1]] * (args.negatives + 1 - len(group))
                    texts_q += [q["question"]] * len(group)
                    texts_p += [self.passages[c] for c in group]
                batch = self.encode(texts_q, texts_p)
                with torch.autocast(self.device.type, dtype=torch.bfloat16):
                    logits = net(batch["input_ids"], batch["attention_mask"], batch["token_type_ids"])
                logits = logits.float().view(len(chunk), args.negatives + 1)
                loss = torch.nn.functional.cross_entropy(logits, torch.zeros(len(chunk), dtype=torch.long,
                                                                              device=self.device))  # fmt: skip
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, 1.0)
                optimizer.step()
                schedule.step()
                step += 1
                running += float(loss.detach())
            log(f"  L{layers} epoch {epoch + 1}/{args.epochs}: loss {running / steps_per_epoch:.4f}"
                f" ({step} steps, {time.perf_counter() - started:.0f} s)")  # fmt: skip
        net.eval()
        return net

    @torch.inference_mode()
    def score(self, net: torch.nn.Module, questions: list[dict]) -> dict[str, list[float]]:
        out: dict[str, list[float]] = {}
        pairs = [(q["id"], q["question"], c) for q in questions for c in q["cands"]]
        scores: list[float] = []
        for start in range(0, len(pairs), 512):
            chunk = pairs[start : start + 512]
            batch = self.encode([p[1] for p in chunk], [self.passages[p[2]] for p in chunk])
            with torch.autocast(self.device.type, dtype=torch.bfloat16):
                logits = net(batch["input_ids"], batch["attention_mask"], batch["token_type_ids"])
            scores += logits.float().cpu().tolist()
        at = 0
        for q in questions:
            out[q["id"]] = [round(s, 4) for s in scores[at : at + len(q["cands"])]]
            at += len(q["cands"])
        return out


def top1(questions: list[dict], scores: dict[str, list[float]]) -> float:
    """Share of questions whose best-scored candidate holds an answer (a quick check, not the bench's figure)."""
    hits = [q["labels"][max(range(len(s)), key=s.__getitem__)] for q in questions if (s := scores[q["id"]])]
    return sum(hits) / max(1, len(hits))


def record_checksum(digest: str) -> None:
    source = HERE.parent / "index" / "cross_encoder.py"
    code = re.sub(r'ARTIFACT_SHA256 = "[0-9a-f]*"', f'ARTIFACT_SHA256 = "{digest}"', source.read_text())
    source.write_text(code, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    from index.embed import default_model_path

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bundle", type=Path, required=True)
    p.add_argument("--model", type=Path, default=None, help="model folder (default: the packaged MiniLM)")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--layers", type=int, nargs="+", default=[3])
    p.add_argument("--cv", action="store_true", help="train one model per held-out fold, write its scores")
    p.add_argument("--oof-out", type=Path, help="with --cv: also write the bench's compact out-of-fold file here")
    p.add_argument("--final", action="store_true", help="train on every question, write the artifact")
    p.add_argument("--install", action="store_true", help="copy the final artifact into index/data, record sha256")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--negatives", type=int, default=7)
    p.add_argument("--batch", type=int, default=32, help="questions (groups) per step")
    p.add_argument("--lr", type=float, default=5e-5)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--limit", type=int, default=0, help="train on this many questions only (a smoke test)")
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = p.parse_args(argv)
    args.model = args.model or default_model_path()
    if args.install and (not args.final or len(args.layers) != 1):
        p.error("--install needs --final and one --layers value")

    passages, questions = load_bundle(args.bundle, args.limit)
    trainer = Trainer(args, passages)
    args.out.mkdir(parents=True, exist_ok=True)
    folds = sorted({q["fold"] for q in questions})
    log(f"{len(questions)} questions, {len(passages)} passages, folds {folds}, device {args.device}")
    for layers in args.layers:
        if args.cv:
            oof: dict[str, list[float]] = {}
            for fold in folds:
                train = [q for q in questions if q["fold"] != fold]
                held = [q for q in questions if q["fold"] == fold]
                net = trainer.train(train, layers, args.seed + fold)
                scores = trainer.score(net, held)
                oof.update(scores)
                first = top1(held, {q["id"]: q["first"] for q in held})
                log(f"L{layers} fold {fold}: top-1 {top1(held, scores):.3f} (first stage {first:.3f})")
            with gzip.open(args.out / f"oof-L{layers}.json.gz", "wt", encoding="utf-8") as handle:
                json.dump({"layers": layers, "seed": args.seed, "epochs": args.epochs, "scores": oof}, handle)
            log(f"L{layers} out of fold: top-1 {top1(questions, oof):.3f}")
            if args.oof_out:
                write_oof(questions, passages, oof, {"layers": layers, "seed": args.seed, "epochs": args.epochs},
                          args.oof_out)  # fmt: skip
        if args.final:
            net = trainer.train(questions, layers, args.seed)
            path = args.out / f"ce-L{layers}.safetensors"
            digest = save_artifact(net, path, layers, source_sha256(args.model))
            log(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB, sha256 {digest})")
            if args.install:
                shutil.copyfile(path, ARTIFACT)
                record_checksum(digest)
                log(f"installed {ARTIFACT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
