"""The `newsbot` command. Each command lives in its own module under `bot/commands/`."""

from __future__ import annotations

import click

from bot.commands.ask import ask
from bot.commands.chat import chat
from bot.commands.import_ import import_
from bot.commands.index_cmd import index_group
from bot.commands.index_rollback import index_rollback
from bot.commands.quotes import quotes
from bot.commands.report import report
from bot.commands.run import run


@click.group()
@click.version_option(package_name="newsbot")
def cli() -> None:
    """Answer questions from a newsroom's article archive by quoting its passages verbatim."""


index_group.add_command(index_rollback)
cli.add_command(index_group)
cli.add_command(ask)
cli.add_command(quotes)
cli.add_command(chat)
cli.add_command(import_)
cli.add_command(run)
cli.add_command(report)


def main() -> None:
    cli(prog_name="newsbot")
