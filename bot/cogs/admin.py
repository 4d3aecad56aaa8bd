"""`/reindex` for admins, one rebuild at a time, and `/status` for everyone."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import NO_MENTIONS, NewsBot
from bot.cogs import _reindex_text
from bot.discord_format import message, status_embed
from bot.refresh import RefreshState
from bot.replies import tell, user_message
from index.models import BuildSummary

log = logging.getLogger(__name__)

PROGRESS_EVERY = 60.0


class NotAdmin(app_commands.CheckFailure):
    """A member without Manage Server or the admin role asked for a rebuild."""

    def __init__(self, role: str | None) -> None:
        who = f"members with Manage Server or the {role} role" if role else "members with Manage Server"
        super().__init__(f"Only {who} can rebuild the index.")


class Admin(commands.Cog):
    """Rebuild the index and report on it."""

    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot
        self.progress_every = PROGRESS_EVERY

    def require_admin(self, interaction: discord.Interaction[NewsBot]) -> None:
        """Raise NotAdmin unless the member has Manage Server (or Administrator) or the configured role."""
        role = self.bot.settings.discord.admin_role
        perms = interaction.permissions
        roles = getattr(interaction.user, "roles", [])
        if not (perms.manage_guild or perms.administrator or (role and any(r.name == role for r in roles))):
            raise NotAdmin(role)

    @app_commands.command()
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)  # only such members see it; require_admin still checks
    @app_commands.describe(full="Re-embed every article, not only new and changed ones")
    async def reindex(self, interaction: discord.Interaction[NewsBot], full: bool = False) -> None:
        """Update the index from the articles folder; answers keep coming from the old one meanwhile."""
        self.require_admin(interaction)
        # Taken before the first await, so a second request is refused (IndexBusyError, answered by the error
        # handler) rather than queued.
        with self.bot.service.rebuilding() as rebuild:
            await interaction.response.defer(ephemeral=True, thinking=True)
            log.info("rebuild (full=%s) requested by %s", full, interaction.user)
            started = dt.datetime.now(dt.UTC)
            progress = await self._post(interaction.channel_id, _reindex_text.running(started, 0, full))
            work = asyncio.create_task(asyncio.to_thread(rebuild, full))
            try:
                summary = await self._follow(work, progress, started, full)
            except Exception as exc:  # noqa: BLE001 - told in the channel and to the member; user_message logs it
                reason = user_message(exc)
                await self._edit(progress, _reindex_text.failed(reason))
                await tell(interaction, reason)
                return
        log.info("%s", summary.line())
        await self._edit(progress, _reindex_text.finished(summary))
        try:
            await interaction.followup.send(message(summary.line()), ephemeral=True, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as exc:  # the token lasts 15 minutes; the channel message has the summary
            log.info("could not tell the summary to the member who asked (%s): it is in the channel", exc)

    async def _follow(
        self, work: asyncio.Task[BuildSummary], progress: discord.Message | None, started: dt.datetime, full: bool
    ) -> BuildSummary:
        """Wait for the rebuild, editing the progress message every `progress_every` seconds."""
        while True:
            done, _ = await asyncio.wait({work}, timeout=self.progress_every)
            if done:
                return work.result()
            elapsed = (dt.datetime.now(dt.UTC) - started).total_seconds()
            await self._edit(progress, _reindex_text.running(started, elapsed, full))

    async def _post(self, channel_id: int | None, text: str) -> discord.Message | None:
        """Post the progress message as the bot (its edits never expire, unlike the interaction's token)."""
        if channel_id is None:
            return None
        try:
            return await self.bot.get_partial_messageable(channel_id).send(text, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as exc:  # no right to post there: the member still gets the summary
            log.warning("could not post the rebuild's progress in channel %d: %s", channel_id, exc)
            return None

    async def _edit(self, progress: discord.Message | None, text: str) -> None:
        if progress is None:
            return
        try:
            await progress.edit(content=text)
        except discord.HTTPException as exc:  # deleted by a moderator, say: the rebuild goes on regardless
            log.warning("could not update the rebuild's progress message: %s", exc)

    @app_commands.command()
    async def status(self, interaction: discord.Interaction[NewsBot]) -> None:
        """Show how many articles and passages are indexed, the model, the last build and refresh, and the uptime."""
        stats = await asyncio.to_thread(self.bot.service.stats)
        refresh = RefreshState.load(self.bot.settings.index_dir)
        embed = status_embed(stats, self.bot.uptime(), refresh.lines() if refresh else None)
        await interaction.response.send_message(embed=embed, ephemeral=True, allowed_mentions=NO_MENTIONS)


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(Admin(bot))
