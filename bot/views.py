"""Buttons under each answer: 👍/👎 record a rating (bot/feedback.py), "More" posts the next answers.

The buttons live in memory, holding the question: after 15 minutes without a click they are shown disabled;
after a restart the old ones are gone and Discord answers a click on them with "This interaction failed".
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from dataclasses import replace

import discord

from bot.client import NO_MENTIONS, NewsBot
from bot.cogs.errors import user_message
from bot.discord_format import answer_embed, message
from bot.feedback import FeedbackLog, Rating
from index.models import Answer, IndexStats, SearchResult

log = logging.getLogger(__name__)

TIMEOUT = 15 * 60.0
PAGE = 5
THANKS = "Thanks — recorded."
ALREADY_RATED = "You already rated this answer — thanks."
NO_MORE = "That is everything the archive has on this question."
SHOWN_BELOW = "The next answers are already below."

AnswerKey = tuple[str, int, int]


def answer_key(answer: Answer) -> AnswerKey:
    """What makes two answers the same quote."""
    return (answer.article_id, answer.start, answer.end)


class Pager:
    """What every answer's buttons share: the bot (whose service finds more answers), the feedback log, live views."""

    def __init__(self, bot: NewsBot, feedback: FeedbackLog) -> None:
        self.bot = bot
        self.feedback = feedback
        self._live: weakref.WeakSet[AnswerView] = weakref.WeakSet()

    async def page(
        self, question: str, count: int | None = None, seen: frozenset[AnswerKey] = frozenset()
    ) -> tuple[discord.Embed, AnswerView]:
        """Search off the event loop for `count` answers not in `seen`; return their embed and its buttons.

        One answer more than needed is asked for, so that "More" is enabled only when there is more.
        """
        count = count or self.bot.settings.search.top_k
        result, stats = await asyncio.to_thread(self._search, question, len(seen) + count + 1)
        fresh = [a for a in result.answers if answer_key(a) not in seen]
        embed, shown = answer_embed(replace(result, answers=fresh[:count]), stats)
        log.debug("asked %r: %d new answers in %.0f ms, %d shown", question, len(fresh), result.took_ms, len(shown))
        return embed, AnswerView(self, question, shown, seen, more=len(fresh) > len(shown))

    def attach(self, view: AnswerView, sent: discord.Message) -> None:
        """Note the message `view` was sent with; its timeout edits it as the bot (a webhook token dies in 15 min)."""
        view.message = self.bot.get_partial_messageable(sent.channel.id).get_partial_message(sent.id)
        self._live.add(view)

    def stop_all(self) -> None:
        """Stop every view still listening, cancelling their timeouts (on shutdown)."""
        for view in list(self._live):
            view.stop()

    def _search(self, question: str, top_k: int) -> tuple[SearchResult, IndexStats]:
        return self.bot.service.ask(question, top_k), self.bot.service.stats()


class AnswerView(discord.ui.View):
    """The buttons of one answer message: its question, its answers' articles, every answer shown so far."""

    message: discord.PartialMessage | None = None

    def __init__(
        self, pager: Pager, question: str, shown: list[Answer], seen: frozenset[AnswerKey], *, more: bool
    ) -> None:
        super().__init__(timeout=TIMEOUT)
        self.pager = pager
        self.question = question
        self.article_ids = [a.article_id for a in shown]
        self.seen = seen | {answer_key(a) for a in shown}
        self._rated: set[int] = set()  # ids of members who rated this message: in memory only, never written
        self.more.disabled = not more

    @discord.ui.button(emoji="👍", style=discord.ButtonStyle.secondary, custom_id="newsbot:up")
    async def up(self, interaction: discord.Interaction[NewsBot], _: discord.ui.Button[AnswerView]) -> None:
        await self._rate(interaction, "up")

    @discord.ui.button(emoji="👎", style=discord.ButtonStyle.secondary, custom_id="newsbot:down")
    async def down(self, interaction: discord.Interaction[NewsBot], _: discord.ui.Button[AnswerView]) -> None:
        await self._rate(interaction, "down")

    @discord.ui.button(label="More", style=discord.ButtonStyle.primary, custom_id="newsbot:more")
    async def more(self, interaction: discord.Interaction[NewsBot], button: discord.ui.Button[AnswerView]) -> None:
        """Post the next answers below with buttons of their own; this message's "More" is then used up."""
        if button.disabled:  # a second click that came before Discord showed the first one's update
            await _tell(interaction, SHOWN_BELOW)
            return
        button.disabled = True
        await interaction.response.edit_message(view=self)
        embed, view = await self.pager.page(self.question, PAGE, self.seen)
        if not view.article_ids:
            await _tell(interaction, NO_MORE)
            return
        sent = await interaction.followup.send(embed=embed, view=view, allowed_mentions=NO_MENTIONS, wait=True)
        self.pager.attach(view, sent)

    async def _rate(self, interaction: discord.Interaction[NewsBot], rating: Rating) -> None:
        """Record the first rating of each member; a second click is thanked but changes nothing."""
        if interaction.user.id in self._rated:
            await _tell(interaction, ALREADY_RATED)
            return
        self._rated.add(interaction.user.id)
        assert interaction.message is not None  # a click always carries the clicked message
        await self.pager.feedback.record(rating, self.question, self.article_ids, interaction.message.id)
        await _tell(interaction, THANKS)

    async def on_timeout(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self.message is not None:
            try:
                await self.message.edit(view=self)
            except discord.HTTPException as exc:  # deleted, or the channel is gone: nothing left to disable
                log.debug("could not disable the buttons of message %d: %s", self.message.id, exc)

    async def on_error(
        self, interaction: discord.Interaction[NewsBot], error: Exception, item: discord.ui.Item[AnswerView]
    ) -> None:
        await _tell(interaction, message(user_message(error)))


async def _tell(interaction: discord.Interaction[NewsBot], text: str) -> None:
    """Answer the member who clicked, and no one else."""
    if interaction.response.is_done():
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
    else:
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
