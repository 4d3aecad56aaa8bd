"""Ratings of answers, one JSON object a line in `<index_dir>/feedback.jsonl`; never a user's name or id."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from bot.jsonl import JsonLines
from bot.question_log import anonymous

log = logging.getLogger(__name__)

FILENAME = "feedback.jsonl"
Rating = Literal["up", "down"]


class FeedbackLog:
    """Append-only log of ratings."""

    def __init__(self, path: Path) -> None:
        self.file = JsonLines(path)

    @property
    def path(self) -> Path:
        return self.file.path

    async def record(self, rating: Rating, question: str, article_ids: Sequence[str], message_id: int) -> None:
        """Append one rating from a worker thread, so that disk I/O never blocks the event loop."""
        await self.file.append({
            "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "rating": rating,
            "question": anonymous(question),
            "article_ids": list(article_ids),
            "message_id": str(message_id),
        })
        log.debug("recorded a %s rating for message %d", rating, message_id)
