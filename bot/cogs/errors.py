"""The one place that turns command errors into replies.

Dispatch order: check failures (wrong channel, cooldown, missing permission) and the index's domain errors
are the user's to fix, so they get their own one-line message; anything else gets a generic apology, and its
traceback goes to the log, never to Discord (`bot.replies.user_message`).
"""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import NewsBot
from bot.replies import tell, user_message


class Errors(commands.Cog):
    """Install the command tree's error handler while loaded."""

    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot
        self._previous = bot.tree.on_error

    async def cog_load(self) -> None:
        self.bot.tree.on_error = self.on_app_command_error  # type: ignore[method-assign]

    async def cog_unload(self) -> None:
        self.bot.tree.on_error = self._previous  # type: ignore[method-assign]

    async def on_app_command_error(
        self, interaction: discord.Interaction[NewsBot], error: app_commands.AppCommandError
    ) -> None:
        await tell(interaction, user_message(error))


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(Errors(bot))
