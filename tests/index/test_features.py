"""The second stage's features: answer types, coverage, proximity, ranks (pure functions, no model)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.features import FEATURE_NAMES, CandidateInput, answer_type, features, idf_coverage, question_of
from index.lexical import tokenize


def flat_idf(tokens: list[str]) -> list[float]:
    return [1.0] * len(tokens)


def cand(text: str, *, title: str = "A headline", article: str = "a", dense: float = 0.5, lexical: float = 0.5,
         first: float = 0.5, age: float = math.inf, position: float = 0.0) -> CandidateInput:  # fmt: skip
    return CandidateInput(text, title, article, dense, lexical, first, age, position)


def row(question: str, *texts: str, **kw: object) -> np.ndarray:
    q = question_of(question, tokenize, flat_idf)
    return features(q, [cand(t, **kw) for t in texts], tokenize)  # type: ignore[arg-type]


def col(name: str) -> int:
    return FEATURE_NAMES.index(name)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who speaks for the Trump campaign?", "person"),
        ("When did Musk endorse Trump?", "date"),
        ("What year did the Rhine flood?", "date"),
        ("How many people were waiting?", "number"),
        ("How much did the bridge cost?", "number"),
        ("Where did Super Bowl 50 take place?", "place"),
        ("In which country is Punta Tombo?", "place"),
        ("What did the EU say?", None),
    ],
)
def test_answer_type_of_question(question: str, expected: str | None) -> None:
    assert answer_type(question) == expected


def test_who_question_matches_a_passage_naming_a_new_person() -> None:
    rows = row(
        "Who speaks for the Trump campaign?",
        "In a statement, Trump campaign spokesman Steven Cheung urged the EU to mind its business.",
        "The campaign said the event was a success for voters.",
    )
    assert rows[0, col("type_match")] == 1.0 and rows[0, col("type_person")] == 1.0
    assert rows[1, col("type_match")] == 0.0
    assert (rows[:, col("type_expected")] == 1.0).all()


def test_a_name_the_question_already_gives_is_not_an_answer() -> None:
    rows = row("Who met Elon Musk?", "Elon Musk spoke for an hour.", "Elon Musk met Donald Trump on Monday.")
    assert rows[0, col("type_person")] == 0.0
    assert rows[1, col("type_person")] == 1.0


def test_when_and_how_many_want_dates_and_numbers() -> None:
    when = row("When did the shop open?", "The shop opened in March 2019.", "The shop opened to crowds.")
    assert list(when[:, col("type_date")]) == [1.0, 0.0]
    many = row("How many people came?", "About 878,000 people came.", "Many people came.")
    assert list(many[:, col("type_number")]) == [1.0, 0.0]


def test_coverage_counts_question_terms_and_the_best_sentence() -> None:
    rows = row(
        "How tall is the Eiffel tower?",
        "The Eiffel tower is tall. It is in Paris.",
        "Paris has many towers.",
    )
    assert rows[0, col("coverage")] == pytest.approx(1.0)
    assert rows[0, col("sentence_coverage")] == pytest.approx(1.0)
    assert rows[1, col("coverage")] == pytest.approx(1 / 3)


def test_proximity_prefers_terms_close_together() -> None:
    rows = row("red fox jumps", "The red fox jumps high.", "The red car met a fox that later jumps.")
    assert rows[0, col("proximity")] == pytest.approx(1.0)
    assert 0 < rows[1, col("proximity")] < rows[0, col("proximity")]


def test_ranks_and_gap_follow_the_first_stage_scores() -> None:
    q = question_of("What is it?", tokenize, flat_idf)
    rows = features(q, [cand("One.", dense=0.2), cand("Two.", dense=0.8), cand("Three.", dense=0.5)], tokenize)
    assert list(rows[:, col("dense_rank")]) == pytest.approx([math.log1p(2), 0.0, math.log1p(1)])
    assert rows[1, col("dense_gap")] == 0.0 and rows[0, col("dense_gap")] == pytest.approx(-0.6)


def test_article_support_and_dates() -> None:
    q = question_of("What is it?", tokenize, flat_idf)
    cands = [cand("One.", article="a", dense=0.3), cand("Two.", article="a", dense=0.9, age=365.0), cand("Three.")]
    cands[2] = cand("Three.", article="b")
    rows = features(q, cands, tokenize)
    assert rows[0, col("article_support")] == pytest.approx(math.log1p(1))
    assert rows[0, col("article_best")] == pytest.approx(0.9)
    assert rows[1, col("recency")] == pytest.approx(0.5) and rows[1, col("undated")] == 0.0
    assert rows[0, col("recency")] == 0.0 and rows[0, col("undated")] == 1.0


def test_no_candidates_no_rows() -> None:
    q = question_of("Who?", tokenize, flat_idf)
    assert features(q, [], tokenize).shape == (0, len(FEATURE_NAMES))


@given(
    st.text(max_size=80),
    st.lists(st.tuples(st.text(max_size=200), st.text(max_size=40)), min_size=1, max_size=5),
)
def test_any_text_gives_finite_rows(question: str, texts: list[tuple[str, str]]) -> None:
    """Questions and passages come from outside: whatever they hold, every feature is a finite number."""
    q = question_of(question, tokenize, flat_idf)
    rows = features(q, [cand(t, title=title) for t, title in texts], tokenize)
    assert rows.shape == (len(texts), len(FEATURE_NAMES))
    assert np.isfinite(rows).all()


def test_idf_coverage_weighs_rare_terms_more() -> None:
    weights = {"bridg": 1.0, "cost": 3.0}
    assert idf_coverage(weights, ["repair", "cost"]) == pytest.approx(0.75)
    assert idf_coverage(weights, ["bridg"]) == pytest.approx(0.25)
    assert idf_coverage({}, ["bridg"]) == 0.0


WORDS = st.sampled_from(["bridg", "cost", "repair", "mayor", "librari", "festiv"])


@given(
    st.dictionaries(WORDS, st.floats(min_value=0.0, max_value=20.0)),
    st.lists(WORDS, max_size=8),
    st.lists(WORDS, max_size=8),
)
def test_idf_coverage_is_a_share_that_more_words_never_lower(
    weights: dict[str, float], tokens: list[str], more: list[str]
) -> None:
    share = idf_coverage(weights, tokens)
    assert 0.0 <= share <= 1.0 + 1e-9
    assert idf_coverage(weights, tokens + more) >= share - 1e-9
    if sum(weights.values()) > 0:
        assert idf_coverage(weights, list(weights)) == pytest.approx(1.0)
