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
from index.errors import QuestionError
from index.escape import escaped
from index.questions import check_question, decode_question


class BadQuestion(click.ClickException):
    """A question given on the command line that cannot be searched: one line, exit status 2 (a usage error)."""

    exit_code = 2


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
    if question != "-":
        try:
            question = check_question(question)
        except QuestionError as exc:
            raise BadQuestion(str(exc)) from None
    service = AnswerService(settings)
    service.load()
    first, last = (since.date() if since else None), (until.date() if until else None)
    lines = _stdin_lines() if question == "-" else iter([question.encode()])
    for line in lines:
        try:
            result = service.ask(
                decode_question(line), top_k, since=first, until=last, author=author, timeline=timeline,
            )
        except QuestionError as exc:
            # One bad line of a batch must not cost the answers to the lines after it.
            if as_json:
                click.echo(json.dumps({"question": escaped(line), "error": str(exc)}, ensure_ascii=False))
                sys.stdout.flush()
            else:
                click.echo(f"Error: {exc}", err=True)
            continue
        if as_json:
            click.echo(json.dumps(result.to_json(), ensure_ascii=False))
            sys.stdout.flush()
        else:
            click.echo(render_result(result))
            click.echo(f"(searched in {result.took_ms:.0f} ms)\n")


def _stdin_lines() -> Iterator[bytes]:
    """Each non-blank line of standard input as raw bytes: decoding is per line, so one bad line fails alone."""
    for line in sys.stdin.buffer:
        if line.strip():
            yield line.strip()
