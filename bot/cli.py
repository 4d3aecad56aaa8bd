"""The `newsbot` command: index build|status, ask, chat, run."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from bot.config import ConfigError, Settings, load_settings
from bot.formatting import render_result
from bot.logging import setup_logging
from bot.service import AnswerService
from index.embed import model_id_for
from index.errors import NewsIndexError
from index.store import verify


def common_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give a command --config, --articles and --index, and hand it the resulting Settings."""

    @click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
                  help="Settings file [default: ./config.yaml when present].")
    @click.option("--articles", "articles_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
                  help="Folder of article files (overrides the config).")
    @click.option("--index", "index_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
                  help="Folder of the index (overrides the config).")
    @functools.wraps(command)
    def wrapper(config_path: Path | None, articles_dir: Path | None, index_dir: Path | None, **kwargs: Any) -> Any:
        if config_path is None and Path("config.yaml").is_file():
            config_path = Path("config.yaml")
        try:
            settings = load_settings(config_path, articles_dir=articles_dir, index_dir=index_dir)
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from None
        setup_logging(settings.log_level)
        try:
            return command(settings, **kwargs)
        except NewsIndexError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


@click.group()
@click.version_option(package_name="newsbot")
def cli() -> None:
    """Answer questions from a newsroom's article archive by quoting it verbatim."""


@cli.group("index")
def index_group() -> None:
    """Build or inspect the search index."""


@index_group.command("build")
@click.option("--full", is_flag=True, help="Re-embed every article, not only the changed ones.")
@common_options
def index_build(settings: Settings, full: bool) -> None:
    """Index the articles folder (incremental; the old index serves until the new one is complete)."""
    summary = AnswerService(settings).rebuild(full=full)
    click.echo(summary.line())


@index_group.command("status")
@common_options
def index_status(settings: Settings) -> None:
    """Show what the index holds; exits non-zero when there is no usable index (a cheap health check)."""
    stats = verify(settings.index_dir, model_id_for(settings.model.path))
    click.echo(f"index:    {settings.index_dir}")
    click.echo(f"articles: {stats.articles}")
    click.echo(f"passages: {stats.passages}")
    click.echo(f"model:    {stats.model}")
    click.echo(f"type:     {stats.index_type}")
    click.echo(f"built:    {stats.built_at}")


@cli.command("ask")
@click.argument("question")
@click.option("--top-k", type=click.IntRange(1, 25), default=None, help="How many quotes [default: from config].")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per question.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Only articles dated on or after.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Only articles dated on or before.")
@common_options
def ask(
    settings: Settings, question: str, top_k: int | None, as_json: bool, since: dt.datetime | None,
    until: dt.datetime | None,
) -> None:
    """Answer QUESTION; with QUESTION '-', answer each line of standard input."""
    service = AnswerService(settings)
    service.load()
    filters = {"since": since.date() if since else None, "until": until.date() if until else None}
    questions = _stdin_lines() if question == "-" else iter([question])
    for q in questions:
        result = service.ask(q, top_k, **filters)
        if as_json:
            click.echo(json.dumps(result.to_json(), ensure_ascii=False))
            sys.stdout.flush()
        else:
            click.echo(render_result(result))
            click.echo(f"(searched in {result.took_ms:.0f} ms)\n")


@cli.command("chat")
@click.option("--top-k", type=click.IntRange(1, 25), default=None, help="How many quotes [default: from config].")
@common_options
def chat(settings: Settings, top_k: int | None) -> None:
    """Ask questions in the terminal, as the Discord bot would answer them (works with piped input too)."""
    interactive = sys.stdin.isatty()
    service = AnswerService(settings)
    service.load()
    stats = service.stats()
    if interactive:
        click.echo(f"newsbot: {stats.articles} articles, {stats.passages} passages. Ask a question; Ctrl-D quits.")
    while True:
        try:
            line = input("? " if interactive else "")
        except (EOFError, KeyboardInterrupt):
            break
        if not line.strip():
            continue
        if not interactive:
            click.echo(f"? {line.strip()}")
        click.echo(render_result(service.ask(line.strip(), top_k)) + "\n")


@cli.command("run")
@common_options
def run(settings: Settings) -> None:
    """Run the Discord bot (token from the DISCORD_TOKEN environment variable)."""
    from bot.run import run_bot

    sys.exit(asyncio.run(run_bot(settings)))


def _stdin_lines() -> Iterator[str]:
    for line in sys.stdin:
        if line.strip():
            yield line.strip()


def main() -> None:
    cli(prog_name="newsbot")
