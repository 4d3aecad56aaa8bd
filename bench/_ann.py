"""ANN scale: flat, HNSW and IVF-PQ (index.ann.build_ann) on clustered synthetic 384-d unit vectors.

Each index type is measured on a ladder of sizes (n/16, n/4, n). A type whose build would pass the time
budget stops at the largest size that fits: HNSW is grown in chunks (the build of a prefix is the build of
that many vectors) and stops mid-ladder when the budget runs out; IVF-PQ's k-means cannot be cut short, so a
size whose projected build time (fitted on the smaller sizes) exceeds the budget is skipped, and said so.
"""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path

import numpy as np
from _util import latency_stats, log, peak_rss_bytes, reset_peak_rss, rss_bytes

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


def _measure(index, queries: np.ndarray, truth: np.ndarray, work: Path) -> dict:
    """Search one query at a time (as the bot does), with FAISS's default threads and with one thread."""
    import faiss

    from index.ann import search_ann

    threads = faiss.omp_get_max_threads()
    found = np.full((len(queries), K), -1, dtype=np.int64)
    stats = {}
    for label, n_threads in (("", threads), ("_1thread", 1)):
        faiss.omp_set_num_threads(n_threads)
        try:
            for q in queries[:20]:
                search_ann(index, q, K)
            times = []
            for n, q in enumerate(queries):
                t0 = time.perf_counter()
                ids, _ = search_ann(index, q, K)
                times.append((time.perf_counter() - t0) * 1000)
                found[n, : len(ids)] = ids[:K]
        finally:
            faiss.omp_set_num_threads(threads)
        st = latency_stats(times)
        stats[f"search_p50_ms{label}"] = st["p50_ms"]
        stats[f"search_p95_ms{label}"] = st["p95_ms"]
    return {"recall@10": recall_at_k(found, truth), **stats, "index_bytes": _index_bytes(index, work)}


def _fit_time(points: list[tuple[int, float]], n: int, default_exp: float) -> float | None:
    """Project build seconds at size n from measured (size, seconds) points (power law)."""
    points = [(s, t) for s, t in points if t > 0]
    if not points:
        return None
    if len(points) >= 2:
        (s1, t1), (s2, t2) = points[-2], points[-1]
        exp = float(np.clip(np.log(t2 / t1) / np.log(s2 / s1), 0.8, 2.0))
    else:
        exp = default_exp
    s, t = points[-1]
    return t * (n / s) ** exp


def run_ann(size: int, seed: int, queries_n: int, budget_s: float, types: list[str], work: Path) -> dict:
    import faiss

    from index.ann import AnnSettings, build_ann

    work.mkdir(parents=True, exist_ok=True)
    sizes = sorted({max(1000, size // 16), max(1000, size // 4), size})
    t0 = time.perf_counter()
    data = synthetic(size, seed)
    gen_s = time.perf_counter() - t0
    queries = make_queries(data, queries_n, seed)
    t0 = time.perf_counter()
    truths = {n: exact_topk(data[:n], queries) for n in sizes}
    truth_s = time.perf_counter() - t0
    rng = np.random.default_rng(seed + 2)
    a, b = rng.integers(size, size=(2, 20000))
    same = np.einsum("ij,ij->i", data[a], data[b])
    nn = np.sort(queries[:50] @ data.T, axis=1)[:, ::-1]
    log(f"ann: {size} vectors generated in {gen_s:.1f} s; exact top-{K} in {truth_s:.1f} s")
    shape = {
        "random_pair_cos_mean": float(same.mean()),
        "query_nn2_cos_mean": float(nn[:, 1].mean()),
        "query_nn10_cos_mean": float(nn[:, min(9, size - 1)].mean()),
        "query_nn100_cos_mean": float(nn[:, min(99, size - 1)].mean()),
    }

    rows: list[dict] = []
    notes: list[str] = []
    for kind in types:
        settings = AnnSettings(type=kind)
        measured: list[tuple[int, float]] = []
        if kind == "hnsw":
            gc.collect()
            reset_peak_rss()
            rss0 = rss_bytes()
            index = build_ann(data[:0], settings)
            built = 0
            build_s = 0.0
            chunk = max(1000, min(25_000, size // 40))
            stopped = False
            for target in sizes:
                while built < target:
                    end = min(target, built + chunk)
                    t1 = time.perf_counter()
                    index.add(data[built:end])
                    build_s += time.perf_counter() - t1
                    built = end
                    if build_s > budget_s and built < size:
                        stopped = True
                        break
                truth = truths.get(built)
                if truth is None:
                    truth = exact_topk(data[:built], queries)
                row = {"type": kind, "n": built, "build_s": build_s, **_measure(index, queries, truth, work)}
                row["rss_delta_bytes"] = (rss_bytes() or 0) - (rss0 or 0)
                rows.append(row)
                measured.append((built, build_s))
                log(f"ann hnsw n={built}: build {build_s:.1f} s, recall {row['recall@10']:.3f}")
                if stopped:
                    proj = _fit_time(measured, size, 1.1)
                    notes.append(
                        f"hnsw: build passed the {budget_s:.0f} s budget at {built:,} vectors; measured there "
                        f"(projected build at {size:,}: ~{proj:.0f} s)"
                    )
                    break
            del index
            continue
        for n in sizes:
            projected = _fit_time(measured, n, 1.5 if kind == "ivfpq" else 1.0)
            if projected is not None and projected > budget_s:
                notes.append(
                    f"{kind}: skipped {n:,} vectors, projected build ~{projected:.0f} s > budget {budget_s:.0f} s "
                    f"(fitted on the smaller sizes); largest measured: {measured[-1][0]:,}"
                )
                break
            gc.collect()
            reset_peak_rss()
            rss0 = rss_bytes()
            t1 = time.perf_counter()
            index = build_ann(data[:n], settings)
            build_s = time.perf_counter() - t1
            row = {"type": kind, "n": n, "build_s": build_s}
            row["rss_delta_bytes"] = (rss_bytes() or 0) - (rss0 or 0)
            peak = peak_rss_bytes()
            row["peak_extra_bytes"] = None if peak is None or rss0 is None else peak - rss0
            row.update(_measure(index, queries, truths[n], work))
            if isinstance(index, faiss.IndexIVF):
                row["nlist"] = int(index.nlist)
            rows.append(row)
            measured.append((n, build_s))
            log(f"ann {kind} n={n}: build {build_s:.1f} s, recall {row['recall@10']:.3f}")
            del index
    return {
        "size": size,
        "sizes": sizes,
        "queries": queries_n,
        "generate_s": gen_s,
        "shape": shape,
        "rows": rows,
        "notes": notes,
        "threads": faiss.omp_get_max_threads(),
    }
