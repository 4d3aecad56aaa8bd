"""A question that is only a period lists that period's articles, newest first, with their ledes (issue 9, 8)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.service import AnswerService
from index.embed import Embedder
from tests.conftest import make_settings

DAYS = ["2019-07-30", "2019-08-02", "2019-08-15", "2019-08-31", "2019-09-01", "2024-06-03", "2024-06-05"]


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerService:
    """Seven short articles around August 2019 and one week in June 2024, indexed once."""
    root = tmp_path_factory.mktemp("period")
    articles = root / "articles"
    articles.mkdir()
    for n, day in enumerate(DAYS):
        (articles / f"a{n}.md").write_text(
            f"---\ntitle: Story {n}\ndate: {day}\n---\n\nLede of story {n} about the harbour. Second sentence {n}.\n",
            encoding="utf-8",
        )
    settings = make_settings(articles, root / "index", today=dt.date(2024, 6, 10))
    service = AnswerService(settings, embedder=embedder, progress=False)
    service.load()
    return service


@pytest.mark.parametrize("question", ["August 2019", "in August 2019?", "  august 2019. "])
def test_month_alone_lists_its_articles_newest_first_with_ledes(dated: AnswerService, question: str) -> None:
    """Every article of the month, newest first, each quoted by its lede at its true offsets."""
    result = dated.ask(question, top_k=None)
    assert not result.no_answer
    assert [a.date.isoformat() for a in result.answers if a.date] == ["2019-08-31", "2019-08-15", "2019-08-02"]
    assert result.date_range is not None and result.date_range.start == dt.date(2019, 8, 1)
    articles = dated.settings.articles_dir
    for answer in result.answers:
        assert answer.quote.startswith("Lede of story") and answer.quote.endswith("harbour.")
        assert (articles / answer.path).read_text(encoding="utf-8")[answer.start : answer.end] == answer.quote


def test_relative_period_alone_lists_its_articles(dated: AnswerService) -> None:
    """'last week' (relative to search.today) lists the articles of that week."""
    result = dated.ask("last week")
    assert [a.title for a in result.answers] == ["Story 6", "Story 5"]


def test_a_period_inside_a_real_question_still_searches(dated: AnswerService) -> None:
    """A question with words besides the period is searched as before, filtered to the period."""
    # Not "What did story 2 say about …": since issue 15 that is a question about a speaker named "story 2".
    result = dated.ask("What happened in story 2 about the harbour in August 2019?")
    assert result.answers and all(a.date and a.date.month == 8 for a in result.answers)
    assert result.answers[0].title == "Story 2"
