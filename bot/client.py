"""The Discord client: settings and the answer service are injected, cogs hold the commands."""

from __future__ import annotations

import logging
import time
from typing import Any

import discord
from discord import app_commands
from discord.abc import Snowflake
from discord.ext import commands

from bot.cogs import extensions
from bot.config import Settings
from bot.service import AnswerService

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()


class ChannelNotAllowed(app_commands.CheckFailure):
    """A command was used outside the configured channels."""

    def __init__(self, channels: list[int]) -> None:
        where = ", ".join(f"<#{c}>" for c in channels)
        super().__init__(f"I only answer in {where}.")


class NewsTree(app_commands.CommandTree["NewsBot"]):
    """A command tree that answers only in the configured channels."""

    async def interaction_check(self, interaction: discord.Interaction[NewsBot]) -> bool:
        if not self.client.answers_in(interaction.channel):
            raise ChannelNotAllowed(self.client.settings.discord.channels)
        return True


class NewsBot(commands.Bot):
    """The newsroom bot: slash commands and @mentions answered from `service`."""

    def __init__(self, settings: Settings, service: AnswerService, **options: Any) -> None:
        intents = discord.Intents.default()
        intents.message_content = settings.discord.mention_replies
        super().__init__(
            command_prefix=[],  # slash commands only; the ask cog reads @mentions itself
            help_command=None,
            intents=intents,
            allowed_mentions=NO_MENTIONS,
            tree_cls=NewsTree,
            **options,
        )
        self.settings = settings
        self.service = service
        self._started = time.monotonic()

    def uptime(self) -> float:
        """Seconds since the bot was created."""
        return time.monotonic() - self._started

    def answers_in(self, channel: Snowflake | None) -> bool:
        """Tell whether the channel allowlist admits `channel` (a thread counts as its parent channel)."""
        allowed = self.settings.discord.channels
        if not allowed or channel is None:
            return not allowed
        return channel.id in allowed or getattr(channel, "parent_id", None) in allowed

    async def setup_hook(self) -> None:
        for name in extensions():
            await self.load_extension(name)
        guild_ids = self.settings.discord.guild_ids
        for guild_id in guild_ids:
            guild = discord.Object(guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to guild %d", len(synced), guild_id)
        if not guild_ids:
            synced = await self.tree.sync()
            log.info("synced %d commands globally (Discord may take up to an hour to show them)", len(synced))

    async def on_ready(self) -> None:
        log.info("connected as %s to %d guilds", self.user, len(self.guilds))
