"""What an answer's buttons carry in their custom ids, so that a click works after a restart, with no memory.

A custom id says which answers its message shows (`count` answers after the first `offset`) and the date
filter; the question is the message's embed title. Ranking is deterministic, so asking again reproduces
the page (after a rebuild of the index, the page as the new index gives it).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Action = Literal["up", "down", "more"]
# At most 5 + 4 + 1 + 3 + 1 + 2 + 1 + 8 + 1 + 8 = 34 characters of Discord's 100.
TEMPLATE = r"nb:(?P<action>up|down|more):(?P<offset>\d{1,3}):(?P<count>\d{1,2}):(?P<since>\d{8}|-):(?P<until>\d{8}|-)"
_UNESCAPE = re.compile(r"\\([*`_~|>#\-\[\]()])")


@dataclass(frozen=True)
class Shown:
    """Which answers to a question one message shows."""

    offset: int
    count: int
    since: dt.date | None = None
    until: dt.date | None = None

    def custom_id(self, action: Action) -> str:
        return f"nb:{action}:{self.offset}:{self.count}:{_day(self.since)}:{_day(self.until)}"

    @property
    def next_offset(self) -> int:
        return self.offset + self.count

    @classmethod
    def from_match(cls, match: re.Match[str]) -> Shown:
        return cls(int(match["offset"]), int(match["count"]), _parse(match["since"]), _parse(match["until"]))


def parse(custom_id: str) -> tuple[Action, Shown] | None:
    """The action and page a custom id carries, or None for one this bot did not make (or an old one)."""
    match = re.fullmatch(TEMPLATE, custom_id)
    if match is None:
        return None
    try:
        return match["action"], Shown.from_match(match)  # type: ignore[return-value]
    except ValueError:  # eight digits that are not a day
        return None


def question_from_title(title: str) -> str:
    """The question an answer embed's title shows, markdown escapes undone."""
    return _UNESCAPE.sub(r"\1", title)


def _day(day: dt.date | None) -> str:
    return day.strftime("%Y%m%d") if day else "-"


def _parse(text: str) -> dt.date | None:
    return None if text == "-" else dt.datetime.strptime(text, "%Y%m%d").date()
