"""What every format's parser yields: an article to write, or the reason an item was skipped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

JSONL_FIELDS: Mapping[str, str] = MappingProxyType(
    {name: name for name in ("title", "date", "url", "author", "body", "html", "guid", "status")}
)


@dataclass(frozen=True)
class Entry:
    """One published article read from a source; `body` is plain paragraphs separated by blank lines."""

    guid: str
    body: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Skip:
    """An item that is not imported, and why (draft, scheduled, private, ...)."""

    reason: str


@dataclass(frozen=True)
class ImportOptions:
    """How sources are read: WordPress pages too or only posts, JSON Lines field names, fetch timeout."""

    pages: bool = False
    fields: Mapping[str, str] = field(default_factory=lambda: JSONL_FIELDS)
    timeout: float = 30.0
    now: dt.datetime | None = None  # "now" for telling scheduled posts apart; None is the real now (UTC)
