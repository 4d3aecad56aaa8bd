"""The cross-encoder's place in the search: which candidates it reads, how its score joins the first stage's."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.service import AnswerService
from index.embed import Embedder
from index.ranking import Candidate, article_lead, combined_order, cross_encoder_text, order_within_articles
from index.search import Searcher
from tests.conftest import make_settings

SEED_QUESTION = "Who speaks for the Trump campaign?"

scores_st = st.lists(st.floats(-5, 5, allow_nan=False, width=32), min_size=1, max_size=12)


@given(scores_st, st.data())
@settings(max_examples=80, deadline=None)
def test_combined_order_is_a_permutation_that_weight_zero_leaves_to_the_first_stage(first: list[float], data) -> None:
    cross = data.draw(st.lists(st.floats(-20, 20, allow_nan=False, width=32), min_size=len(first), max_size=len(first)))
    f, c = np.array(first, np.float32), np.array(cross, np.float32)
    order = combined_order(f, c, 0.05)
    assert sorted(order.tolist()) == list(range(len(first)))
    assert combined_order(f, c, 0.0).tolist() == np.argsort(-f, kind="stable").tolist()


@given(st.lists(st.integers(-1000, 1000), min_size=2, max_size=12, unique=True))
def test_a_heavy_weight_orders_by_the_cross_encoder(cross: list[int]) -> None:
    first = np.linspace(1.0, 0.5, len(cross)).astype(np.float32)
    order = combined_order(first, np.array(cross, np.float32), 1000.0)
    assert order.tolist() == np.argsort(-np.array(cross), kind="stable").tolist()


def test_the_sum_decides_a_close_first_stage_but_not_a_clear_one() -> None:
    first = np.array([0.90, 0.88, 0.50], np.float32)
    cross = np.array([-1.0, 2.0, 9.0], np.float32)
    # 0.90 - 0.05 < 0.88 + 0.10, while 0.50 + 0.45 falls short of 0.98.
    assert combined_order(first, cross, 0.05).tolist() == [1, 2, 0]
    assert combined_order(first, cross, 0.01).tolist() == [1, 0, 2]


@given(st.lists(st.sampled_from("abc"), min_size=1, max_size=10), st.data())
@settings(max_examples=80, deadline=None)
def test_order_within_articles_keeps_each_articles_places_and_sorts_its_passages(articles: list[str], data) -> None:
    n = len(articles)
    order = np.array(data.draw(st.permutations(range(n))), dtype=np.int64)
    score = np.array(data.draw(st.lists(st.floats(-5, 5, allow_nan=False), min_size=n, max_size=n)))
    out = order_within_articles(order, articles, score)
    assert sorted(out.tolist()) == list(range(n))
    assert [articles[j] for j in out] == [articles[j] for j in order]
    for article in set(articles):
        mine = [score[j] for j in out if articles[j] == article]
        assert mine == sorted(mine, reverse=True)


def test_order_within_articles_swaps_one_articles_passages_only() -> None:
    # Article a holds places 0 and 2; its second passage scores higher, so it moves up; b stays second.
    order = np.array([0, 1, 2])
    assert order_within_articles(order, ["a", "b", "a"], np.array([0.1, 9.0, 0.5])).tolist() == [2, 1, 0]
    # Ties keep the given order.
    assert order_within_articles(order, ["a", "a", "a"], np.zeros(3)).tolist() == [0, 1, 2]


def cand(index: int, article: str, score: float) -> Candidate:
    return Candidate(index, article, index * 10, index * 10 + 9, score, score)


def test_article_lead_counts_the_articles_best_passage_when_a_weaker_one_comes_first() -> None:
    reordered = [cand(1, "a", 0.7), cand(0, "a", 0.9), cand(2, "b", 0.6)]
    assert article_lead(reordered) == pytest.approx(0.3)


def test_cross_encoder_text_puts_the_title_first() -> None:
    assert cross_encoder_text("Budget vote", "The council met.") == "Budget vote: The council met."
    assert cross_encoder_text("", "The council met.") == "The council met."


class Recording:
    """A scorer that prefers passages holding `word`, and remembers what it was asked."""

    def __init__(self, word: str) -> None:
        self.word = word
        self.asked: list[tuple[str, list[str]]] = []

    def scores(self, question: str, passages: Sequence[str]) -> np.ndarray:
        self.asked.append((question, list(passages)))
        return np.array([100.0 if self.word in p else 0.0 for p in passages], np.float32)


def test_the_scorer_reads_the_question_and_the_first_depth_passages_with_titles(tiny_index: AnswerService) -> None:
    searcher = tiny_index._require_searcher()
    config = replace(searcher.config, cross_encoder=True, cross_encoder_depth=3)
    scorer = Recording("Cheung")
    cross = Searcher(searcher.index, searcher.embedder, config, cross_encoder=scorer)
    stage = cross.first_stage("What did the EU say about Musk?")
    reranked = cross.cross_rerank(stage)
    question, texts = scorer.asked[0]
    assert question == "What did the EU say about Musk?" and len(texts) == 3
    titles = {a: m.title for a, m in searcher.index.contents.articles.items()}
    assert texts[0].startswith(titles[stage.candidates[0].article_id] + ": ")
    # Only the head is reordered; the rest keeps the first stage's order.
    assert [c.index for c in reranked[3:]] == [c.index for c in stage.candidates[3:]]
    assert sorted(c.index for c in reranked[:3]) == sorted(c.index for c in stage.candidates[:3])
    # Scores stay the first stage's: min_score and the leading article read them.
    assert {c.index: c.score for c in reranked} == {c.index: c.score for c in stage.candidates}


def test_a_scorer_that_prefers_a_lower_passage_puts_it_first(tiny_index: AnswerService) -> None:
    searcher = tiny_index._require_searcher()
    stage = searcher.first_stage(SEED_QUESTION)
    # The lowest of the top 5 that is still strong enough to be quoted (min_score drops weaker ones).
    low = [c for c in stage.candidates[1:5] if c.relevance >= searcher.config.min_score][-1]
    text = searcher.index.contents.passages[low.index].text
    config = replace(searcher.config, cross_encoder=True, cross_encoder_depth=5, cross_encoder_weight=1.0)
    cross = Searcher(searcher.index, searcher.embedder, config, cross_encoder=Recording(text))
    first = cross.ask(SEED_QUESTION).answers[0]
    assert first.article_id == low.article_id and low.start <= first.start < low.end
    assert searcher.ask(SEED_QUESTION).answers[0].start != first.start


def test_cross_encoder_off_never_calls_a_scorer(tiny_index: AnswerService) -> None:
    searcher = tiny_index._require_searcher()
    scorer = Recording("Cheung")
    off = Searcher(searcher.index, searcher.embedder, replace(searcher.config, cross_encoder=False),
                   cross_encoder=scorer)  # fmt: skip
    off.ask(SEED_QUESTION)
    assert scorer.asked == [] and off.cross_encoder is None


def test_the_shipped_cross_encoder_answers_the_seed_question_with_its_spokesman(
    seed_articles: Path, tmp_path: Path, embedder: Embedder
) -> None:
    settings = make_settings(seed_articles, tmp_path / "index", cross_encoder=True)
    service = AnswerService(settings, embedder=embedder, progress=False)
    service.load()
    result = service.ask(SEED_QUESTION)
    assert "Steven Cheung" in result.answers[0].quote
    assert service._require_searcher().cross_encoder is not None


def test_a_pasted_paragraph_as_a_question_is_answered_with_the_shipped_cross_encoder(tiny_index: AnswerService) -> None:
    """A question longer than the cross-encoder reads (128 tokens) is cut, not refused with a tokenizer error."""
    searcher = tiny_index._require_searcher()
    config = replace(searcher.config, cross_encoder=True)
    shipped = Searcher(searcher.index, searcher.embedder, config)
    question = "Who speaks for the Trump campaign, and what did the campaign say about the EU? " * 12
    result = shipped.ask(question)
    assert shipped.cross_encoder is not None and result.answers
    assert any("Cheung" in a.quote for a in result.answers)


COUNCIL = """date 2024-03-01

