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
TOLD_PRIVATELY = "(answered privately)"


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
    """Answer the member who asked or clicked, and no one else, whatever the deferral."""
    text = message(text)
    if not interaction.response.is_done():
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        return
    thinking = await _public_thinking(interaction)
    if thinking:
        # Discord gives the first follow-up of a public deferral the deferral's visibility, ignoring
        # `ephemeral`: end the public "thinking…" with an edit, tell the member privately, then delete it.
        await interaction.edit_original_response(content=TOLD_PRIVATELY, embed=None, view=None)
    await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
    if thinking:
        try:
            await interaction.delete_original_response()
        except discord.HTTPException as exc:  # the edit already says where the answer went
            log.debug("could not delete the public thinking message: %s", exc)


async def _public_thinking(interaction: discord.Interaction[NewsBot]) -> bool:
    """Tell whether the interaction's response is a public "thinking…" message still waiting for its answer."""
    if interaction.response.type is not discord.InteractionResponseType.deferred_channel_message:
        return False
    try:
        original = await interaction.original_response()
    except discord.HTTPException:  # gone already: nothing public to replace
        return False
    return original.flags.loading and not original.flags.ephemeral
