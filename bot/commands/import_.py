"""`newsbot import`: feeds, WordPress exports, HTML pages and JSON Lines into the articles folder."""

from __future__ import annotations

import sys

import click

from bot.commands._options import common_options
from bot.config import Settings
from index.importers import ImportSummary, import_source


@click.command("import")
@click.argument("sources", nargs=-1, required=True)
@common_options
def import_(settings: Settings, sources: tuple[str, ...]) -> None:
    """Import each SOURCE (a file, a folder or an http(s) URL) into <articles>/<source name>/.

    The format is read from the content: RSS or Atom feed, WordPress export (WXR), HTML article page or
    JSON Lines. Importing again rewrites nothing that did not change.
    """
    options = settings.importing.to_options()
    total = ImportSummary()
    for source in sources:
        summary = import_source(source, settings.articles_dir, options)
        for line in summary.failed:
            click.echo(f"error: {line}", err=True)
        total.add(summary)
    click.echo(total.line())
    if total.changed:
        click.echo("run `newsbot index build` to index them (a running `newsbot run` does it by itself)")
    if total.failed:
        sys.exit(1)
