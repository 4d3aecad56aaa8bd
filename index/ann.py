"""FAISS indexes over normalised vectors (inner product = cosine), chosen by `index.type` in the config."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Literal

import faiss
import numpy as np

AnnType = Literal["flat", "hnsw", "ivfpq"]


@dataclass(frozen=True)
class AnnSettings:
    """`flat` is exact; `hnsw` and `ivfpq` trade a little recall for speed and memory on large archives."""

    type: AnnType = "flat"
    hnsw_m: int = 32
    hnsw_ef_search: int = 128
    ivf_nlist: int | None = None
    ivf_nprobe: int = 16
    pq_m: int = 48


def build_ann(vectors: np.ndarray, settings: AnnSettings) -> faiss.Index:
    """Build an inner-product index over `vectors` (float32, unit length)."""
    n, dim = vectors.shape
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    index: faiss.Index
    if settings.type == "hnsw":
        index = hnsw = faiss.IndexHNSWFlat(dim, settings.hnsw_m, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = 2 * settings.hnsw_m
    elif settings.type == "ivfpq" and n >= 256:
        nlist = settings.ivf_nlist or max(1, min(int(4 * math.sqrt(n)), n // 39))
        quantizer = faiss.IndexFlatIP(dim)
        index = faiss.IndexIVFPQ(quantizer, dim, nlist, settings.pq_m, 8, faiss.METRIC_INNER_PRODUCT)
        index.train(vectors)
    else:
        # IVF-PQ needs enough vectors to train its codebooks; a tiny archive is searched exactly.
        index = faiss.IndexFlatIP(dim)
    if n:
        index.add(vectors)
    configure(index, settings)
    return index


def configure(index: faiss.Index, settings: AnnSettings) -> None:
    """Apply the query-time knobs, which FAISS does not save with the index."""
    if isinstance(index, faiss.IndexHNSWFlat):
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
