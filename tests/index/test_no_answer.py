"""The no-answer rule: answer only when the first-ranked quote clears `min_score`, then drop the weaker ones.

The searches run on one index over the seeds, loaded again with `min_score` varied.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.service import AnswerService
from index.embed import Embedder
from index.models import SearchResult
from index.ranking import narrow_quote
from tests.conftest import SEEDS, make_settings

# Questions about the seed article; at least one has a later quote more relevant than the first-ranked one
# (the first is ranked by the fused dense + lexical + recency score, `min_score` reads cosine relevance).
# None asks "what did X say": those questions also get the speaker's quotes, whatever their score.
QUESTIONS = [
    "Who speaks for the Trump campaign?",
    "How many people were waiting when the interview failed to start?",
    "What did the EU warn about?",
    "When did Musk endorse Trump?",
    "Who was banned from X?",
    "What happened during the conversation between Musk and Trump?",
    "Why did the interview start late?",
]


@pytest.fixture(scope="module")
def seeds_index(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    index = tmp_path_factory.mktemp("no-answer-index")
    AnswerService(make_settings(SEEDS, index), embedder=embedder, progress=False).rebuild()
    return index


def ask(index: Path, embedder: Embedder, question: str, min_score: float) -> SearchResult:
    service = AnswerService(make_settings(SEEDS, index, min_score=min_score), embedder=embedder, progress=False)
    service.load(build_if_missing=False)
    return service.ask(question, 5)


def test_min_score_below_everything_keeps_every_quote(seeds_index: Path, embedder: Embedder) -> None:
    """With no threshold to speak of, every question is answered with up to five quotes."""
    for question in QUESTIONS:
        result = ask(seeds_index, embedder, question, -1.0)
        assert not result.no_answer and result.answers and result.closest == []


def test_weaker_quotes_are_dropped_in_order(seeds_index: Path, embedder: Embedder) -> None:
    """A threshold just under the first quote keeps it and exactly the later quotes at least as strong, in order.

    Just under the first stage's best passage too: that passage decides whether the archive answers at all, and the
    cross-encoder may put another passage of its article, scored lower by the first stage, first.
    """
    dropped_some = False
    service = AnswerService(make_settings(SEEDS, seeds_index), embedder=embedder, progress=False)
    service.load(build_if_missing=False)
    searcher = service._require_searcher()
    for question in QUESTIONS:
        everything = ask(seeds_index, embedder, question, -1.0).answers
        best = searcher.first_stage(question).candidates[0].relevance
        threshold = min(everything[0].score, best) - 1e-6
        kept = ask(seeds_index, embedder, question, threshold).answers
        assert [a.quote for a in kept] == [a.quote for a in everything if a.score >= threshold]
        dropped_some |= len(kept) < len(everything)
    assert dropped_some, "no question had a weaker later quote to drop"


def test_a_weak_first_quote_means_no_answer_even_if_a_later_one_is_strong(
    seeds_index: Path, embedder: Embedder
) -> None:
    """The first stage's best passage is the one read: under the threshold it means 'no answer', whatever the
    quotes score (a second stage changes which quote comes first, not whether the archive answers)."""
    service = AnswerService(make_settings(SEEDS, seeds_index), embedder=embedder, progress=False)
    service.load(build_if_missing=False)
    searcher = service._require_searcher()
    cases = []
    for question in QUESTIONS:
        answers = ask(seeds_index, embedder, question, -1.0).answers
        best = searcher.first_stage(question).candidates[0].relevance
        stronger = max((a.score for a in answers), default=-1.0)
        if stronger > best:
            cases.append((question, (best + stronger) / 2))
    assert cases, "no question had a quote more relevant than the first stage's best passage"
    for question, between in cases:
        result = ask(seeds_index, embedder, question, between)
        assert result.no_answer and result.answers == [], question
        assert 1 <= len(result.closest) <= 3


def test_threshold_above_every_quote_gives_the_closest_titles(seeds_index: Path, embedder: Embedder) -> None:
    """Above every score: no answer, and the closest article titles instead."""
    result = ask(seeds_index, embedder, QUESTIONS[0], 1.01)
    assert result.no_answer and result.answers == []
    assert result.closest and len(result.closest) == len(set(result.closest))


# ---- narrow_quote: keep one sentence of a long quote only when it clearly shares more of the question ---------

SPANS = [(0, 40), (41, 90), (91, 130)]


@pytest.mark.parametrize(
    ("spans", "overlap", "words", "expected"),
    [
        (SPANS, [0, 3, 0], 45, (0, 130)),  # short enough: the whole quote
        (SPANS, [0, 3, 0], 46, (41, 90)),  # long, one sentence leads by 3
        (SPANS, [1, 3, 0], 46, (41, 90)),  # leads by exactly the margin
        (SPANS, [2, 3, 0], 46, (0, 130)),  # leads by less than the margin
        (SPANS, [3, 0, 3], 46, (0, 130)),  # a tie
        (SPANS, [0, 0, 0], 200, (0, 130)),  # nothing shared
        ([(5, 300)], [9], 200, (5, 300)),  # one sentence is never narrowed
        ([(0, 40), (41, 90)], [4, 1], 80, (0, 40)),  # the first sentence may be the one kept
    ],
)
def test_narrow_quote(spans: list[tuple[int, int]], overlap: list[int], words: int,
                      expected: tuple[int, int]) -> None:
    """Only a quote over `max_words` is narrowed, and only to a sentence leading by `margin` query terms."""
    assert narrow_quote(spans, overlap, words, max_words=45, margin=2) == expected
