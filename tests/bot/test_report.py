"""`newsbot report`: what the newsroom asks, from the question and rating records (no model, no Discord)."""

from __future__ import annotations

import datetime as dt
import json
import math
import struct
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.cli import cli
from bot.report import Asked, Day, Rated, build_report, render_report, write_chart

CAMPAIGN = "Who speaks for the Trump campaign?"
WORLD_CUP = "Who won the 1998 World Cup final?"


def asked(day: int, question: str, answered: bool = True) -> dict[str, Any]:
    return {"timestamp": f"2026-11-{day:02}T10:00:00+00:00", "question": question, "answered": answered,
            "top_score": 0.8 if answered else None, "ms": 4.2, "article_ids": ["000"] if answered else []}


def rated(day: int, rating: str, question: str = CAMPAIGN, ids: tuple[str, ...] = ("000",)) -> dict[str, Any]:
    return {"timestamp": f"2026-11-{day:02}T11:00:00+00:00", "rating": rating, "question": question,
            "article_ids": list(ids), "message_id": "1"}


QUESTIONS = [asked(1, CAMPAIGN), asked(1, "who speaks for the trump campaign"), asked(3, WORLD_CUP, False),
             asked(3, CAMPAIGN), asked(4, WORLD_CUP, False), asked(4, "Any floods?", False)]
FEEDBACK = [rated(1, "up"), rated(2, "up"), rated(3, "down"), rated(3, "down", "Any floods?", ())]


def test_most_asked_groups_wordings_and_counts_the_unanswered() -> None:
    """Case, spacing and end punctuation aside, a question is counted once, shown in its most common wording."""
    report = build_report(QUESTIONS, [])
    assert report.most_asked == [Asked(CAMPAIGN, 3, 0), Asked(WORLD_CUP, 2, 2), Asked("Any floods?", 1, 1)]
    assert (report.questions, report.unanswered) == (6, 3)


def test_unanswered_lists_what_the_archive_lacks() -> None:
    """Only questions without an answer, most asked first."""
    assert build_report(QUESTIONS, []).not_answered == [Asked(WORLD_CUP, 2, 2), Asked("Any floods?", 1, 1)]


def test_ratings_per_answer() -> None:
    """👍 and 👎 are counted per question and quoted articles, most rated first."""
    assert build_report([], FEEDBACK).ratings == [Rated(CAMPAIGN, ("000",), 2, 1), Rated("Any floods?", (), 0, 1)]


def test_days_run_from_first_to_last_question_with_empty_days() -> None:
    """Every day is in the series, with its unanswered share (none on a day without questions)."""
    days = build_report(QUESTIONS, []).days
    assert [(d.day.day, d.questions, d.unanswered) for d in days] == [(1, 2, 0), (2, 0, 0), (3, 2, 1), (4, 2, 2)]
    assert [d.unanswered_share for d in days if d.questions] == [0.0, 0.5, 1.0]
    assert math.isnan(days[1].unanswered_share)


def test_since_leaves_out_older_records() -> None:
    """--since counts questions and ratings from that day on."""
    report = build_report(QUESTIONS, FEEDBACK, since=dt.date(2026, 11, 3))
    assert (report.questions, [d.day.day for d in report.days]) == (4, [3, 4])
    assert report.ratings == [Rated("Any floods?", (), 0, 1), Rated(CAMPAIGN, ("000",), 0, 1)]


def test_top_limits_each_list() -> None:
    """--top N keeps the first N of each list."""
    assert len(build_report(QUESTIONS, FEEDBACK, top=1).most_asked) == 1


def test_malformed_records_are_skipped_and_counted() -> None:
    """Records not shaped as the bot writes them are skipped, and the report says how many."""
    bad = [{}, {"timestamp": "yesterday", "question": "q", "answered": True}, asked(1, "  "),
           {**asked(1, "q"), "answered": "yes"}, {**rated(1, "up"), "rating": "meh"}]
    report = build_report([*QUESTIONS, *bad[:4]], [*FEEDBACK, bad[4]])
    assert (report.questions, report.skipped) == (6, 5)
    assert render_report(report).endswith("(5 damaged records skipped.)")


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner,
                                                                                 max_size=3), max_leaves=8)
