"""The one answer path: a question → search (off the event loop) → the answers not shown yet → what is shown.

`/ask`, @mentions and the "More" button all go through `Answers.page`; views only show its `Page`, and the
pure rendering is `bot.discord_format.answer_embed`.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace

import discord

from bot.discord_format import answer_embed
from bot.question_log import QuestionLog
from bot.service import AnswerService
from index.models import Answer, IndexStats, SearchResult

log = logging.getLogger(__name__)

AnswerKey = tuple[str, int, int]


def answer_key(answer: Answer) -> AnswerKey:
    """What makes two answers the same quote."""
    return (answer.article_id, answer.start, answer.end)


@dataclass(frozen=True)
class Page:
    """One message's answers: the embed showing them, every answer shown so far, whether there are more."""

    question: str
    embed: discord.Embed
    shown: list[Answer]
    seen: frozenset[AnswerKey]
    more: bool


class Answers:
    """Finds the next page of answers to a question for the bot, from the shared answer service."""

    def __init__(self, service: AnswerService, top_k: int, questions: QuestionLog) -> None:
        self.service = service
        self.top_k = top_k
        self.questions = questions

    async def page(self, question: str, count: int | None = None, seen: frozenset[AnswerKey] = frozenset()) -> Page:
        """Search off the event loop for `count` answers not in `seen`, and render those that fit.

        One answer more than needed is asked for, so that "More" is enabled only when there is more.
        """
        count = count or self.top_k
        result, stats = await asyncio.to_thread(self._search, question, len(seen) + count + 1)
        fresh = [a for a in result.answers if answer_key(a) not in seen]
        embed, shown = answer_embed(replace(result, answers=fresh[:count]), stats)
        if not seen:  # a new question, not a "More" page
            await self.questions.record(replace(result, answers=shown))
        log.debug("asked %r: %d new answers in %.0f ms, %d shown", question, len(fresh), result.took_ms, len(shown))
        return Page(question, embed, shown, seen | {answer_key(a) for a in shown}, more=len(fresh) > len(shown))

    def _search(self, question: str, top_k: int) -> tuple[SearchResult, IndexStats]:
        return self.service.ask(question, top_k), self.service.stats()
