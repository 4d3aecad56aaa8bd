"""`newsbot report`: what the newsroom asks and what the archive lacks, for editors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from bot.commands._options import common_options
from bot.config import Settings
from bot.feedback import FILENAME as FEEDBACK
from bot.jsonl import read_entries
from bot.question_log import FILENAME as QUESTIONS
from bot.report import TOP, build_report, render_report, write_chart

CHART = "questions-per-day.png"
TEXT = "report.md"


@click.command("report")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Only questions from this day on.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=True, file_okay=False), default=None,
              help="Folder for report.md and the chart [default: <index>/report].")
@click.option("--top", type=click.IntRange(1, 100), default=TOP, show_default=True, help="Questions per list.")
@common_options
def report(settings: Settings, since: dt.datetime | None, out: Path | None, top: int) -> None:
    """Most asked and unanswered questions, 👍/👎 per answer, and a chart of questions per day."""
    index_dir = settings.index_dir
    summary = build_report(read_entries(index_dir / QUESTIONS), read_entries(index_dir / FEEDBACK),
                           since.date() if since else None, top)
    text = render_report(summary)
    click.echo(text)
    out = out or index_dir / "report"
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / TEXT).write_text(text + "\n", encoding="utf-8")
        if summary.days:
            write_chart(summary, out / CHART)
    except OSError as exc:
        raise click.ClickException(f"cannot write the report to {out}: {exc.strerror or exc}") from None
    click.echo(f"\nwritten: {out / TEXT}" + (f", {out / CHART}" if summary.days else ""), err=True)
