"""WordPress exports (WXR), streamed with iterparse so that a multi-gigabyte export never sits in memory.

Only published posts are imported (pages too when asked): drafts, pending, scheduled, private,
password-protected and trashed posts, attachments, menu items and other post types are skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import IO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from index.errors import SourceError
from index.importers.entries import Entry, ImportOptions, Skip
from index.importers.html_text import clean_line, html_to_paragraphs
from index.importers.xmlsafety import ENTITIES_REFUSED

_STATUS_SKIPS = {
    "draft": "draft",
    "auto-draft": "draft",
    "pending": "draft",
    "future": "scheduled",
    "private": "private",
    "trash": "trash",
    "inherit": "attachment",
}
_TYPE_SKIPS = {"attachment": "attachment", "nav_menu_item": "menu item", "revision": "revision"}
_NO_DATE = "0000-00-00 00:00:00"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def parse_wxr(stream: IO[bytes], options: ImportOptions) -> Iterator[Entry | Skip]:
    """Yield the export's items one by one; raise SourceError when the XML is malformed."""
    now = options.now or dt.datetime.now(dt.UTC)
    authors: dict[str, str] = {}
    path: list[Element] = []
    try:
        for event, elem in iterparse(stream, events=("start", "end"), forbid_dtd=False):
            if event == "start":
                path.append(elem)
                continue
            path.pop()
            name = _local(elem.tag)
            if name == "author" and _is_wp(elem.tag):
                login, display = _text(elem, "author_login"), _text(elem, "author_display_name")
                if login and display:
                    authors[login] = clean_line(display)
            elif name == "item" and path:
                yield _item(elem, options, now, authors)
                path[-1].remove(elem)  # what was read is let go: memory stays flat however long the export
    except DefusedXmlException:
        raise SourceError(ENTITIES_REFUSED) from None
    except ParseError as exc:
        raise SourceError(f"malformed XML: {exc}") from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _is_wp(tag: str) -> bool:
    return tag.startswith("{http://wordpress.org/export/")


def _text(elem: Element, name: str) -> str:
    """The text of the first child called `name` (any namespace unless `name` is {namespace}qualified), or ''."""
    for child in elem:
        if (child.tag if name.startswith("{") else _local(child.tag)) == name:
            return (child.text or "").strip()
    return ""


def _item(elem: Element, options: ImportOptions, now: dt.datetime, authors: dict[str, str]) -> Entry | Skip:
    post_type = _text(elem, "post_type") or "post"
    if post_type in _TYPE_SKIPS:
        return Skip(_TYPE_SKIPS[post_type])
    if post_type == "page" and not options.pages:
        return Skip("page")
    if post_type not in ("post", "page"):
        return Skip(f"post type {clean_line(post_type)[:40]}")
    status = _text(elem, "status") or "publish"
    if status != "publish":
        return Skip(_STATUS_SKIPS.get(status, f"status {clean_line(status)[:40]}"))
    if _text(elem, "post_password"):
        return Skip("password-protected")
    published = _published(elem)
    if published is not None and published > now:
        return Skip("scheduled")
    paragraphs = html_to_paragraphs(_text(elem, _CONTENT), blank_lines_break=True)
    if not paragraphs:
        return Skip("no text")
    link = clean_line(_text(elem, "link")) or None
    guid = clean_line(_text(elem, "guid")) or link or f"wp-post-{clean_line(_text(elem, 'post_id'))}"
    creator = clean_line(_text(elem, "creator"))
    return Entry(
        guid=guid,
        body="\n\n".join(paragraphs),
        title=clean_line(_text(elem, "title")) or None,
        date=_local_date(_text(elem, "post_date")),
        url=link,
        author=authors.get(creator, creator) or None,
    )


def _published(elem: Element) -> dt.datetime | None:
    gmt = _text(elem, "post_date_gmt")
    if not gmt or gmt == _NO_DATE:
        return None
    try:
        return dt.datetime.fromisoformat(gmt).replace(tzinfo=dt.UTC)
    except ValueError:
        return None


def _local_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
