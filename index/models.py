"""Plain data records passed between the pipeline's steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Article:
    """One article file: `text` is the whole decoded file, so offsets into it are offsets into the file."""

    id: str
    path: str
    text: str
    body_start: int
    title: str
    title_derived: bool
    date: dt.date | None
    url: str | None
    author: str | None
    content_hash: str
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Passage:
    """A span of consecutive sentences of one article: `text == article.text[start:end]`."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Answer:
    """One verbatim quote with its source."""

    quote: str
    article_id: str
    title: str
    date: dt.date | None
    url: str | None
    path: str
    score: float
    start: int
    end: int
    also_in: tuple[str, ...] = ()
    stale: bool = False  # the article file changed since indexing: the quote may no longer be at start:end
    speaker: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "quote": self.quote,
            "article_id": self.article_id,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "url": self.url,
            "path": self.path,
            "score": round(self.score, 4),
            "start": self.start,
            "end": self.end,
            "also_in": list(self.also_in),
            "stale": self.stale,
            "speaker": self.speaker,
        }


@dataclass(frozen=True)
class DateRange:
    """An inclusive range of article dates; either end may be open."""

    start: dt.date | None
    end: dt.date | None

    def contains(self, day: dt.date | None) -> bool:
        if day is None:
            return False
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def describe(self) -> str:
        if self.start and self.end:
            return f"Searching articles from {self.start.isoformat()} to {self.end.isoformat()}"
        if self.start:
            return f"Searching articles from {self.start.isoformat()} on"
        if self.end:
            return f"Searching articles up to {self.end.isoformat()}"
        return "Searching all articles"

    def to_json(self) -> dict[str, str | None]:
        return {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
        }


@dataclass(frozen=True)
class SearchResult:
    """The answer to one question; `no_answer` means nothing cleared the relevance threshold.

    `widened_from`: dates read from the question that were not applied, because no article from them answered,
    so the whole archive was searched.
    """

    question: str
    answers: list[Answer]
    took_ms: float
    date_range: DateRange | None = None
    no_answer: bool = False
    closest: list[str] = field(default_factory=list)
    # Questions about people and stories (index/people_search.py): "speaker", "author", "timeline" or "quotes".
    kind: str = "topic"
    person: str | None = None
    note: str | None = None
    widened_from: DateRange | None = None

    def scope(self) -> str | None:
        """The line telling which articles were searched, when the question narrowed or tried to."""
        if self.widened_from is not None:
            return self.widened_from.describe().replace("Searching articles", "No article", 1) + (
                " answers that, so all articles were searched"
            )
        return self.date_range.describe() if self.date_range is not None else None

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answers": [a.to_json() for a in self.answers],
            "took_ms": round(self.took_ms, 2),
            "date_range": self.date_range.to_json() if self.date_range else None,
            "no_answer": self.no_answer,
            "closest": list(self.closest),
            "kind": self.kind,
            "person": self.person,
            "note": self.note,
            "widened_from": self.widened_from.to_json() if self.widened_from else None,
        }


@dataclass(frozen=True)
class IndexStats:
    """What `index status` and the bot's `/status` show."""

    articles: int
    passages: int
    model: str
    built_at: str
    index_type: str
    skipped: int = 0


@dataclass(frozen=True)
class BuildSummary:
    """Counts of one index build."""

    added: int
    updated: int
    removed: int
    unchanged: int
    skipped: int
    passages: int
    embedded: int
    seconds: float
    # Seconds per phase: read, load old, chunk, embed, write (what bench/ reports for incremental builds).
    phases: dict[str, float] = field(default_factory=dict)

    def line(self) -> str:
        return (
            f"Index built: {self.added} added, {self.updated} updated, {self.removed} removed, "
            f"{self.unchanged} unchanged, {self.skipped} skipped; {self.passages} passages "
            f"({self.embedded} embedded) in {self.seconds:.1f} s"
        )
