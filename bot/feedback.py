"""Ratings of answers, one JSON object a line in `<index_dir>/feedback.jsonl`; never a user's name or id."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

log = logging.getLogger(__name__)

FILENAME = "feedback.jsonl"
Rating = Literal["up", "down"]


class FeedbackLog:
    """Append-only log of ratings; a lock keeps concurrent appends from interleaving."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    async def record(self, rating: Rating, question: str, article_ids: Sequence[str], message_id: int) -> None:
        """Append one rating from a worker thread, so that disk I/O never blocks the event loop."""
        entry = {
            "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "rating": rating,
            "question": question,
            "article_ids": list(article_ids),
            "message_id": str(message_id),
        }
        await asyncio.to_thread(self._append, json.dumps(entry, ensure_ascii=False) + "\n")
        log.debug("recorded a %s rating for message %d", rating, message_id)

    def _append(self, line: str) -> None:
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as out:
                out.write(line)
