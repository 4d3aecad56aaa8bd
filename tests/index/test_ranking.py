"""Tests for the pure ranking steps: top ids, rank fusion, answer selection and recency."""

from __future__ import annotations

import numpy as np
import pytest

from index.ranking import Candidate, article_lead, recency_factor, rrf_fuse, select_answers, top_ids

# --- top_ids -------------------------------------------------------------------------------------------


def test_top_ids_best_first() -> None:
    """top_ids returns the k highest scores, best first."""
    scores = np.array([0.1, 0.9, 0.5, 0.7, 0.3], dtype=np.float32)
    assert top_ids(scores, 3).tolist() == [1, 3, 2]


def test_top_ids_k_larger_than_scores() -> None:
    """Asking for more ids than there are scores returns them all, negative and zero ones included."""
    scores = np.array([0.0, 0.4, -0.2, 0.8], dtype=np.float32)
    assert top_ids(scores, 10).tolist() == [3, 1, 0, 2]


def test_top_ids_empty() -> None:
    """No scores give an empty result."""
    assert top_ids(np.zeros(0, dtype=np.float32), 3).tolist() == []


def test_top_ids_zero_k() -> None:
    """k of zero returns nothing."""
    assert top_ids(np.array([0.5, 0.6]), 0).tolist() == []


def test_top_ids_returns_integers() -> None:
    """The ids are integer indices usable for lookups."""
    assert top_ids(np.array([0.2, 0.4]), 2).dtype.kind == "i"


def test_top_ids_does_not_change_scores() -> None:
    """Ranking leaves the caller's scores untouched."""
    scores = np.array([0.8, 0.9], dtype=np.float32)
    top_ids(scores, 2)
    assert scores.tolist() == pytest.approx([0.8, 0.9])


# --- rrf_fuse ------------------------------------------------------------------------------------------


def test_rrf_single_ranking_scores() -> None:
    """One ranking gives each id weight / (k + rank), ranks from 1."""
    fused = rrf_fuse([(np.array([7, 3]), 1.0)], k=60)
    assert fused == pytest.approx({7: 1 / 61, 3: 1 / 62})


def test_rrf_weights_scale_contributions() -> None:
    """A ranking's weight multiplies what it adds."""
    fused = rrf_fuse([(np.array([1]), 2.0), (np.array([2]), 0.5)], k=10)
    assert fused == pytest.approx({1: 2.0 / 11, 2: 0.5 / 11})


def test_rrf_heavier_ranking_wins_tie() -> None:
    """Two ids at the same rank in different rankings are ordered by the rankings' weights."""
    fused = rrf_fuse([(np.array([1, 2]), 1.0), (np.array([3, 4]), 3.0)], k=60)
    assert max(fused, key=fused.get) == 3


@pytest.mark.parametrize("weight", [0.0, -1.0])
def test_rrf_zero_weight_ignored(weight: float) -> None:
    """A ranking with zero (or negative) weight adds nothing, not even its ids."""
    fused = rrf_fuse([(np.array([1, 2]), 1.0), (np.array([3, 1]), weight)], k=60)
    assert fused == pytest.approx({1: 1 / 61, 2: 1 / 62})


def test_rrf_id_in_both_rankings_ranks_higher() -> None:
    """An id found by both rankings beats ids found by only one, even at their top."""
    dense = np.array([10, 20, 30])
    lexical = np.array([40, 50, 30])
    fused = rrf_fuse([(dense, 1.0), (lexical, 1.0)], k=60)
    assert max(fused, key=fused.get) == 30
    assert fused[30] == pytest.approx(2 / 63)


def test_rrf_empty_rankings() -> None:
    """No rankings, or empty ones, fuse to nothing."""
    assert rrf_fuse([], k=60) == {}
    assert rrf_fuse([(np.array([], dtype=np.int64), 1.0)], k=60) == {}


