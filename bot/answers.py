"""The one answer path: a question → search (off the event loop) → the answers not shown yet → what is shown.

`/ask`, @mentions and the "More" button all go through `Answers.page`; views only show its `Page`, and the
pure rendering is `bot.discord_format.answer_embed`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass, replace
from typing import Any

import discord

from bot.button_ids import Shown
from bot.discord_format import answer_embed
from bot.question_log import QuestionLog
from bot.service import AnswerService
from index.models import Answer, IndexStats, SearchResult

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Page:
    """One message's answers: the embed showing them, which answers they are, whether there are more."""

    question: str
    embed: discord.Embed
    shown: list[Answer]
    place: Shown
    more: bool


class Answers:
    """Finds the next page of answers to a question for the bot, from the shared answer service."""

    def __init__(self, service: AnswerService, top_k: int, questions: QuestionLog) -> None:
        self.service = service
        self.top_k = top_k
        self.questions = questions

    async def page(
        self, question: str, count: int | None = None, *, offset: int = 0, since: dt.date | None = None,
        until: dt.date | None = None, author: str | None = None, timeline: bool = False,
    ) -> Page:
        """Search off the event loop for `count` answers after the first `offset`, and render those that fit.

        Answers to `offset + count` are the first of answers to more (the ranking is deterministic and
        picks greedily), so pages never repeat a quote. One answer more than needed is asked for, so that
        "More" is enabled only when there is more.
        """
        count = count or self.top_k
        narrowed = {"author": author, "timeline": timeline}
        result, stats = await asyncio.to_thread(self._search, question, offset + count + 1, since, until, narrowed)
        fresh = result.answers[offset:]
        embed, shown = answer_embed(replace(result, answers=fresh[:count]), stats)
        if not offset:  # a new question, not a "More" page
            await self.questions.record(replace(result, answers=shown))
        log.debug("asked %r: %d new answers in %.0f ms, %d shown", question, len(fresh), result.took_ms, len(shown))
        # A button carries only the page and the dates: a byline or timeline answer offers no "More".
        more = len(fresh) > len(shown) and not author and not timeline
        return Page(question, embed, shown, Shown(offset, len(shown), since, until), more=more)

    async def quotes(self, person: str, limit: int) -> discord.Embed:
        """A person's quotations, newest first, as an embed (searched off the event loop)."""
        result, stats = await asyncio.to_thread(lambda: (self.service.quotes(person, limit), self.service.stats()))
        return answer_embed(result, stats)[0]

    async def shown_again(self, question: str, place: Shown) -> list[Answer]:
        """The answers a message shows, found again from its question and place (a button holds no more)."""
        result, _ = await asyncio.to_thread(self._search, question, place.next_offset, place.since, place.until)
        return result.answers[place.offset:place.next_offset]

    def _search(
        self, question: str, top_k: int, since: dt.date | None, until: dt.date | None,
        narrowed: dict[str, Any] | None = None,
    ) -> tuple[SearchResult, IndexStats]:
        return self.service.ask(question, top_k, since=since, until=until, **(narrowed or {})), self.service.stats()
