"""One HTML article page: the story's text and metadata picked out of the page by trafilatura."""

from __future__ import annotations

import datetime as dt
import logging

import trafilatura

from index.errors import SourceError
from index.importers.entries import Entry
from index.importers.html_text import clean_line

# trafilatura logs every page it finds too short at WARNING; the import reports that itself.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


def parse_page(data: bytes, location: str) -> Entry:
    """Extract the article from a page; `location` (its URL or file name) is the guid when it names no URL."""
    try:
        html = data.decode("utf-8")
    except UnicodeDecodeError:
        html = data.decode("latin-1")
    url = location if location.startswith(("http://", "https://")) else None
    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, include_images=False
    )
    doc = extracted.as_dict() if extracted is not None and not isinstance(extracted, dict) else extracted or {}
    text = doc.get("text") or ""
    paragraphs = [line for line in (clean_line(p) for p in text.split("\n")) if line]
    title = clean_line(doc.get("title") or "") or None
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # the headline, already in the front matter
    if not paragraphs:
        raise SourceError("no article text found in the page")
    page_url = clean_line(doc.get("url") or "") or url
    return Entry(
        guid=page_url or location,
        body="\n\n".join(paragraphs),
        title=title,
        date=_date(doc.get("date")),
        url=page_url,
        author=clean_line(doc.get("author") or "") or None,
    )


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
