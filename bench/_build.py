"""The plain fp32 sentence-transformers baseline, and incremental rebuilds."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from _util import log


def plain_model(settings):
    """The baseline: SentenceTransformer(model_path) with nothing else, fp32."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    from index.embed import default_model_path

    path = settings.model.path or default_model_path()
    return SentenceTransformer(str(path), device="cpu", local_files_only=True)


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
