"""The per-question record and the rotated JSON-lines files it is written to (plain calls, no Discord)."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.jsonl import JsonLines, read_entries, rotated
from bot.question_log import QuestionLog, anonymous, question_entry
from index.models import Answer, SearchResult

NOW = dt.datetime(2026, 11, 25, 2, 30, tzinfo=dt.UTC)


def answer(score: float, article_id: str = "a") -> Answer:
    return Answer("quote", article_id, "Title", None, None, f"{article_id}.txt", score, 0, 5)


def test_entry_of_an_answered_question() -> None:
    """An answered question: its text, answered, the first answer's score, the search time, the articles."""
    result = SearchResult("Who won?", [answer(0.8123, "x"), answer(0.5, "y")], 12.34)
    assert question_entry(result, NOW) == {"timestamp": "2026-11-25T02:30:00+00:00", "question": "Who won?",
                                           "answered": True, "top_score": 0.8123, "ms": 12.3,
                                           "article_ids": ["x", "y"]}


def test_entry_of_an_unanswered_question() -> None:
    """A question without an answer has no score and no articles."""
    entry = question_entry(SearchResult("Who won in 1998?", [], 3.0, no_answer=True), NOW)
    assert (entry["answered"], entry["top_score"], entry["article_ids"]) == (False, None, [])


@pytest.mark.parametrize(("question", "kept"), [
    ("what did <@123456789> write", "what did @someone write"),
    ("ask <@!42> and <@&7>", "ask @someone and <@&7>"),  # a role mention names no person
    ("no mention here", "no mention here"),
])
def test_user_mentions_are_blanked(question: str, kept: str) -> None:
    """A user mention is a user id: the record never holds it."""
    assert anonymous(question) == kept


async def test_record_logs_one_info_line_and_appends_one_entry(tmp_path: Path,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    """One INFO line (question, answered or not, top score, ms) and one JSON line per question."""
    caplog.set_level(logging.INFO, logger="bot.question_log")
    log = QuestionLog(tmp_path / "questions.jsonl")
    await log.record(SearchResult("Who won?", [answer(0.8123)], 12.34))
    await log.record(SearchResult("Who lost?", [], 3.0, no_answer=True))
    assert [r.getMessage() for r in caplog.records] == [
        "question 'Who won?': answered, top score 0.81, 12 ms",
        "question 'Who lost?': NOT answered, top score -, 3 ms",
    ]
    assert [e["question"] for e in read_entries(tmp_path / "questions.jsonl")] == ["Who won?", "Who lost?"]


def test_rotation_keeps_the_newest_files_and_reads_them_oldest_first(tmp_path: Path) -> None:
    """Past the size limit the file is rotated; `keep` copies remain and reading returns every kept entry in order."""
    path = tmp_path / "questions.jsonl"
    jsonl = JsonLines(path, max_bytes=100, keep=2)
    for number in range(20):
        jsonl.append_now({"n": number, "pad": "x" * 20})  # 41 bytes: two entries a file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["questions.jsonl", "questions.jsonl.1", "questions.jsonl.2"]
    assert all(p.stat().st_size <= 100 for p in tmp_path.iterdir())
    assert [e["n"] for e in read_entries(path)] == list(range(14, 20))


def test_reading_skips_damaged_lines_with_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A truncated or foreign line is skipped, naming the file and line; the others are read."""
    path = tmp_path / "questions.jsonl"
    rotated(path, 1).write_text('{"n": 1}\n{"n": 2', encoding="utf-8")
    path.write_bytes(b'[1, 2]\n\xff\xfe\n\n{"n": 3}\n')
    assert [e["n"] for e in read_entries(path)] == [1, 3]
    assert "questions.jsonl.1 line 2 is not a JSON object" in caplog.text
    assert "questions.jsonl line 1 is not a JSON object" in caplog.text


def test_reading_a_missing_log_gives_nothing(tmp_path: Path) -> None:
    """No questions yet: nothing to read, no error."""
    assert list(read_entries(tmp_path / "questions.jsonl")) == []


@settings(max_examples=50, deadline=None)
@given(st.lists(st.binary(max_size=40), max_size=10), st.lists(st.text(max_size=30), max_size=5))
def test_any_file_content_reads_without_error(tmp_path_factory: pytest.TempPathFactory, junk: list[bytes],
                                              questions: list[str]) -> None:
    """Whatever else is in the file, each entry written is read back unchanged."""
    path = tmp_path_factory.mktemp("log") / "questions.jsonl"
    path.write_bytes(b"\n".join(line.replace(b"\n", b" ").replace(b"{", b"(") for line in junk) + b"\n")
    jsonl = JsonLines(path)
    for question in questions:
        jsonl.append_now({"question": question})
    assert [e["question"] for e in read_entries(path)] == questions


async def test_concurrent_records_are_whole_lines(tmp_path: Path) -> None:
    """Records appended at once from worker threads are each one whole JSON line."""
    log = QuestionLog(tmp_path / "questions.jsonl")
    await asyncio.gather(*(log.record(SearchResult("Why? " * 500 + str(i), [], 1.0, no_answer=True))
                           for i in range(100)))
    lines = (tmp_path / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(int(json.loads(line)["question"].rsplit(" ", 1)[1]) for line in lines) == list(range(100))
