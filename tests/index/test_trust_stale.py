"""Answers say when their article file changed since it was indexed (issue 9, failure 10)."""

from __future__ import annotations

from pathlib import Path

from bot.discord_format import source_line as discord_source
from bot.formatting import render_result
from bot.service import AnswerService

QUESTION = "Who speaks for the Trump campaign?"


def test_answer_from_an_edited_article_is_marked_stale(tiny_index: AnswerService, seed_articles: Path) -> None:
    """Before the edit no answer is stale; after it, every quote of that article is, in JSON and both renderings."""
    fresh = tiny_index.ask(QUESTION)
    assert fresh.answers and not any(a.stale for a in fresh.answers)
    assert fresh.to_json()["answers"][0]["stale"] is False
    assert "changed since" not in render_result(fresh)

    seed = next(seed_articles.glob("*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8").replace("Steven Cheung", "Steve Chung"), encoding="utf-8")
    edited = tiny_index.ask(QUESTION)
    assert edited.answers and all(a.stale for a in edited.answers)
    assert edited.to_json()["answers"][0]["stale"] is True
    assert "changed since" in render_result(edited)
    assert "changed since" in discord_source(edited.answers[0])

    seed.unlink()
    assert all(a.stale for a in tiny_index.ask(QUESTION).answers)


def test_speaker_answers_from_an_edited_article_are_marked_stale(
    tiny_index: AnswerService, seed_articles: Path
) -> None:
    """Someone's quoted words, answered from the stored quotations rather than the passages, carry the flag too."""
    question = "What did Steven Cheung say about the EU?"
    assert tiny_index.ask(question).kind == "speaker"
    assert not any(a.stale for a in tiny_index.ask(question).answers + tiny_index.quotes("Steven Cheung").answers)

    seed = next(seed_articles.glob("*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA correction was added.\n", encoding="utf-8")
    said, listed = tiny_index.ask(question), tiny_index.quotes("Steven Cheung")
    assert said.answers and all(a.stale for a in said.answers)
    assert listed.answers and all(a.stale for a in listed.answers)
