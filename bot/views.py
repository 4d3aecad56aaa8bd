"""Buttons under each answer: 👍/👎 record a rating (bot/feedback.py), "More" posts the next answers.

The buttons are persistent: each custom id carries which answers its message shows (bot/button_ids.py)
and the question is the message's embed title, so a click works however old the message is, also after a
restart (the bot registers the button class when the ask cog loads, before it connects).
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from typing import Any

import discord

from bot.answers import Answers, Page
from bot.button_ids import TEMPLATE, Action, Shown, question_from_title
from bot.client import NO_MENTIONS, NewsBot
from bot.feedback import FeedbackLog
from bot.replies import tell, user_message

log = logging.getLogger(__name__)

PAGE = 5
THANKS = "Thanks — recorded."
ALREADY_RATED = "You already rated this answer — thanks."
NO_MORE = "That is everything the archive has on this question."
SHOWN_BELOW = "The next answers are already below."
NOT_AN_ANSWER = "I cannot tell which answer these buttons belong to: ask the question again."
REMEMBERED = 10_000  # messages whose raters (and used "More") are remembered, in memory only
_LOOKS: dict[Action, dict[str, Any]] = {
    "up": {"emoji": "👍", "style": discord.ButtonStyle.secondary},
    "down": {"emoji": "👎", "style": discord.ButtonStyle.secondary},
    "more": {"label": "More", "style": discord.ButtonStyle.primary},
}


class AnswerViews:
    """What every answer's buttons share: where answers come from, the feedback log, who rated what."""

    def __init__(self, bot: NewsBot, answers: Answers, feedback: FeedbackLog) -> None:
        self.bot = bot
        self.answers = answers
        self.feedback = feedback
        # message id -> ids of members who rated it, and the messages whose "More" was used: never written.
        self._raters: OrderedDict[int, set[int]] = OrderedDict()
        self._more_used: OrderedDict[int, None] = OrderedDict()

    def view(self, page: Page) -> discord.ui.View:
        """The buttons for a page of answers."""
        return buttons(page.place, more=page.more)

    def rated_first(self, message_id: int, member_id: int) -> bool:
        """Note that `member_id` rated `message_id`; tell whether it is their first rating of it."""
        raters = self._raters.setdefault(message_id, set())
        self._raters.move_to_end(message_id)
        _forget_oldest(self._raters)
        first = member_id not in raters
        raters.add(member_id)
        return first

    def use_more(self, message_id: int) -> bool:
        """Note that the "More" of `message_id` was clicked; tell whether it is the first click."""
        first = message_id not in self._more_used
        self._more_used[message_id] = None
        _forget_oldest(self._more_used)
        return first


def buttons(place: Shown, *, more: bool) -> discord.ui.View:
    """👍, 👎 and More for the answers at `place`; More disabled when there is nothing more."""
    view = discord.ui.View(timeout=None)
    for action in ("up", "down", "more"):
        view.add_item(AnswerButton(action, place, disabled=action == "more" and not more))
    return view


class AnswerButton(discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]], template=TEMPLATE):
    """One of an answer's buttons; discord.py makes one from the custom id of each click."""

    def __init__(self, action: Action, place: Shown, *, disabled: bool = False) -> None:
        super().__init__(discord.ui.Button(custom_id=place.custom_id(action), disabled=disabled, **_LOOKS[action]))
        self.action: Action = action
        self.place = place

    @classmethod
    async def from_custom_id(  # type: ignore[override]  # discord.py types it for any client
        cls, interaction: discord.Interaction[NewsBot], item: discord.ui.Button[discord.ui.View],
        match: re.Match[str],
    ) -> AnswerButton:
        return cls(match["action"], Shown.from_match(match))  # type: ignore[arg-type]

    async def callback(self, interaction: discord.Interaction[NewsBot]) -> None:  # type: ignore[override]
        try:
            views = _views(interaction)
            question = _question(interaction)
            if question is None:
                await tell(interaction, NOT_AN_ANSWER)
            elif self.action == "more":
                await self._more(interaction, views, question)
            else:
                await self._rate(interaction, views, question)
        except Exception as error:  # noqa: BLE001 - the clicker is told; user_message logs the unexpected
            await tell(interaction, user_message(error))

    async def _more(self, interaction: discord.Interaction[NewsBot], views: AnswerViews, question: str) -> None:
        """Post the next answers below with buttons of their own; this message's "More" is then used up."""
        assert interaction.message is not None  # a click always carries the clicked message
        if not views.use_more(interaction.message.id):  # a second click before Discord showed the first one's
            await tell(interaction, SHOWN_BELOW)
            return
        await interaction.response.edit_message(view=buttons(self.place, more=False))
        place = self.place
        page = await views.answers.page(question, PAGE, offset=place.next_offset, since=place.since,
                                        until=place.until)
        if not page.shown:
            await tell(interaction, NO_MORE)
            return
        await interaction.followup.send(embed=page.embed, view=views.view(page), allowed_mentions=NO_MENTIONS)

    async def _rate(self, interaction: discord.Interaction[NewsBot], views: AnswerViews, question: str) -> None:
        """Record the first rating of each member; a second click is thanked but changes nothing."""
        assert interaction.message is not None
        if not views.rated_first(interaction.message.id, interaction.user.id):
            await tell(interaction, ALREADY_RATED)
            return
        rating: Any = self.action
        shown = await views.answers.shown_again(question, self.place)
        await views.feedback.record(rating, question, [a.article_id for a in shown], interaction.message.id)
        await tell(interaction, THANKS)


def _views(interaction: discord.Interaction[NewsBot]) -> AnswerViews:
    views = getattr(interaction.client.get_cog("Ask"), "views", None)
    if not isinstance(views, AnswerViews):
        raise RuntimeError("an answer button was clicked while the ask cog is not loaded")
    return views


def _question(interaction: discord.Interaction[NewsBot]) -> str | None:
    embeds = interaction.message.embeds if interaction.message else []
    title = embeds[0].title if embeds else None
    return question_from_title(title) if title else None


def _forget_oldest(remembered: OrderedDict[int, Any]) -> None:
    while len(remembered) > REMEMBERED:
        remembered.popitem(last=False)
