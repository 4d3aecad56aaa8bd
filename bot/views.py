"""Buttons under each answer: 👍/👎 record a rating (bot/feedback.py), "More" posts the next answers.

The buttons live in memory, holding the question: after 15 minutes without a click they are shown disabled;
after a restart the old ones are gone and Discord answers a click on them with "This interaction failed".
"""

from __future__ import annotations

import logging
import weakref

import discord

from bot.answers import AnswerKey, Answers, Page
from bot.client import NO_MENTIONS, NewsBot
from bot.feedback import FeedbackLog, Rating
from bot.replies import tell, user_message

log = logging.getLogger(__name__)

TIMEOUT = 15 * 60.0
PAGE = 5
THANKS = "Thanks — recorded."
ALREADY_RATED = "You already rated this answer — thanks."
NO_MORE = "That is everything the archive has on this question."
SHOWN_BELOW = "The next answers are already below."


class AnswerViews:
    """What every answer's buttons share: where more answers come from, the feedback log, the live views."""

    def __init__(self, bot: NewsBot, answers: Answers, feedback: FeedbackLog) -> None:
        self.bot = bot
        self.answers = answers
        self.feedback = feedback
        self._live: weakref.WeakSet[AnswerView] = weakref.WeakSet()

    def view(self, page: Page) -> AnswerView:
        """The buttons for a page of answers."""
        return AnswerView(self, page.question, [a.article_id for a in page.shown], page.seen, more=page.more)

    def attach(self, view: AnswerView, sent: discord.Message) -> None:
        """Note the message `view` was sent with; its timeout edits it as the bot (a webhook token dies in 15 min)."""
        view.message = self.bot.get_partial_messageable(sent.channel.id).get_partial_message(sent.id)
        self._live.add(view)

    def stop_all(self) -> None:
        """Stop every view still listening, cancelling their timeouts (on shutdown)."""
        for view in list(self._live):
            view.stop()


class AnswerView(discord.ui.View):
    """The buttons of one answer message: its question, its answers' articles, every answer shown so far."""

    message: discord.PartialMessage | None = None

    def __init__(
        self, views: AnswerViews, question: str, article_ids: list[str], seen: frozenset[AnswerKey], *, more: bool
    ) -> None:
        super().__init__(timeout=TIMEOUT)
        self.views = views
        self.question = question
        self.article_ids = article_ids
        self.seen = seen
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
            await tell(interaction, SHOWN_BELOW)
            return
        button.disabled = True
        await interaction.response.edit_message(view=self)
        page = await self.views.answers.page(self.question, PAGE, self.seen)
        if not page.shown:
            await tell(interaction, NO_MORE)
            return
        view = self.views.view(page)
        sent = await interaction.followup.send(embed=page.embed, view=view, allowed_mentions=NO_MENTIONS, wait=True)
        self.views.attach(view, sent)

    async def _rate(self, interaction: discord.Interaction[NewsBot], rating: Rating) -> None:
        """Record the first rating of each member; a second click is thanked but changes nothing."""
        if interaction.user.id in self._rated:
            await tell(interaction, ALREADY_RATED)
            return
        self._rated.add(interaction.user.id)
        assert interaction.message is not None  # a click always carries the clicked message
        await self.views.feedback.record(rating, self.question, self.article_ids, interaction.message.id)
        await tell(interaction, THANKS)

    async def on_timeout(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self.message is not None:
            try:
                await self.message.edit(view=self)
            except discord.HTTPException as exc:  # deleted, or the channel is gone: nothing left to disable
                log.debug("could not disable the buttons of message %d: %s", self.message.id, exc)

    async def on_error(  # type: ignore[override]  # discord.py types it for any client; ours is always NewsBot
        self, interaction: discord.Interaction[NewsBot], error: Exception, item: discord.ui.Item[AnswerView]
    ) -> None:
        await tell(interaction, user_message(error))
