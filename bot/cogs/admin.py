"""`/reindex` for admins, one rebuild at a time, and `/status` for everyone."""

from __future__ import annotations

import asyncio
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import NO_MENTIONS, NewsBot
from bot.discord_format import message, status_embed

log = logging.getLogger(__name__)

class NotAdmin(app_commands.CheckFailure):
    """A member without Manage Server or the admin role asked for a rebuild."""

    def __init__(self, role: str | None) -> None:
        who = f"members with Manage Server or the {role} role" if role else "members with Manage Server"
        super().__init__(f"Only {who} can rebuild the index.")


class Admin(commands.Cog):
    """Rebuild the index and report on it."""

    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot

    def require_admin(self, interaction: discord.Interaction[NewsBot]) -> None:
        """Raise NotAdmin unless the member has Manage Server (or Administrator) or the configured role."""
        role = self.bot.settings.discord.admin_role
        perms = interaction.permissions
        roles = getattr(interaction.user, "roles", [])
        if not (perms.manage_guild or perms.administrator or (role and any(r.name == role for r in roles))):
            raise NotAdmin(role)

    @app_commands.command()
    @app_commands.guild_only()
    @app_commands.describe(full="Re-embed every article, not only new and changed ones")
    async def reindex(self, interaction: discord.Interaction[NewsBot], full: bool = False) -> None:
        """Update the index from the articles folder; answers keep coming from the old one meanwhile."""
        self.require_admin(interaction)
        # Taken before the first await, so a second request is refused (IndexBusyError, answered by the error
        # handler) rather than queued.
        with self.bot.service.rebuilding() as rebuild:
            await interaction.response.defer(ephemeral=True, thinking=True)
            log.info("rebuild (full=%s) requested by %s", full, interaction.user)
            summary = await asyncio.to_thread(rebuild, full)
        log.info("%s", summary.line())
        await interaction.followup.send(message(summary.line()), ephemeral=True, allowed_mentions=NO_MENTIONS)

    @app_commands.command()
    async def status(self, interaction: discord.Interaction[NewsBot]) -> None:
        """Show how many articles and passages are indexed, the model, the last build and the uptime."""
        stats = await asyncio.to_thread(self.bot.service.stats)
        embed = status_embed(stats, self.bot.uptime())
        await interaction.response.send_message(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(Admin(bot))
