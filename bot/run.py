"""`newsbot run`: log in with the token from the environment, load the index, serve until stopped."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Iterator
from typing import Any

import aiohttp
import discord

from bot.client import NewsBot
from bot.config import Settings
from bot.refresh import Refresher
from bot.service import AnswerService

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_NETWORK = 1
EXIT_SETUP = 2


async def run_bot(settings: Settings, service: AnswerService | None = None, **options: Any) -> int:
    """Serve Discord until SIGINT or SIGTERM and return the exit code; `options` go to `NewsBot`.

    Meanwhile the index follows the articles folder and the configured sources (`bot.refresh`).

    A missing or rejected token, or a missing privileged intent, is one line on stderr and exit code 2.
    The token itself is never logged.
    """
    env = settings.discord.token_env
    token = os.environ.get(env, "").strip()
    if not token:
        return _fail(f"the environment variable {env} is not set: put the bot's token in it")
    service = service or AnswerService(settings)
    async with NewsBot(settings, service, **options) as bot:
        try:
            await bot.login(token)
        except discord.LoginFailure:
            return _fail(f"Discord rejected the token in {env}: copy it again from the Developer Portal")
        except (aiohttp.ClientError, OSError) as exc:
            # Not a set-up mistake: exit 1 so that a container's restart policy tries again later.
            return _fail(f"cannot reach Discord ({exc.__class__.__name__}): check this host's network", EXIT_NETWORK)
        # Logged in first so that a bad token fails fast; loaded before connecting so that answers are ready.
        await asyncio.to_thread(service.load)
        refresher = Refresher(service)
        await refresher.start()
        stop = asyncio.Event()
        try:
            with _set_on_signals(stop):
                connection = asyncio.create_task(bot.connect())
                stopping = asyncio.create_task(stop.wait())
                await asyncio.wait({connection, stopping}, return_when=asyncio.FIRST_COMPLETED)
                stopping.cancel()
        finally:
            await refresher.stop()
        if stop.is_set():
            log.info("stopping: closing the Discord connection")
        await bot.close()
        try:
            await connection
        except discord.PrivilegedIntentsRequired:
            return _fail(
                "Discord refused the Message Content intent: turn it on under Bot > Privileged Gateway Intents "
                "in the Developer Portal, or set discord.mention_replies: false"
            )
    return EXIT_OK


def _fail(line: str, code: int = EXIT_SETUP) -> int:
    print(f"error: {line}", file=sys.stderr)
    return code


@contextlib.contextmanager
def _set_on_signals(stop: asyncio.Event) -> Iterator[None]:
    """Set `stop` on SIGINT and SIGTERM (where the platform lets an event loop handle signals)."""
    loop = asyncio.get_running_loop()
    installed = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, stop.set)
            installed.append(signum)
    try:
        yield
    finally:
        for signum in installed:
            loop.remove_signal_handler(signum)
