"""Clustered synthetic 384-d unit vectors shaped like MiniLM passage vectors, exact top-k and recall:
the ground truth of the ANN figures (bench/_sizing.py)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

DIM = 384
K = 10


def _unit(x: np.ndarray) -> np.ndarray:
    x /= np.linalg.norm(x, axis=-1, keepdims=True)
    return x


def synthetic(n: int, seed: int, dim: int = DIM) -> np.ndarray:
    """A hierarchical mixture of gaussians shaped like MiniLM passage vectors of a news archive.

    Topics (64) > clusters (~500 vectors) > "articles" (~30 vectors, log-normal sizes, stored consecutively)
    > passages; consecutive passages of an article share half their noise, like overlapping sentence windows;
    everything shares one common direction (real embeddings are anisotropic). Calibrated at 9,396 vectors
    against the Wikinews index's real vectors: random-pair cosine 0.13 (real 0.11), a query's 2nd / 10th /
    100th nearest 0.81 / 0.71 / 0.53 (real 0.80 / 0.71 / 0.54).
    """
    rng = np.random.default_rng(seed)
    n_topics, n_clusters, n_articles = 64, max(8, n // 500), max(16, n // 30)
    w_common, w_topic, w_cluster, w_rest = 0.10, 0.15, 0.27, 0.48  # shares of squared norm
    common = _unit(rng.standard_normal(dim).astype(np.float32))
    topics = _unit(rng.standard_normal((n_topics, dim), dtype=np.float32))
    clusters = _unit(rng.standard_normal((n_clusters, dim), dtype=np.float32))
    articles = _unit(rng.standard_normal((n_articles, dim), dtype=np.float32))
    cluster_topic = rng.integers(n_topics, size=n_clusters)
    article_cluster = rng.integers(n_clusters, size=n_articles)
    w_article = rng.uniform(0.15, 0.35, n_articles).astype(np.float32)
    sizes = rng.lognormal(0.0, 0.7, n_articles)
    assign = np.sort(rng.choice(n_articles, size=n, p=sizes / sizes.sum()))
    base = np.float32(np.sqrt(w_common)) * common
    out = np.empty((n, dim), dtype=np.float32)
    step = 100_000
    for s in range(0, n, step):
        e = min(n, s + step)
        art = assign[s:e]
        cl = article_cluster[art]
        g = rng.standard_normal((e - s + 1, dim), dtype=np.float32)
        noise = _unit(g[:-1] + g[1:])
        out[s:e] = _unit(
            base
            + np.float32(np.sqrt(w_topic)) * topics[cluster_topic[cl]]
            + np.float32(np.sqrt(w_cluster)) * clusters[cl]
            + np.sqrt(w_article[art])[:, None] * articles[art]
            + np.sqrt(np.maximum(w_rest - w_article[art], 0.05))[:, None] * noise
        )
    return out


def make_queries(data: np.ndarray, count: int, seed: int) -> np.ndarray:
    """Perturbed data points: cosine ~0.9 to the point they come from."""
    rng = np.random.default_rng(seed + 1)
    rows = rng.choice(len(data), size=count, replace=False)
    noise = rng.standard_normal((count, data.shape[1]), dtype=np.float32) * np.float32(0.45 / np.sqrt(data.shape[1]))
    return _unit(data[rows] + noise)


def exact_topk(data: np.ndarray, queries: np.ndarray, k: int = K) -> np.ndarray:
    """Exact inner-product top-k with numpy, in blocks (independent of FAISS: the ground truth)."""
    best_s = np.full((len(queries), k), -np.inf, dtype=np.float32)
    best_i = np.zeros((len(queries), k), dtype=np.int64)
    step = 200_000
    for s in range(0, len(data), step):
        scores = queries @ data[s : s + step].T
        kk = min(k, scores.shape[1])
        part = np.argpartition(-scores, kk - 1, axis=1)[:, :kk]
        cand_s = np.concatenate([best_s, np.take_along_axis(scores, part, axis=1)], axis=1)
        cand_i = np.concatenate([best_i, part + s], axis=1)
        order = np.argsort(-cand_s, axis=1)[:, :k]
        best_s = np.take_along_axis(cand_s, order, axis=1)
        best_i = np.take_along_axis(cand_i, order, axis=1)
    return best_i


def recall_at_k(found: np.ndarray, truth: np.ndarray) -> float:
    hits = sum(len(set(f[f >= 0].tolist()) & set(t.tolist())) for f, t in zip(found, truth, strict=False))
    return hits / truth.size


def _index_bytes(index, work: Path) -> int:
    import faiss

    path = work / f"ann-size-{os.getpid()}.faiss"
    try:
        faiss.write_index(index, str(path))
        return path.stat().st_size
    finally:
        path.unlink(missing_ok=True)