_records = st.lists(st.dictionaries(st.sampled_from(["timestamp", "question", "answered", "rating", "article_ids"]),
                                    _json | st.just("2026-11-01T00:00:00+00:00"), max_size=5), max_size=8)


@settings(max_examples=100, deadline=None)
@given(_records, _records)
def test_any_records_give_a_report(questions: list[dict[str, Any]], feedback: list[dict[str, Any]]) -> None:
    """Whatever the files hold, a report comes out and every record is either counted or skipped."""
    report = build_report(questions, feedback)
    assert report.questions + sum(r.up + r.down for r in report.ratings) + report.skipped == \
        len(questions) + len(feedback)
    assert render_report(report).startswith("# What the newsroom asks")


def test_report_text() -> None:
    """The text names the totals and each list, in order."""
    text = render_report(build_report(QUESTIONS, FEEDBACK))
    assert "6 questions, 3 not answered (50%)." in text
    assert "- 3× Who speaks for the Trump campaign?\n" in text
    assert "- 2× Who won the 1998 World Cup final? (not answered 2×)" in text
    assert "## Not answered: what the archive lacks\n\n- 2× Who won the 1998 World Cup final?\n- 1× Any floods?" in text
    assert "- 👍 2 👎 1  Who speaks for the Trump campaign? (000)" in text


def test_empty_report_says_so() -> None:
    """No records: one sentence, not empty headings."""
    assert render_report(build_report([], [], dt.date(2026, 1, 2))) == \
        "# What the newsroom asks\n\nNo questions recorded since 2026-01-02."


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_chart_is_a_png(tmp_path: Path) -> None:
    """The chart is a 1000 x 400 PNG."""
    write_chart(build_report(QUESTIONS, []), tmp_path / "chart.png")
    assert png_size(tmp_path / "chart.png") == (1000, 400)


def write_lines(path: Path, entries: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    index = tmp_path / "index"
    write_lines(index / "questions.jsonl.1", QUESTIONS[:3])  # a rotated file is read too
    write_lines(index / "questions.jsonl", QUESTIONS[3:])
    write_lines(index / "feedback.jsonl", FEEDBACK)
    return index


def test_command_prints_and_writes_the_report(index_dir: Path, tmp_path: Path) -> None:
    """`newsbot report --since --out` prints the report and writes it with the chart into the folder."""
    out = tmp_path / "out"
    done = CliRunner().invoke(cli, ["report", "--index", str(index_dir), "--since", "2026-11-03", "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert "4 questions since 2026-11-03, 3 not answered (75%)." in done.stdout
    assert (out / "report.md").read_text(encoding="utf-8").strip() == done.stdout.split("\n\nwritten:")[0].strip()
    assert png_size(out / "questions-per-day.png") == (1000, 400)


def test_command_writes_into_the_index_folder_by_default(index_dir: Path) -> None:
    """Without --out the report goes to <index>/report."""
    done = CliRunner().invoke(cli, ["report", "--index", str(index_dir)])
    assert done.exit_code == 0, done.output
    assert (index_dir / "report" / "report.md").is_file() and (index_dir / "report" / "questions-per-day.png").is_file()


def test_command_refuses_a_bad_date(index_dir: Path) -> None:
    """--since takes YYYY-MM-DD only; anything else is a usage error naming the option."""
    done = CliRunner().invoke(cli, ["report", "--index", str(index_dir), "--since", "last week"])
    assert done.exit_code == 2 and "--since" in done.output


def test_unwritable_out_is_one_line(index_dir: Path, tmp_path: Path) -> None:
    """A folder that cannot be written is one clear error line, not a traceback."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = CliRunner().invoke(cli, ["report", "--index", str(index_dir), "--out", str(blocker / "sub")])
    assert done.exit_code == 1 and "Error: cannot write the report to" in done.output
    assert "Traceback" not in done.output


def test_day_share_of_a_day() -> None:
    """The unanswered share is of that day's questions."""
    assert Day(dt.date(2026, 1, 1), 4, 1).unanswered_share == 0.25
