"""`/timeline topic:` (how a story unfolded, oldest first) and `/quotes person:` (a person's words, newest first)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.answers import Answers
from bot.client import NO_MENTIONS, NewsBot
from bot.cogs.ask import Ask, Cooldown

TIMELINE_ENTRIES = 10
QUOTES_LISTED = 10


class People(commands.Cog):
    """Stories in date order and what people said."""

    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot
        self.cooldown = Cooldown(bot.settings.discord.cooldown_seconds)

    @property
    def answers(self) -> Answers:
        """The ask cog's answer path: one question log for every command."""
        ask = self.bot.get_cog("Ask")
        if not isinstance(ask, Ask):
            raise RuntimeError("the ask cog is not loaded")
        return ask.answers

    # discord.py types the hook for any client; this cog only ever runs in NewsBot.
    async def interaction_check(self, interaction: discord.Interaction[NewsBot]) -> bool:  # type: ignore[override]
        self.cooldown.check(interaction.user.id)
        return True

    @app_commands.command()
    @app_commands.describe(topic="The story, e.g. 'the Hong Kong extradition bill'")
    async def timeline(self, interaction: discord.Interaction[NewsBot], topic: app_commands.Range[str, 1, 300]) -> None:
        """How a story unfolded: one passage from each article on it, oldest first."""
        await interaction.response.defer(thinking=True)
        page = await self.answers.page(topic, TIMELINE_ENTRIES, timeline=True)
        await interaction.followup.send(embed=page.embed, allowed_mentions=NO_MENTIONS)

    @app_commands.command()
    @app_commands.describe(person="Whose words, e.g. 'Carrie Lam' (any spelling the archive uses)")
    async def quotes(self, interaction: discord.Interaction[NewsBot], person: app_commands.Range[str, 1, 100]) -> None:
        """What the archive quotes a person as saying, newest first."""
        await interaction.response.defer(thinking=True)
        embed = await self.answers.quotes(person, QUOTES_LISTED)
        await interaction.followup.send(embed=embed, allowed_mentions=NO_MENTIONS)


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(People(bot))