def test_rrf_keys_are_python_ints() -> None:
    """Fused ids are plain ints, so they compare and hash like list indices."""
    fused = rrf_fuse([(np.array([5], dtype=np.int64), 1.0)], k=60)
    assert [type(key) for key in fused] == [int]


# --- select_answers ------------------------------------------------------------------------------------


def orthogonal(n: int) -> np.ndarray:
    """n unit vectors, mutually orthogonal: no two passages are near-duplicates."""
    return np.eye(n, dtype=np.float32)


def cand(index: int, article: str, start: int, end: int, score: float = 1.0) -> Candidate:
    return Candidate(index, article, start, end, score, relevance=score)


def select(
    ranked: list[Candidate],
    vectors: np.ndarray,
    *,
    top_k: int = 5,
    max_per_article: int = 2,
    duplicate_similarity: float = 0.9,
    titles: dict[str, str] | None = None,
) -> list[Candidate]:
    return select_answers(
        ranked,
        vectors,
        top_k=top_k,
        max_per_article=max_per_article,
        duplicate_similarity=duplicate_similarity,
        titles=titles or {},
    )


def test_select_keeps_ranking_order() -> None:
    """Chosen answers keep the ranking's order."""
    ranked = [cand(0, "a", 0, 10), cand(1, "b", 0, 10), cand(2, "c", 0, 10)]
    assert [c.index for c in select(ranked, orthogonal(3))] == [0, 1, 2]


def test_select_drops_overlapping_span_in_same_article() -> None:
    """A passage overlapping a kept one from the same article is dropped."""
    ranked = [cand(0, "a", 0, 50), cand(1, "a", 40, 90), cand(2, "a", 50, 90)]
    assert [c.index for c in select(ranked, orthogonal(3))] == [0, 2]


def test_select_no_overlapping_spans_from_one_article() -> None:
    """Among many overlapping windows, the chosen spans of one article never overlap."""
    ranked = [cand(i, "a", 10 * i, 10 * i + 25) for i in range(10)]
    chosen = select(ranked, orthogonal(10), top_k=10, max_per_article=10)
    spans = sorted((c.start, c.end) for c in chosen)
    assert all(prev_end <= start for (_, prev_end), (start, _) in zip(spans, spans[1:]))
    assert len(chosen) >= 3


def test_select_same_offsets_in_other_articles_are_not_overlaps() -> None:
    """Equal offsets in different articles are not overlapping text."""
    ranked = [cand(0, "a", 0, 50), cand(1, "b", 0, 50)]
    assert [c.article_id for c in select(ranked, orthogonal(2))] == ["a", "b"]


def test_select_adjacent_spans_do_not_overlap() -> None:
    """A span ending where another starts does not overlap it."""
    ranked = [cand(0, "a", 0, 50), cand(1, "a", 50, 90)]
    assert [c.index for c in select(ranked, orthogonal(2))] == [0, 1]


@pytest.mark.parametrize("max_per_article", [1, 2, 3])
def test_select_max_per_article(max_per_article: int) -> None:
    """At most max_per_article answers come from one article; the next article still gets its turn."""
    ranked = [cand(i, "a", 100 * i, 100 * i + 50) for i in range(5)] + [cand(5, "b", 0, 50)]
    chosen = select(ranked, orthogonal(6), top_k=10, max_per_article=max_per_article)
    assert [c.article_id for c in chosen] == ["a"] * max_per_article + ["b"]


@pytest.mark.parametrize("top_k", [1, 2, 4])
def test_select_top_k(top_k: int) -> None:
    """No more than top_k answers are returned."""
    ranked = [cand(i, f"art{i}", 0, 10) for i in range(6)]
    assert [c.index for c in select(ranked, orthogonal(6), top_k=top_k)] == list(range(top_k))


def test_select_fewer_candidates_than_top_k() -> None:
    """With fewer usable candidates than top_k, all of them are returned."""
    ranked = [cand(0, "a", 0, 10), cand(1, "b", 0, 10)]
    assert len(select(ranked, orthogonal(2), top_k=5)) == 2


