"""`newsbot quotes PERSON`: what the archive quotes a person as saying, newest first."""

from __future__ import annotations

import json

import click

from bot.commands._options import common_options
from bot.config import Settings
from bot.formatting import render_result
from bot.service import AnswerService


@click.command("quotes")
@click.argument("person")
@click.option("--limit", type=click.IntRange(1, 100), default=10, show_default=True, help="How many quotes.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@common_options
def quotes(settings: Settings, person: str, limit: int, as_json: bool) -> None:
    """List PERSON's quotations, newest first (any spelling: Zelensky finds Zelenskyy too)."""
    service = AnswerService(settings)
    service.load()
    result = service.quotes(person, limit)
    click.echo(json.dumps(result.to_json(), ensure_ascii=False) if as_json else render_result(result))
