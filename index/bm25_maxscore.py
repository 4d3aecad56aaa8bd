"""BM25's k best passages document at a time with MaxScore skipping, compiled by numba (the `scale` extra).

The dense path adds every posting of every question word into a score per passage: at 32 million passages that is
124 ms p95 (bench/README.md), most of `ask`. Here the passages are visited in id order across the question's words;
a word whose best value, with those of the words rarer in value, cannot lift a passage past the k-th best score so
far is never walked, only searched for the passages the other words bring (Turtle & Flood, 1995, "Query evaluation:
strategies and optimizations"). The k best are then scored again word by word in the question's order, in float32
as bm25s adds them, so the passages and their scores are those of the dense path bit for bit
(tests/index/test_bm25_maxscore.py).

Without numba, `available()` is False and the search keeps the dense path.
"""

from __future__ import annotations

from typing import Any

import numpy as np

numba: Any
try:
    import numba
except ImportError:  # the `scale` extra is not installed
    numba = None

# Passages of the rarest word scored first, per passage wanted.
_SEEDS_PER_CANDIDATE = 16
# Float32 sums of a few dozen values stay within this relative error of the exact sum: pruning allows for it.
_SLACK = 1e-5


def available() -> bool:
    return numba is not None


def top_k(
    data: np.ndarray,
    indices: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    uppers: np.ndarray,
    k: int,
    mask: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray]:
    """The ids of the k highest positive scores, best first, equal scores by id, and those scores.

    Each question word t is `indices[starts[t]:ends[t]]` (ascending passage ids) and `data[...]` (its values), in
    the question's order; `uppers[t]` its largest value; `mask`, when given, the passages allowed."""
    if _kernel is None:
        raise RuntimeError("numba is not installed: pip install -e '.[scale]'")
    allowed = np.ones(0, dtype=np.bool_) if mask is None else np.ascontiguousarray(mask, dtype=np.bool_)
    ids, scores = _kernel(data, indices, np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64),
                          np.asarray(uppers, dtype=np.float64), k, allowed, mask is not None)  # fmt: skip
    return ids, scores


def scores_of(
    data: np.ndarray, indices: np.ndarray, starts: np.ndarray, ends: np.ndarray, docs: np.ndarray
) -> np.ndarray:
    """The scores of the passages `docs` (ascending, unique), bit for bit bm25s's (see `top_k` for the words)."""
    if _kernel is None:
        raise RuntimeError("numba is not installed: pip install -e '.[scale]'")
    return _scores_of(data, indices, np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64),
                      np.asarray(docs, dtype=np.int64))  # fmt: skip


