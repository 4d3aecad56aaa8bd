"""Issue 12: the loaded index maps vectors.npy (`index.store.map_vectors`) instead of reading it: load time,
resident memory, and what the search's rescoring (`vectors[ids] @ qvec` for ~200 candidates, index/search.py)
costs from the mapping with the file in the page cache (warm) and just dropped from it (cold: posix_fadvise
DONTNEED on this file only), with the mapping's random-access advice and without it."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from _ann import DIM
from _util import _status_kb, latency_stats

from index.store import map_vectors

ROWS = 200  # candidates rescored per question: the union of 100 dense and 100 BM25 ones


def write_vectors(path: Path, n: int, seed: int) -> None:
    """Random unit vectors (rescoring time does not depend on their values), written in blocks."""
    rng = np.random.default_rng(seed)
    out = np.lib.format.open_memmap(path, mode="w+", dtype=np.float32, shape=(n, DIM))
    for lo in range(0, n, 100_000):
        block = rng.standard_normal((min(n, lo + 100_000) - lo, DIM), dtype=np.float32)
        out[lo : lo + len(block)] = block / np.linalg.norm(block, axis=1, keepdims=True)
    out.flush()
    del out
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())  # DONTNEED drops clean pages only


def _drop_cache(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def _rescore_times(
    vectors: np.ndarray | Callable[[], np.ndarray], n: int, questions: int, seed: int, cold: Path | None = None
) -> list[float]:
    """Rescoring times of `questions` random row sets; `vectors` a loader is called per question, after the
    `cold` file's pages are dropped from the cache if given."""
    rng = np.random.default_rng(seed)
    times = []
    for _ in range(questions):
        ids = np.unique(rng.integers(n, size=ROWS))
        qvec = rng.standard_normal(DIM, dtype=np.float32)
        if cold is not None:
            _drop_cache(cold)
        matrix = vectors() if callable(vectors) else vectors
        t0 = time.perf_counter()
        matrix[ids] @ qvec
        times.append((time.perf_counter() - t0) * 1000)
        del matrix  # a mapped page is never dropped from the cache
    return times


def _rss() -> dict[str, int]:
    """Resident bytes: anonymous (the process's own) and file-backed (page-cache pages it maps, shared)."""
    return {field: (_status_kb(field) or 0) * 1024 for field in ("RssAnon", "RssFile")}


def _grew(before: dict[str, int]) -> dict[str, int]:
    return {field: value - before[field] for field, value in _rss().items()}


def _loaded(load: Callable[[], np.ndarray], path: Path) -> tuple[np.ndarray, float, dict[str, int]]:
    """Load from a cold cache: seconds taken and resident bytes added."""
    gc.collect()
    _drop_cache(path)
    before = _rss()
    t0 = time.perf_counter()
    vectors = load()
    return vectors, time.perf_counter() - t0, _grew(before)


def mapped_vectors(n: int, work: Path, seed: int, questions: int) -> dict:
    """Load time, resident bytes and rescoring time of n vectors read (before) and mapped (after)."""
    path = work / f"mapped-vectors-{os.getpid()}.npy"
    work.mkdir(parents=True, exist_ok=True)
    result: dict = {"n": n, "bytes": n * DIM * 4, "questions": questions}
    try:
        write_vectors(path, n, seed)
        read, result["read_s"], result["read_rss"] = _loaded(lambda: np.load(path), path)
        result["in_ram"] = latency_stats(_rescore_times(read, n, questions, seed))
        del read
        mapped, result["mapped_s"], result["mapped_rss"] = _loaded(lambda: map_vectors(path), path)
        before = _rss()
        result["cold_first"] = latency_stats(_rescore_times(mapped, n, questions, seed + 1))
        result["mapped_rss_after"] = _grew(before)
        del mapped
        # Cold, question by question: the file's pages dropped and a fresh mapping (a mapped page stays cached).
        result["cold"] = latency_stats(_rescore_times(lambda: map_vectors(path), n, questions, seed + 2, path))
        result["cold_no_advice"] = latency_stats(
            _rescore_times(lambda: np.load(path, mmap_mode="r"), n, min(questions, 20), seed + 3, path)
        )
        np.load(path)  # the whole file into the page cache: the mapping's warm cost
        result["warm"] = latency_stats(_rescore_times(map_vectors(path), n, questions, seed + 4))
    finally:
        path.unlink(missing_ok=True)
    return result