def test_select_empty_ranking() -> None:
    """An empty ranking gives no answers."""
    assert select([], np.zeros((0, 3), dtype=np.float32)) == []


def near_duplicate_vectors() -> np.ndarray:
    """Passage 0 and 1 are near-identical; 2 and 3 are unrelated to them and to each other."""
    vectors = np.array(
        [[1.0, 0.0, 0.0, 0.0], [0.99, 0.141, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0]],
        dtype=np.float32,
    )
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_near_duplicate_from_other_article_folded_into_also_in() -> None:
    """A near-duplicate from another article is listed, by title, in the kept answer's also_in."""
    ranked = [cand(0, "wire/original", 0, 50), cand(1, "local/copy", 0, 50), cand(2, "c", 0, 50)]
    titles = {"wire/original": "Original story", "local/copy": "Local reprint"}
    chosen = select(ranked, near_duplicate_vectors(), titles=titles)
    assert [c.index for c in chosen] == [0, 2]
    assert chosen[0].also_in == ["Local reprint"]


def test_near_duplicate_does_not_take_a_slot() -> None:
    """A folded near-duplicate leaves its slot to the next distinct answer."""
    ranked = [cand(0, "a", 0, 50), cand(1, "b", 0, 50), cand(2, "c", 0, 50), cand(3, "d", 0, 50)]
    chosen = select(ranked, near_duplicate_vectors(), top_k=3)
    assert [c.article_id for c in chosen] == ["a", "c", "d"]


def test_near_duplicate_title_falls_back_to_id() -> None:
    """A near-duplicate whose article has no known title is named by its id."""
    ranked = [cand(0, "a", 0, 50), cand(1, "b/copy", 0, 50)]
    chosen = select(ranked, near_duplicate_vectors())
    assert chosen[0].also_in == ["b/copy"]


def test_near_duplicate_title_listed_once() -> None:
    """The same article folded twice is listed once in also_in."""
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0]], dtype=np.float32)
    ranked = [cand(0, "a", 0, 50), cand(1, "b", 0, 50), cand(2, "b", 60, 90)]
    chosen = select(ranked, vectors, titles={"b": "B story"})
    assert [c.index for c in chosen] == [0]
    assert chosen[0].also_in == ["B story"]


def test_below_duplicate_similarity_is_kept() -> None:
    """Passages less similar than duplicate_similarity are separate answers."""
    ranked = [cand(0, "a", 0, 50), cand(1, "b", 0, 50)]
    chosen = select(ranked, near_duplicate_vectors(), duplicate_similarity=0.999)
    assert [c.index for c in chosen] == [0, 1]
    assert chosen[0].also_in == []


def test_near_duplicate_from_same_article_not_listed_in_also_in() -> None:
    """A near-duplicate elsewhere in the same article is dropped without naming its own article."""
    ranked = [cand(0, "a", 0, 50), cand(1, "a", 100, 150)]
    chosen = select(ranked, near_duplicate_vectors(), titles={"a": "A story"})
    assert [c.index for c in chosen] == [0]
    assert chosen[0].also_in == []


# --- recency_factor ------------------------------------------------------------------------------------


def test_recency_none_is_ones() -> None:
    """Without a half-life, or with zero weight, every multiplier is 1."""
    ages = np.array([0, 10, 1000, 100000])
    assert recency_factor(ages, None, 0.1).tolist() == [1.0, 1.0, 1.0, 1.0]
    assert recency_factor(ages, 30.0, 0.0).tolist() == [1.0, 1.0, 1.0, 1.0]


def test_recency_newer_beats_older() -> None:
    """A newer article weighs more than an older one."""
    weights = recency_factor(np.array([0.0, 30.0, 365.0, 3650.0]), 90.0, 0.1)
    assert weights[0] > weights[1] > weights[2] > weights[3]


