"""RSS 2.0 and Atom feeds, read with feedparser: bodies from content:encoded / content / description."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import io
import xml.sax
from collections.abc import Iterator
from typing import Any

import feedparser

from index.errors import SourceError
from index.importers.entries import Entry, Skip
from index.importers.html_text import html_to_line, html_to_paragraphs
from index.importers.xmlsafety import refuse_entities

# feedparser reports these as "bozo" although the feed parsed fine.
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def parse_feed(data: bytes) -> Iterator[Entry | Skip]:
    """Yield the feed's items; raise SourceError for a malformed feed."""
    refuse_entities(data)
    # A stream, never bytes: feedparser opens bytes that name a file, and fetches a str that looks like a URL.
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=False)
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(problem, _HARMLESS):
        raise SourceError(f"malformed feed: {_reason(problem)}")
    if not parsed.get("version"):
        raise SourceError("not an RSS or Atom feed")
    for item in parsed.entries:
        yield _entry(item)


def _reason(problem: Any) -> str:
    if isinstance(problem, xml.sax.SAXParseException):
        return f"line {problem.getLineNumber()}: {problem.getMessage()}"
    return str(problem).splitlines()[0] if str(problem) else problem.__class__.__name__


def _entry(item: Any) -> Entry | Skip:
    paragraphs = html_to_paragraphs(_body_html(item))
    if not paragraphs:
        return Skip("no text")
    link = item.get("link") or None
    title = html_to_line(item.get("title", "")) or None
    guid = item.get("id") or link or hashlib.sha256(f"{title}\n{paragraphs[0]}".encode()).hexdigest()
    return Entry(
        guid=guid,
        body="\n\n".join(paragraphs),
        title=title,
        date=_date(item),
        url=link,
        author=html_to_line(item.get("author", "")) or None,
    )


def _body_html(item: Any) -> str:
    """The richest body: content:encoded or Atom content, else the description/summary."""
    for content in item.get("content", []):
        if content.get("value"):
            return str(content["value"])
    return str(item.get("summary", ""))


def _date(item: Any) -> dt.date | None:
    parsed = item.get("published_parsed") or item.get("updated_parsed")
    if not parsed:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC).date()
    except (OverflowError, ValueError, OSError):
        return None
