"""Tell a source's format from its first bytes, never from its name."""

from __future__ import annotations

import re
from typing import Literal

from index.errors import SourceError

Format = Literal["wxr", "feed", "html", "jsonl"]
SNIFF_BYTES = 64 * 1024
_BOMS = (b"\xef\xbb\xbf",)
_XML_PROLOG = re.compile(rb"(<\?xml[^>]*>|<!--.*?-->|<!DOCTYPE[^>[]*(\[.*?\])?\s*>|\s)*", re.DOTALL | re.IGNORECASE)
_HTML = re.compile(rb"<(!doctype\s+html|html|head|body|article|main|div|p)[\s>]", re.IGNORECASE)


def detect(head: bytes) -> Format:
    """Return the format of a source that starts with `head`; raise SourceError when it is none we read."""
    for bom in _BOMS:
        head = head.removeprefix(bom)
    stripped = head.lstrip()
    if stripped.startswith(b"{"):
        return "jsonl"
    if not stripped.startswith(b"<"):
        raise SourceError("not a feed, a WordPress export, an HTML page or JSON Lines")
    if _HTML.match(stripped):
        return "html"
    start = _XML_PROLOG.match(stripped)
    root = stripped[start.end() if start else 0 :].lower()
    if root.startswith(b"<rss") and b"wordpress.org/export/" in head:
        return "wxr"
    if root.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if _HTML.search(root[:4096]):
        return "html"
    raise SourceError("XML that is neither an RSS/Atom feed nor a WordPress export")