def _top_k(
    data: np.ndarray,
    indices: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    uppers: np.ndarray,
    k: int,
    allowed: np.ndarray,
    masked: bool,
) -> tuple[np.ndarray, np.ndarray]:
    m = len(starts)
    # Words by best value, ascending; below[i]: the sum of the best values of the words before i in that order.
    order = np.argsort(uppers, kind="mergesort")
    below = np.zeros(m + 1)
    for i in range(m):
        below[i + 1] = below[i] + uppers[order[i]]
    cursor = starts[order].copy()
    stop = ends[order].copy()
    # The k best approximate scores so far (a min-heap), and every passage that reached the bar when scored.
    heap = np.zeros(k)
    size = 0
    bar = 0.0
    kept_ids = np.zeros(64, dtype=np.int64)
    kept_scores = np.zeros(64)
    kept = 0
    # A first bar from a sample of the passages of the rarest word, scored in full: with it the common words are
    # searched from the start instead of walked until k passages have been seen.
    rare = 0
    for t in range(m):
        if ends[t] - starts[t] < ends[rare] - starts[rare]:
            rare = t
    stride = max(1, (ends[rare] - starts[rare]) // (_SEEDS_PER_CANDIDATE * k))
    seeds = indices[starts[rare] : ends[rare] : stride].astype(np.int64)
    if masked:
        seeds = seeds[allowed[seeds]]
    seed_scores = _scores_of(data, indices, starts, ends, seeds)
    for j in range(len(seeds)):
        kept_ids, kept_scores, kept = _keep(kept_ids, kept_scores, kept, seeds[j], seed_scores[j])
        size = _push(heap, size, k, seed_scores[j])
    if size == k:
        bar = heap[0] * (1 - _SLACK)
    # Words order[first:] are walked; order[:first] only searched, since together they cannot reach the bar.
    first = 0
    while first < m and below[first + 1] * (1 + _SLACK) < bar:
        first += 1
    seen = 0
    while True:
        doc = -1
        for i in range(first, m):
            if cursor[i] < stop[i]:
                d = indices[cursor[i]]
                if doc < 0 or d < doc:
                    doc = d
        if doc < 0:
            break
        score = 0.0
        for i in range(first, m):
            if cursor[i] < stop[i] and indices[cursor[i]] == doc:
                score += data[cursor[i]]
                cursor[i] += 1
        while seen < len(seeds) and seeds[seen] < doc:
            seen += 1
        if (masked and not allowed[doc]) or (seen < len(seeds) and seeds[seen] == doc):
            continue
        # The searched words, best first, while they can still lift the passage past the bar.
        for i in range(first - 1, -1, -1):
            if (score + below[i + 1]) * (1 + _SLACK) < bar:
                break
            lo = cursor[i] = _seek(indices, cursor[i], stop[i], doc)
            if lo < stop[i] and indices[lo] == doc:
                score += data[lo]
        if score * (1 + _SLACK) < bar:
            continue
        kept_ids, kept_scores, kept = _keep(kept_ids, kept_scores, kept, doc, score)
        size = _push(heap, size, k, score)
        if size == k and heap[0] * (1 - _SLACK) > bar:
            bar = heap[0] * (1 - _SLACK)
            while first < m and below[first + 1] * (1 + _SLACK) < bar:
                first += 1
    # Every passage that may be among the k best, scored again exactly: word by word in the question's order.
    n = 0
    for i in range(kept):
        if kept_scores[i] >= bar:
            kept_ids[n] = kept_ids[i]
            n += 1
    ids = np.sort(kept_ids[:n])
    exact = _scores_of(data, indices, starts, ends, ids)
    best = np.argsort(-exact, kind="mergesort")[:k]
    keep = best[exact[best] > 0]
    return ids[keep], exact[keep]


def _seek(indices: np.ndarray, lo: int, hi: int, doc: int) -> int:
    """The first position in [lo, hi) whose passage id is at least `doc` (hi if none): gallop, then bisect, since
    the passages asked for come in id order and each word's position only moves forward."""
    step = 1
    while lo + step < hi and indices[lo + step] < doc:
        lo += step
        step *= 2
    hi = min(hi, lo + step + 1)
    while lo < hi:
        mid = (lo + hi) // 2
        if indices[mid] < doc:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _scores_of(
    data: np.ndarray, indices: np.ndarray, starts: np.ndarray, ends: np.ndarray, docs: np.ndarray
) -> np.ndarray:
    """The scores of `docs` (ascending, unique): each word's value added in the question's order in float32, as
    bm25s adds them."""
    out = np.zeros(len(docs), dtype=np.float32)
    for t in range(len(starts)):
        at = starts[t]
        for c in range(len(docs)):
            at = _seek(indices, at, ends[t], docs[c])
            if at < ends[t] and indices[at] == docs[c]:
                out[c] = np.float32(out[c] + data[at])
    return out


def _keep(
    ids: np.ndarray, scores: np.ndarray, n: int, doc: int, score: float
) -> tuple[np.ndarray, np.ndarray, int]:
    """Append (doc, score) to the first n of ids and scores, growing them when full."""
    if n == len(ids):
        ids = np.concatenate((ids, np.zeros(n, dtype=np.int64)))
        scores = np.concatenate((scores, np.zeros(n)))
    ids[n] = doc
    scores[n] = score
    return ids, scores, n + 1


def _push(heap: np.ndarray, size: int, k: int, score: float) -> int:
    """Keep the k best scores in the min-heap heap[:size]; return its new size."""
    if size < k:
        heap[size] = score
        j = size
        while j > 0 and heap[(j - 1) // 2] > heap[j]:
            heap[(j - 1) // 2], heap[j] = heap[j], heap[(j - 1) // 2]
            j = (j - 1) // 2
        return size + 1
    if score > heap[0]:
        heap[0] = score
        j = 0
        while True:
            small, left, right = j, 2 * j + 1, 2 * j + 2
            if left < k and heap[left] < heap[small]:
                small = left
            if right < k and heap[right] < heap[small]:
                small = right
            if small == j:
                break
            heap[j], heap[small] = heap[small], heap[j]
            j = small
    return size


if numba is not None:
    _seek = numba.njit(cache=True, nogil=True)(_seek)
    _scores_of = numba.njit(cache=True, nogil=True)(_scores_of)
    _keep = numba.njit(cache=True, nogil=True)(_keep)
    _push = numba.njit(cache=True, nogil=True)(_push)
_kernel = numba.njit(cache=True, nogil=True)(_top_k) if numba is not None else None
