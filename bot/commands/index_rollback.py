"""`newsbot index rollback`: make the previous index generation current again."""

from __future__ import annotations

import click

from bot.commands._options import common_options
from bot.config import Settings
from index.store import rollback


@click.command("rollback")
@common_options
def index_rollback(settings: Settings) -> None:
    """Swap back, atomically, to the index generation built before the current one."""
    folder = rollback(settings.index_dir)
    click.echo(f"Index rolled back: {folder.name} is current again (a running bot picks it up on its next question)")
