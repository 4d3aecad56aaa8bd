"""`/ask` and @mentions (also in threads): search off the event loop, answer with an embed of quotes and buttons."""

from __future__ import annotations

import datetime as dt
import math
import re
import time

import discord
from discord import app_commands
from discord.ext import commands

from bot.answers import Answers
from bot.client import NO_MENTIONS, NewsBot
from bot.date_option import Day, check_range
from bot.discord_format import message as fit_message
from bot.feedback import FILENAME, FeedbackLog
from bot.question_log import FILENAME as QUESTIONS
from bot.question_log import QuestionLog
from bot.replies import user_message
from bot.views import AnswerButton, AnswerViews

HINT = "Ask me a question after the mention, e.g. “@newsbot who speaks for the Trump campaign?”"


class OnCooldown(app_commands.CheckFailure):
    """A user asked again before their cooldown ran out."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"Slow down: you can ask again in {math.ceil(retry_after)} s.")


class Cooldown:
    """One question per user every `seconds`, shared by `/ask` and mentions."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._last: dict[int, float] = {}

    def check(self, user_id: int) -> None:
        """Record a question from `user_id`, or raise OnCooldown if it comes too soon."""
        now = time.monotonic()
        self._last = {u: t for u, t in self._last.items() if now - t < self.seconds}
        if user_id in self._last:
            raise OnCooldown(self.seconds - (now - self._last[user_id]))
        if self.seconds > 0:
            self._last[user_id] = now


class Ask(commands.Cog):
    """Answer questions from the article archive."""

    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot
        self.cooldown = Cooldown(bot.settings.discord.cooldown_seconds)
        index_dir = bot.settings.index_dir
        self.answers = Answers(bot.service, bot.settings.search.top_k, QuestionLog(index_dir / QUESTIONS))
        self.views = AnswerViews(bot, self.answers, FeedbackLog(index_dir / FILENAME))

    async def cog_load(self) -> None:
        # Before the bot connects: clicks on the buttons of any earlier answer find their handler.
        self.bot.add_dynamic_items(AnswerButton)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(AnswerButton)

    # discord.py types the hook for any client; this cog only ever runs in NewsBot.
    async def interaction_check(self, interaction: discord.Interaction[NewsBot]) -> bool:  # type: ignore[override]
        self.cooldown.check(interaction.user.id)
        return True

    @app_commands.command()
    @app_commands.describe(
        question="What you want to know, in plain words",
        top_k="How many quotes, 1 to 10",
        since="Only articles dated on or after this day, YYYY-MM-DD",
        until="Only articles dated on or before this day, YYYY-MM-DD",
        author="Only articles with this byline",
    )
    async def ask(
        self,
        interaction: discord.Interaction[NewsBot],
        question: app_commands.Range[str, 1, 500],
        top_k: app_commands.Range[int, 1, 10] | None = None,
        since: app_commands.Transform[dt.date, Day("since")] | None = None,
        until: app_commands.Transform[dt.date, Day("until")] | None = None,
        author: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        """Answer a question by quoting the article archive."""
        check_range(since, until)  # before the deferral, so that the refusal is private
        await interaction.response.defer(thinking=True)
        page = await self.answers.page(question, top_k, since=since, until=until, author=author)
        await interaction.followup.send(embed=page.embed, view=self.views.view(page), allowed_mentions=NO_MENTIONS)

    @commands.Cog.listener()
    async def on_message(self, msg: discord.Message) -> None:
        me = self.bot.user
        if not self.bot.settings.discord.mention_replies or me is None or msg.author.bot:
            return
        if not any(user.id == me.id for user in msg.mentions) or not self.bot.answers_in(msg.channel):
            return
        question = re.sub(rf"<@!?{me.id}>", " ", msg.content).strip()
        if not question:
            await self._reply(msg, content=HINT)
            return
        try:
            self.cooldown.check(msg.author.id)
            async with msg.channel.typing():
                page = await self.answers.page(question)
        except Exception as exc:  # noqa: BLE001 - every failure gets a reply; user_message logs the unexpected
            await self._reply(msg, content=fit_message(user_message(exc)))
            return
        await self._reply(msg, embed=page.embed, view=self.views.view(page))

    async def _reply(self, msg: discord.Message, **content: object) -> discord.Message:
        """Reply in the message's channel or thread, pinging no one."""
        return await msg.reply(**content, mention_author=False, allowed_mentions=NO_MENTIONS)  # type: ignore[call-overload]


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(Ask(bot))