Council budget vote

The city council voted on the budget on Monday. The budget vote passed by seven votes to two.

The council budget includes new money for roads. The mayor said the budget vote was a fair compromise.

Council members debated the budget vote for three hours. The budget now goes to the state.
"""
SCHOOL = """date 2024-02-01

School board meets

The school board discussed the council budget vote. Teachers hope the budget helps schools.
"""


def test_within_an_article_the_scorer_may_reorder_passages_but_not_which_article_leads(
    tmp_path: Path, embedder: Embedder
) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "council.txt").write_text(COUNCIL, encoding="utf-8")
    (articles / "school.txt").write_text(SCHOOL, encoding="utf-8")
    service = AnswerService(make_settings(articles, tmp_path / "index"), embedder=embedder, progress=False)
    service.load()
    searcher = service._require_searcher()
    question = "How did the council budget vote go?"
    stage = searcher.first_stage(question)
    leader = stage.candidates[0].article_id
    depth = 1 + next(i for i, c in enumerate(stage.candidates) if c.article_id != leader)
    head = stage.candidates[:depth]
    assert depth >= 3, "the leading article should hold two places before the other article's first"
    config = replace(searcher.config, cross_encoder=True, cross_encoder_depth=depth, cross_encoder_weight=0.0,
                     cross_encoder_article_weight=1000.0)  # fmt: skip
    texts = searcher.index.contents.passages

    def first_with(preferred: Candidate, cfg=config) -> list[Candidate]:
        scorer = Recording(texts[preferred.index].text)
        reranking = Searcher(searcher.index, searcher.embedder, cfg, cross_encoder=scorer)
        return reranking.cross_rerank(reranking.first_stage(question))

    # A scorer preferring the other article's passage cannot lift it above the leading article's places ...
    assert [c.index for c in first_with(head[-1])[:depth]] == [c.index for c in head]
    # ... one preferring a lower passage of the leading article puts that passage first ...
    assert first_with(head[-2])[0].index == head[-2].index
    # ... and across articles, weighted as heavily, the same scorer lifts the other article's passage.
    assert first_with(head[-1], replace(config, cross_encoder_weight=1000.0))[0].index == head[-1].index
