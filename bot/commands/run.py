"""`newsbot run`: the Discord bot."""

from __future__ import annotations

import asyncio
import sys

import click

from bot.commands._options import common_options
from bot.config import Settings


@click.command("run")
@common_options
def run(settings: Settings) -> None:
    """Run the Discord bot (token from the DISCORD_TOKEN environment variable)."""
    from bot.run import run_bot

    sys.exit(asyncio.run(run_bot(settings)))
