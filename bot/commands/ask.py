"""`newsbot ask`: one question, or one per line of standard input."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator

import click

from bot.commands._options import common_options
from bot.config import Settings
from bot.formatting import render_result
from bot.service import AnswerService


@click.command("ask")
@click.argument("question")
@click.option("--top-k", type=click.IntRange(1, 25), default=None, help="How many quotes [default: from config].")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per question.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Only articles dated on or after.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Only articles dated on or before.")
@click.option("--author", default=None, help="Only articles whose byline (front matter `author`) names this person.")
@click.option("--timeline", is_flag=True, help="One passage per article on the story, oldest first.")
@common_options
def ask(
    settings: Settings, question: str, top_k: int | None, as_json: bool, since: dt.datetime | None,
    until: dt.datetime | None, author: str | None, timeline: bool,
) -> None:
    """Answer QUESTION; with QUESTION '-', answer each line of standard input."""
    service = AnswerService(settings)
    service.load()
    first, last = (since.date() if since else None), (until.date() if until else None)
    questions = _stdin_lines() if question == "-" else iter([question])
    for q in questions:
        result = service.ask(q, top_k, since=first, until=last, author=author, timeline=timeline)
        if as_json:
            click.echo(json.dumps(result.to_json(), ensure_ascii=False))
            sys.stdout.flush()
        else:
            click.echo(render_result(result))
            click.echo(f"(searched in {result.took_ms:.0f} ms)\n")


def _stdin_lines() -> Iterator[str]:
    for line in sys.stdin:
        if line.strip():
            yield line.strip()
