"""BM25's k best document at a time (`index.bm25_maxscore`, issue 12): the same passages and the same float32 scores
as bm25s's score per passage with `top_positive`, on any archive, question, mask and k."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index import bm25_maxscore
from index.lexical import LexicalIndex
from index.ranking import top_positive

pytestmark = pytest.mark.skipif(not bm25_maxscore.available(), reason="numba is not installed (the scale extra)")

# Zipf-like: a few words in most passages, most words in few, as in news (and as pruning needs).
WORDS = [f"w{i}" for i in range(40)]
WEIGHTS = np.array([1.0 / (i + 1) for i in range(40)])


def dense(index: LexicalIndex, query: str, k: int, mask: np.ndarray | None) -> tuple[list[int], list[float]]:
    """What the search did before: bm25s's scores for every passage, masked, then the k best positive."""
    scores = index.scores(query, mask, expand=True)
    ids = top_positive(scores, k)
    return ids.tolist(), scores[ids].tolist()


@st.composite
def archives(draw: st.DrawFn) -> tuple[list[str], str, np.ndarray | None]:
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    n = draw(st.integers(1, 400))
    texts = [" ".join(rng.choice(WORDS, size=int(rng.integers(1, 15)), p=WEIGHTS / WEIGHTS.sum())) for _ in range(n)]
    query = " ".join(draw(st.lists(st.sampled_from([*WORDS, "absent"]), min_size=1, max_size=8)))
    mask = draw(st.one_of(st.none(), st.just(rng.random(n) < draw(st.floats(0.05, 1.0)))))
    return texts, query, mask


@given(archives(), st.integers(1, 12))
@settings(max_examples=400, deadline=None)
def test_same_passages_and_scores_as_dense(archive: tuple[list[str], str, np.ndarray | None], k: int) -> None:
    texts, query, mask = archive
    index = LexicalIndex.build(texts)
    index.pruned_from = 0  # document at a time whatever the size
    top = index.top(index.terms(query, expand=True), k, mask)
    assert top.every is None  # no score per passage was made
    assert (top.ids.tolist(), top.scores.tolist()) == dense(index, query, k, mask)


@given(archives(), st.booleans())
@settings(max_examples=150, deadline=None)
def test_scores_at_are_the_dense_scores(archive: tuple[list[str], str, np.ndarray | None], pruned: bool) -> None:
    """Other candidates' scores: looked up word by word after the pruned path, read off the dense path's array."""
    texts, query, mask = archive
    index = LexicalIndex.build(texts)
    index.pruned_from = 0 if pruned else 10**9
    ids = np.arange(0, len(texts), 3, dtype=np.int64)
    terms = index.terms(query, expand=True)
    expected = index.scores(query, mask, expand=True)[ids]
    assert index.scores_at(terms, index.top(terms, 5, mask), ids, mask).tolist() == expected.tolist()


def test_common_words_are_searched_not_walked() -> None:
    """A word in every passage adds little: the best passages are the rare word's, found as densely."""
    texts = [f"common filler{i % 7}" + (" rare" if i % 97 == 0 else "") for i in range(5_000)]
    index = LexicalIndex.build(texts)
    index.pruned_from = 0
    top = index.top(index.terms("rare common"), 10)
    assert (top.ids.tolist(), top.scores.tolist()) == dense(index, "rare common", 10, None)
    assert all(i % 97 == 0 for i in top.ids.tolist())


def test_no_indexed_word_no_candidates() -> None:
    index = LexicalIndex.build(["storm hits the coast", "court rules"])
    index.pruned_from = 0
    top = index.top(index.terms("absent words"), 5)
    assert top.ids.tolist() == [] and top.scores.tolist() == []