def test_recency_today_is_one() -> None:
    """An article from today weighs 1."""
    assert recency_factor(np.array([0.0]), 30.0, 0.1)[0] == pytest.approx(1.0)


def test_recency_half_life() -> None:
    """After one half-life half the weight is lost."""
    assert recency_factor(np.array([30.0]), 30.0, 0.2)[0] == pytest.approx(0.9)


@pytest.mark.parametrize("age", [0.0, 1.0, 365.0, 10_000.0, 1e9, np.inf])
def test_recency_never_below_floor(age: float) -> None:
    """However old (or undated) an article, it loses at most the weight."""
    assert recency_factor(np.array([age]), 7.0, 0.1)[0] >= 0.9 - 1e-6


def test_recency_undated_loses_the_whole_weight() -> None:
    """An undated article (age inf) gets the floor, never the boost of a new one."""
    assert recency_factor(np.array([np.inf]), 30.0, 0.1)[0] == pytest.approx(0.9)


def test_recency_future_dates_clipped() -> None:
    """An article dated after today weighs no more than one from today."""
    assert recency_factor(np.array([-10.0]), 30.0, 0.1)[0] == pytest.approx(1.0)


def test_recency_shape_and_dtype() -> None:
    """The weights have the ages' shape, as float32."""
    weights = recency_factor(np.array([1, 2, 3]), 10.0, 0.1)
    assert weights.shape == (3,) and weights.dtype == np.float32


def test_select_first_article_may_give_more_than_the_cap() -> None:
    """When one article carries the answer, its third passage is not hidden; other articles keep the cap."""
    ranked = [cand(i, "a" if i < 4 else "b", i * 10, i * 10 + 5) for i in range(7)]
    chosen = select_answers(
        ranked, orthogonal(7), top_k=5, max_per_article=2, duplicate_similarity=0.9, titles={},
        max_from_first_article=3,
    )  # fmt: skip
    assert [c.article_id for c in chosen] == ["a", "a", "a", "b", "b"]


def test_select_cap_of_later_articles_unchanged_by_first_article_cap() -> None:
    ranked = [cand(0, "a", 0, 5)] + [cand(i, "b", i * 10, i * 10 + 5) for i in range(1, 5)]
    chosen = select_answers(
        ranked, orthogonal(5), top_k=5, max_per_article=2, duplicate_similarity=0.9, titles={},
        max_from_first_article=4,
    )  # fmt: skip
    assert [c.article_id for c in chosen] == ["a", "b", "b"]


@pytest.mark.parametrize(
    ("other_score", "expected"),
    [
        # Article a leads b by 0.3 >= 0.2: the answer is in a, which may give all the quotes.
        (0.7, ["a"] * 5),
        # b comes within 0.1: a keeps its cap of 3 and b gets its slots.
        (0.9, ["a", "a", "a", "b"]),
    ],
)
def test_select_leading_article_fills_every_slot_only_by_the_margin(other_score: float, expected: list[str]) -> None:
    ranked = [cand(i, "a", i * 10, i * 10 + 5, score=1.0 - 0.01 * i) for i in range(5)]
    ranked.append(cand(5, "b", 0, 5, other_score))
    chosen = select_answers(
        ranked, orthogonal(6), top_k=5, max_per_article=2, duplicate_similarity=0.9, titles={},
        max_from_first_article=3, lead_margin=0.2,
    )  # fmt: skip
    assert [c.article_id for c in chosen] == expected


def test_article_lead() -> None:
    """The lead is the best passage's score over the best of any other article; one article leads without end."""
    assert article_lead([cand(0, "a", 0, 5, 0.9), cand(1, "a", 5, 9, 0.8), cand(2, "b", 0, 5, 0.6)]) == pytest.approx(
        0.3
    )
    assert article_lead([cand(0, "a", 0, 5, 0.9), cand(1, "a", 5, 9, 0.8)]) == float("inf")
    assert article_lead([]) == 0.0
