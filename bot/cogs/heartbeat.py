"""Refresh the heartbeat file (bot/heartbeat.py) while the bot is connected to Discord."""

from __future__ import annotations

import asyncio
import logging

from discord.ext import commands, tasks

from bot.client import NewsBot
from bot.heartbeat import FILENAME, INTERVAL, beat

log = logging.getLogger(__name__)


class Heartbeat(commands.Cog):
    """Beat on READY and RESUMED and every INTERVAL seconds after, until the gateway connection drops."""

    def __init__(self, bot: NewsBot) -> None:
        self.bot = bot
        self.path = bot.settings.index_dir / FILENAME
        self.connected = False

    async def cog_load(self) -> None:
        self.beats.start()

    async def cog_unload(self) -> None:
        self.beats.cancel()

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        await self._connected()

    @commands.Cog.listener()
    async def on_resumed(self) -> None:
        await self._connected()

    @commands.Cog.listener()
    async def on_disconnect(self) -> None:
        if self.connected:
            log.warning("lost the connection to Discord: the heartbeat stops until it is back")
        self.connected = False

    @tasks.loop(seconds=INTERVAL)
    async def beats(self) -> None:
        if self.connected and not self.bot.is_closed():
            await self._beat()

    async def _connected(self) -> None:
        self.connected = True
        await self._beat()

    async def _beat(self) -> None:
        try:
            await asyncio.to_thread(beat, self.path)
        except OSError as exc:  # a full or read-only disk must not stop the bot; the health check will say so
            log.warning("could not write the heartbeat %s: %s", self.path, exc.strerror or exc)


async def setup(bot: NewsBot) -> None:
    await bot.add_cog(Heartbeat(bot))
