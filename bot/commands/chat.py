"""`newsbot chat`: the bot's answers in a terminal."""

from __future__ import annotations

import sys

import click

from bot.commands._options import common_options
from bot.config import Settings
from bot.formatting import render_result
from bot.service import AnswerService
from index.errors import QuestionError


@click.command("chat")
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
        try:
            click.echo(render_result(service.ask(line, top_k)) + "\n")
        except QuestionError as exc:
            click.echo(f"Error: {exc}\n")
