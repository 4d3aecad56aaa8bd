"""JSON Lines: one article an object, with field names mapped by the configuration."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from typing import IO, Any

from index.errors import SourceError
from index.importers.entries import Entry, ImportOptions, Skip
from index.importers.html_text import clean_line, html_to_paragraphs

# A `status` field, when the export has one, must say published; WordPress-style names map to the skip reasons
# the WordPress importer uses.
PUBLISHED = frozenset({"publish", "published", "public", "live"})
_STATUS_SKIPS = {"draft": "draft", "pending": "draft", "future": "scheduled", "scheduled": "scheduled",
                 "private": "private", "trash": "trash", "deleted": "trash"}


def parse_jsonl(stream: IO[bytes], options: ImportOptions) -> Iterator[Entry | Skip]:
    """Yield one entry per line; raise SourceError naming the first line that is not an article object."""
    for number, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except (ValueError, RecursionError):
            raise SourceError(f"line {number} is not valid JSON") from None
        if not isinstance(record, dict):
            raise SourceError(f"line {number} is not a JSON object")
        yield _entry(record, options.fields, number)


def _entry(record: dict[str, Any], fields: Any, number: int) -> Entry | Skip:
    def get(name: str) -> str:
        value = record.get(fields.get(name, name))
        if value is not None and not isinstance(value, str | int | float):
            raise SourceError(f"line {number}: field '{fields.get(name, name)}' must be text")
        return "" if value is None else str(value)

    status = clean_line(get("status")).lower()
    if status and status not in PUBLISHED:
        return Skip(_STATUS_SKIPS.get(status, f"status {status[:40]}"))
    body = get("body")
    paragraphs = [p for p in (clean_line(p) for p in body.split("\n\n")) if p] if body.strip() else []
    if not paragraphs:
        paragraphs = html_to_paragraphs(get("html"))
    if not paragraphs:
        return Skip("no text")
    url = clean_line(get("url")) or None
    title = clean_line(get("title")) or None
    guid = clean_line(get("guid")) or url or hashlib.sha256(f"{title}\n{paragraphs[0]}".encode()).hexdigest()
    return Entry(
        guid=guid, body="\n\n".join(paragraphs), title=title, date=_date(get("date"), number), url=url,
        author=clean_line(get("author")) or None,
    )


def _date(text: str, number: int) -> dt.date | None:
    if not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise SourceError(f"line {number}: date {text[:30]!r} is not YYYY-MM-DD") from None
