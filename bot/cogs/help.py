"""`/help`: what the commands do and how to ask, shown only to the member who asked."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import NO_MENTIONS, NewsBot
from bot.cogs._help_text import help_text
from bot.discord_format import COLOUR, DESCRIPTION_LIMIT, clip


class Help(commands.Cog):
    """Explain the bot."""

    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot

    @app_commands.command(name="help")
    async def help_command(self, interaction: discord.Interaction[NewsBot]) -> None:
        """How to ask the archive, and what each command does."""
        text = clip(help_text(self.bot.settings.discord), DESCRIPTION_LIMIT)
        embed = discord.Embed(title="newsbot: answers quoted from the archive", description=text, colour=COLOUR)
        await interaction.response.send_message(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(Help(bot))
