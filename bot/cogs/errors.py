"""The one place that turns command errors into replies.

Dispatch order: check failures (wrong channel, cooldown, missing permission) and the index's domain errors
are the user's to fix, so they get their own one-line message; anything else gets a generic apology, and its
traceback goes to the log, never to Discord.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import NO_MENTIONS, NewsBot
from bot.discord_format import message
from index.errors import NewsIndexError

log = logging.getLogger(__name__)

APOLOGY = "Sorry, an unexpected error occurred. Please let us know!"
STALE = "That command has changed: wait a minute for Discord to update it, then try again."


def user_message(error: BaseException) -> str:
    """Return what to tell the user about `error`, logging the traceback of an unexpected one."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, (app_commands.CheckFailure, NewsIndexError)):
        log.debug("refused: %s", error)
        return str(error)
    if isinstance(error, app_commands.CommandNotFound):
        return STALE
    log.error("unexpected error while answering", exc_info=error)
    return APOLOGY


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
        text = message(user_message(error))
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(Errors(bot))
