"""What a member is told when something goes wrong, and the one way to tell only them."""

from __future__ import annotations

import logging

import discord
from discord import app_commands

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


async def tell(interaction: discord.Interaction[NewsBot], text: str) -> None:
    """Answer the member who asked or clicked, and no one else."""
    text = message(text)
    if interaction.response.is_done():
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
    else:
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
