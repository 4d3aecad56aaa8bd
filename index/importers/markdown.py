"""Articles as Markdown files with YAML front matter, written without a YAML library.

Every string value is written as a double-quoted scalar: JSON string syntax, which YAML reads the same way
once the characters YAML treats specially (line breaks such as U+2028, non-printables) are gone, and
`clean_line` has removed those already. Dates are written bare, so YAML reads them as dates.
"""

from __future__ import annotations

import hashlib
import json
import re
from urllib.parse import urlsplit

from index.importers.entries import Entry
from index.importers.html_text import clean_line

_SLUG_CHARS = re.compile(r"[^a-z0-9]+")
SLUG_LENGTH = 60


def _quoted(value: str) -> str:
    return json.dumps(clean_line(value), ensure_ascii=False)


def render(entry: Entry, source: str) -> str:
    """Return the file's text: front matter (title, date, url, author, source, guid), a blank line, the body."""
    lines = ["---"]
    if entry.title:
        lines.append(f"title: {_quoted(entry.title)}")
    if entry.date:
        lines.append(f"date: {entry.date.isoformat()}")
    for key, value in (("url", entry.url), ("author", entry.author), ("source", source), ("guid", entry.guid)):
        if value and clean_line(value):
            lines.append(f"{key}: {_quoted(value)}")
    body = "\n\n".join(p for p in (clean_line(p) for p in entry.body.split("\n\n")) if p)
    return "\n".join(lines) + "\n---\n\n" + body + "\n"


def slug(text: str, limit: int = SLUG_LENGTH) -> str:
    """Lower-case ASCII letters and digits joined by hyphens, at most `limit` characters."""
    return _SLUG_CHARS.sub("-", text.lower()).strip("-")[:limit].strip("-")


def file_name(guid: str) -> str:
    """A stable, unique file name: a readable part and a hash, both from the guid alone.

    Not from the URL: a correction may change a story's URL (a new slug) but keeps its guid, and must replace
    the old file rather than add a second one.
    """
    parts = urlsplit(guid)
    segments = [s for s in parts.path.split("/") if s] if parts.scheme in ("http", "https") else []
    readable = slug(segments[-1].rsplit(".", 1)[0]) if segments else ""
    if not readable and parts.scheme in ("http", "https"):
        readable = slug(parts.query)
    if not readable:
        readable = slug(guid)
    digest = hashlib.sha256(guid.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{readable}-{digest}.md" if readable else f"{digest}.md"
