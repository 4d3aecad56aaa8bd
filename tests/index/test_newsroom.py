"""Newsroom behaviour over the real Wikinews archive: dates in questions, recency, duplicates, no answer."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.service import AnswerService
from index.search import Searcher
from tests.conftest import SEEDS, WIKINEWS, make_settings, require_shared

NOTRE_DAME = "2019-04-16-notre-dame-in-paris-catches-fire.md"
# The wire-copy test's "today": recency alone tells the two copies apart, and its boost fades as they age
# (from about 2060 on it is below float32's resolution and the older copy would win).
WIRE_TODAY = dt.date(2019, 5, 1)


def searcher_with(service: AnswerService, **config: object) -> Searcher:
    """A searcher over the service's loaded index with some settings changed (e.g. a fixed today)."""
    base = service._require_searcher()
    return Searcher(base.index, base.embedder, dataclasses.replace(base.config, **config))


def test_month_in_question_filters_articles(wikinews_service: AnswerService) -> None:
    """'in April 2019' searches only April 2019 and says so; the Notre-Dame fire is found there."""
    result = wikinews_service.ask("What burned in Paris in April 2019?")
    assert result.date_range is not None
    assert (result.date_range.start, result.date_range.end) == (dt.date(2019, 4, 1), dt.date(2019, 4, 30))
    assert result.date_range.describe() == "Searching articles from 2019-04-01 to 2019-04-30"
    assert result.answers and all(dt.date(2019, 4, 1) <= a.date <= dt.date(2019, 4, 30) for a in result.answers)
    assert result.answers[0].path == NOTRE_DAME


def test_relative_dates_follow_the_configured_today(wikinews_service: AnswerService) -> None:
    """'last month' is relative to `today`: with today in May 2019 it means April 2019."""
    searcher = searcher_with(wikinews_service, today=dt.date(2019, 5, 20))
    result = searcher.ask("Which cathedral caught fire last month?")
    assert (result.date_range.start, result.date_range.end) == (dt.date(2019, 4, 1), dt.date(2019, 4, 30))
    assert result.answers[0].path == NOTRE_DAME


def test_explicit_since_until_override(wikinews_service: AnswerService) -> None:
    """--since/--until restrict answers to that range even when the question names none."""
    result = wikinews_service.ask("Who was killed in a fire?", since=dt.date(2020, 6, 1), until=dt.date(2020, 12, 31))
    assert result.date_range.to_json() == {"from": "2020-06-01", "to": "2020-12-31"}
    assert result.answers and all(dt.date(2020, 6, 1) <= a.date <= dt.date(2020, 12, 31) for a in result.answers)


def test_question_without_dates_searches_everything(wikinews_service: AnswerService) -> None:
    """No date in the question: no range, and answers may come from any year."""
    result = wikinews_service.ask("Which cathedral in Paris caught fire?")
    assert result.date_range is None
    assert result.answers[0].path == NOTRE_DAME


def test_squad_question_has_no_answer_in_news_archive(wikinews_service: AnswerService) -> None:
    """A question the archive cannot answer gets no quotes, only the closest article titles."""
    result = wikinews_service.ask("What is the Rhine's largest tributary by water volume?")
    assert result.no_answer and result.answers == []
    assert 1 <= len(result.closest) <= 3
    assert result.to_json()["answers"] == [] and result.to_json()["no_answer"] is True


@pytest.fixture
def wire_copy_archive(tmp_path: Path, embedder) -> AnswerService:  # noqa: ANN001 - session fixture
    """The seeds, the Notre-Dame article, and a wire copy of it, word for word, dated a day later."""
    require_shared(WIKINEWS)
    articles = tmp_path / "articles"
    shutil.copytree(SEEDS, articles)
    original = (WIKINEWS / NOTRE_DAME).read_text(encoding="utf-8")
    (articles / NOTRE_DAME).write_text(original, encoding="utf-8")
    copy = original.replace("date: '2019-04-16'", "date: '2019-04-17'")
    assert copy != original
    (articles / "wire-copy.md").write_text(copy, encoding="utf-8")
    settings = make_settings(articles, tmp_path / "index", today=WIRE_TODAY)
    service = AnswerService(settings, embedder=embedder, progress=False)
    service.load()
    return service


def test_recency_counts_from_the_newest_article_when_the_archive_ends_before_today(
    wire_copy_archive: AnswerService,
) -> None:
    """Decades after the archive's last article the newer copy still leads: ages count from that article, so
    the 2019 copies are not both aged past every half-life (counted from today they would tie, and the older
    would come first)."""
    searcher = searcher_with(wire_copy_archive, today=dt.date(2090, 1, 1))
    top = searcher.ask("Which cathedral in Paris caught fire?").answers[0]
    assert top.article_id == "wire-copy"


def test_wire_copy_is_collapsed_into_one_answer(wire_copy_archive: AnswerService) -> None:
    """Identical passages in two articles give one answer, from the newer article, 'also in' the other.

    Only the date differs between the copies, so the newer one leads by recency alone, as of the pinned today.
    """
    result = wire_copy_archive.ask("Which cathedral in Paris caught fire?")
    top = result.answers[0]
    assert top.article_id == "wire-copy" and top.date == dt.date(2019, 4, 17)
    assert top.also_in == ("Notre Dame in Paris catches fire",)
    quotes = [a.quote for a in result.answers]
    assert len(quotes) == len(set(quotes))
