"""One record per question put to the bot: an INFO log line, and a line in `<index_dir>/questions.jsonl`.

Neither holds who asked: no user name or id, and user mentions in the question are blanked.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path
from typing import Any

from bot.jsonl import JsonLines
from index.models import SearchResult

log = logging.getLogger(__name__)

FILENAME = "questions.jsonl"
_USER_MENTION = re.compile(r"<@!?\d+>")
ANONYMOUS = "@someone"


def question_entry(result: SearchResult, now: dt.datetime | None = None) -> dict[str, Any]:
    """The record of one answered (or unanswered) question, as written to questions.jsonl."""
    now = now or dt.datetime.now(dt.UTC)
    return {
        "timestamp": now.isoformat(timespec="seconds"),
        "question": anonymous(result.question),
        "answered": not result.no_answer,
        "top_score": round(result.answers[0].score, 4) if result.answers else None,
        "ms": round(result.took_ms, 1),
        "article_ids": [a.article_id for a in result.answers],
    }


def anonymous(question: str) -> str:
    """`question` with user mentions (`<@123>`) blanked, since a mention is a user id."""
    return _USER_MENTION.sub(ANONYMOUS, question)


class QuestionLog:
    """What the answer path calls once per question (not per "More" page)."""

    def __init__(self, path: Path) -> None:
        self.file = JsonLines(path)

    async def record(self, result: SearchResult) -> None:
        entry = question_entry(result)
        score = "-" if entry["top_score"] is None else f"{entry['top_score']:.2f}"
        log.info("question %r: %s, top score %s, %.0f ms", entry["question"],
                 "answered" if entry["answered"] else "NOT answered", score, entry["ms"])
        await self.file.append(entry)
