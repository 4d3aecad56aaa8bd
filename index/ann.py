"""FAISS indexes over normalised vectors (inner product = cosine), chosen by `index.type` in the config.

The search rescoring every candidate with its exact vector (index/search.py), an approximate index only has to
put the true nearest passages among the candidates it returns; bench/README.md measures how well each does.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, replace
from typing import Literal

import faiss
import numpy as np

AnnType = Literal["auto", "flat", "hnsw", "ivfpq"]
Storage = Literal["float32", "float16", "sq8"]
# `auto` picks by archive size (bench/README.md, "ANN scale"): exact search while a query scans under ~10 ms on
# one core, HNSW up to a few million passages, then IVF-PQ, whose memory stays small.
AUTO_FLAT_MAX = 200_000
AUTO_HNSW_MAX = 4_000_000
# How flat and hnsw store the vectors: sq8 (one byte per dimension) is a quarter of float32's memory.
STORAGES = {"float32": None, "float16": faiss.ScalarQuantizer.QT_fp16, "sq8": faiss.ScalarQuantizer.QT_8bit}


@dataclass(frozen=True)
class AnnSettings:
    """`flat` is exact; `hnsw` and `ivfpq` trade a little recall for speed and memory on large archives."""

    type: AnnType = "auto"
    storage: Storage = "float32"
    hnsw_m: int = 32
    hnsw_ef_construction: int = 80
    hnsw_ef_search: int = 512
    ivf_nlist: int | None = None
    ivf_nprobe: int = 16
    pq_m: int = 48


def resolve(settings: AnnSettings, n: int) -> AnnSettings:
    """The settings with `auto` replaced by the type that suits `n` vectors."""
    if settings.type != "auto":
        return settings
    kind: AnnType = "flat" if n <= AUTO_FLAT_MAX else "hnsw" if n <= AUTO_HNSW_MAX else "ivfpq"
    return replace(settings, type=kind)


def build_ann(vectors: np.ndarray, settings: AnnSettings) -> faiss.Index:
    """Build an inner-product index over `vectors` (float32, unit length)."""
    n, dim = vectors.shape
    settings = resolve(settings, n)
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    storage = STORAGES[settings.storage]
    index: faiss.Index
    hnsw: faiss.IndexHNSW
    if settings.type == "hnsw":
        if storage is None:
            index = hnsw = faiss.IndexHNSWFlat(dim, settings.hnsw_m, faiss.METRIC_INNER_PRODUCT)
        else:
            # faiss's stubs type the quantizer as a ScalarQuantizer; SWIG takes its QT_* constant.
            index = hnsw = faiss.IndexHNSWSQ(
                dim, storage, settings.hnsw_m, faiss.METRIC_INNER_PRODUCT  # type: ignore[arg-type]
            )
        hnsw.hnsw.efConstruction = settings.hnsw_ef_construction
    elif settings.type == "ivfpq" and n >= 256:
        nlist = settings.ivf_nlist or max(1, min(int(4 * math.sqrt(n)), n // 39))
        quantizer = faiss.IndexFlatIP(dim)
        index = faiss.IndexIVFPQ(quantizer, dim, nlist, settings.pq_m, 8, faiss.METRIC_INNER_PRODUCT)
    elif storage is not None:
        index = faiss.IndexScalarQuantizer(dim, storage, faiss.METRIC_INNER_PRODUCT)
    else:
        # IVF-PQ needs enough vectors to train its codebooks; a tiny archive is searched exactly.
        index = faiss.IndexFlatIP(dim)
    if not index.is_trained and n:
        index.train(vectors)
    if n:
        index.add(vectors)
    configure(index, settings)
    return index


def configure(index: faiss.Index, settings: AnnSettings) -> None:
    """Apply the query-time knobs, which FAISS does not save with the index."""
    if isinstance(index, faiss.IndexHNSW):
        index.hnsw.efSearch = settings.hnsw_ef_search
    elif isinstance(index, faiss.IndexIVF):
        index.nprobe = settings.ivf_nprobe


def search_ann(index: faiss.Index, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Return (ids, scores) of the k nearest passages; ids of -1 (fewer results) are dropped."""
    k = min(k, index.ntotal)
    # One query is fastest on one thread; FAISS's thread pool only adds waiting on a busy machine.
    faiss.omp_set_num_threads(1)
    if k <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    scores, ids = index.search(query.reshape(1, -1).astype(np.float32), k)
    keep = ids[0] >= 0
    return ids[0][keep], scores[0][keep]
