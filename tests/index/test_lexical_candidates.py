"""The search's lexical candidates (`index.ranking.top_positive`) against the computation it replaced (issue 12)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from index.lexical import LexicalIndex
from index.ranking import top_ids, top_positive

WORDS = ["election", "storm", "minister", "court", "fire", "vote", "river", "police", "said", "team"]
K = st.integers(min_value=1, max_value=8)
# Few distinct values and many zeros: ties everywhere, and long enough arrays for the strided sample to bound.
score_arrays = st.lists(st.sampled_from([0.0, 0.0, 0.5, 1.0, 1.5, 2.25]), min_size=0, max_size=1500).map(
    lambda values: np.array(values, dtype=np.float32)
)
corpora = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join), min_size=1, max_size=120)
queries = st.lists(st.sampled_from([*WORDS, "absent"]), min_size=1, max_size=4).map(" ".join)


def before(scores: np.ndarray, k: int) -> tuple[np.ndarray, float]:
    """The search's lexical candidates and best score before top_positive (index/search.py until issue 12)."""
    matched = np.flatnonzero(scores > 0)
    return matched[top_ids(scores[matched], k)], float(scores.max()) if len(scores) else 0.0


def reference(scores: np.ndarray, k: int) -> list[int]:
    return sorted((i for i in range(len(scores)) if scores[i] > 0), key=lambda i: (-scores[i], i))[:k]


def test_top_positive_best_first_ties_by_id() -> None:
    scores = np.array([0.0, 2.0, 1.0, 2.0, 0.0, 3.0], dtype=np.float32)
    assert top_positive(scores, 3).tolist() == [5, 1, 3]


def test_top_positive_leaves_out_zeros() -> None:
    assert top_positive(np.array([0.0, 0.4, 0.0], dtype=np.float32), 5).tolist() == [1]
    assert top_positive(np.zeros(4, dtype=np.float32), 2).tolist() == []
    assert top_positive(np.zeros(0, dtype=np.float32), 2).tolist() == []


def test_top_positive_bounded_by_sample() -> None:
    """Past 64 * k scores the sample's bound decides; the best are still found when the sample misses them."""
    scores = np.full(10_000, 0.1, dtype=np.float32)
    scores[[1, 65, 9_999]] = [3.0, 2.0, 1.0]  # no multiple of 64: outside the strided sample
    assert top_positive(scores, 4).tolist() == [1, 65, 9_999, 0]


@given(score_arrays, K)
@settings(max_examples=400, deadline=None)
def test_top_positive_is_the_k_best_by_score_then_id(scores: np.ndarray, k: int) -> None:
    assert top_positive(scores, k).tolist() == reference(scores, k)


@given(corpora, queries, K)
@settings(max_examples=150, deadline=None)
def test_same_candidate_scores_as_before(texts: list[str], query: str, k: int) -> None:
    """On BM25 scores of random corpora: the same scores in the same order and the same best score as the old
    computation, and the same passages unless two tie at the k-th place (which the old one chose arbitrarily)."""
    scores = LexicalIndex.build(texts).scores(query, expand=True)
    ids = top_positive(scores, k)
    old_ids, old_best = before(scores, k)
    assert scores[ids].tolist() == scores[old_ids].tolist()
    assert (float(scores[ids[0]]) if len(ids) else 0.0) == old_best
    positive = np.sort(scores[scores > 0])[::-1]
    if len(positive) <= k or positive[k - 1] != positive[k]:
        assert set(ids.tolist()) == set(old_ids.tolist())
