"""Embedding throughput (plain fp32 sentence-transformers vs our Embedder) and incremental rebuilds."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import numpy as np
from _util import log


def plain_model(settings):
    """The baseline: SentenceTransformer(model_path) with nothing else, fp32."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    from index.embed import default_model_path

    path = settings.model.path or default_model_path()
    return SentenceTransformer(str(path), device="cpu", local_files_only=True)


def ours_encode(embedder, texts: list[str]) -> np.ndarray:
    """Embed as a build does (length-sorted chunks)."""
    from index.build import embed_texts

    return embed_texts(embedder, texts)


def throughput(texts: list[str], model, embedder, repeats: int) -> dict:
    """Time full passes over `texts`, alternating which goes first (ABBA...) so background load hits both."""
    import torch

    model.encode(texts[:64], batch_size=64)
    ours_encode(embedder, texts[:64])
    runs: dict[str, list[float]] = {"plain_fp32": [], "ours": []}
    vectors = {}
    for r in range(max(1, repeats)):
        order = ["plain_fp32", "ours"] if r % 2 == 0 else ["ours", "plain_fp32"]
        for name in order:
            t0 = time.perf_counter()
            if name == "plain_fp32":
                # The same thread count as ours: an ask before this may have left torch on one thread.
                torch.set_num_threads(embedder.threads)
                vec = model.encode(texts, batch_size=64)
            else:
                vec = ours_encode(embedder, texts)
            runs[name].append(time.perf_counter() - t0)
            vectors[name] = np.asarray(vec, dtype=np.float32)
            log(f"  {name}: {len(texts)} passages in {runs[name][-1]:.1f} s")
    a = vectors["plain_fp32"] / np.linalg.norm(vectors["plain_fp32"], axis=1, keepdims=True)
    b = vectors["ours"] / np.linalg.norm(vectors["ours"], axis=1, keepdims=True)
    cos = np.sum(a * b, axis=1)
    # Dynamic int8 quantisation scales activations per batch, so a text's vector depends on its batch-mates:
    # embed every other passage on its own (other batch-mates) and compare with the full pass.
    half = ours_encode(embedder, texts[::2])
    again = np.sum(half * b[::2], axis=1)
    return {
        "passages": len(texts),
        "runs_s": runs,
        "rate": {k: len(texts) / float(np.median(v)) for k, v in runs.items()},
        "cosine_to_fp32": {"mean": float(cos.mean()), "min": float(cos.min())},
        "cosine_other_batch": {"mean": float(again.mean()), "min": float(again.min())},
    }


# ---- incremental rebuild ---------------------------------------------------------------------------------------


def incremental(base, embedder, settings, work: Path, repeats: int, measure_full: bool) -> dict:
    """Copy the built archive and its index, change one article at a time, and time build_index."""
    from index.build import build_index

    folder = work / "incremental"
    shutil.rmtree(folder, ignore_errors=True)
    articles = folder / "articles"
    index_dir = folder / "index"
    shutil.copytree(base.articles_dir, articles)
    shutil.copytree(base.index_dir, index_dir, symlinks=True)
    files = sorted(p for p in articles.rglob("*") if p.is_file() and p.suffix in (".md", ".txt"))

    def run(label: str, full: bool = False) -> dict:
        t0 = time.perf_counter()
        summary = build_index(
            articles, index_dir, embedder, settings.chunking.to_chunk_settings(),
            settings.index.to_ann_settings(), full=full, progress=False,
        )  # fmt: skip
        seconds = time.perf_counter() - t0
        row = {
            "case": label,
            "seconds": seconds,
            "embedded": summary.embedded,
            "passages": summary.passages,
            "updated": summary.updated,
            "added": summary.added,
            "unchanged": summary.unchanged,
            "phases": summary.phases,
        }
        log(f"  incremental {label}: {seconds:.2f} s, {summary.embedded} embedded")
        return row

    rows = [run("baseline: full rebuild (--full)", full=True)] if measure_full else []
    rows.append(run("no change"))
    for i in range(max(1, repeats)):
        path = files[(i * 97 + 13) % len(files)]
        text = path.read_text(encoding="utf-8")
        path.write_text(text.rstrip("\n") + f" The benchmark changed this article, edit {i}.\n", encoding="utf-8")
        rows.append(run(f"1 changed: {path.stem[:40]}"))
    shutil.rmtree(folder, ignore_errors=True)
    return {"rows": rows, "articles": len(files)}
