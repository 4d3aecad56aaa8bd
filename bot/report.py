"""What the newsroom asks: the most asked and the unanswered questions, ratings per answer, questions per day.

Built from `questions.jsonl` and `feedback.jsonl` in the index folder; entries that are not shaped as the bot
writes them (a hand-edited or truncated line) are skipped and counted.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.discord_format import plural

TOP = 10


@dataclass(frozen=True)
class Asked:
    """One question (case, spacing and end punctuation aside), in its most common wording."""

    question: str
    times: int
    unanswered: int


@dataclass(frozen=True)
class Rated:
    """The ratings of one answer: a question and the articles quoted for it."""

    question: str
    article_ids: tuple[str, ...]
    up: int
    down: int


@dataclass(frozen=True)
class Day:
    day: dt.date
    questions: int
    unanswered: int

    @property
    def unanswered_share(self) -> float:
        """The share of the day's questions not answered; NaN (a gap in the chart) on a day without questions."""
        return self.unanswered / self.questions if self.questions else float("nan")


@dataclass(frozen=True)
class Report:
    since: dt.date | None
    questions: int
    unanswered: int
    most_asked: list[Asked]
    not_answered: list[Asked]
    ratings: list[Rated]
    days: list[Day]
    skipped: int


@dataclass(frozen=True)
class _Question:
    day: dt.date
    text: str
    answered: bool


def build_report(
    questions: Iterable[Mapping[str, Any]], feedback: Iterable[Mapping[str, Any]], since: dt.date | None = None,
    top: int = TOP,
) -> Report:
    """Summarise question records and ratings dated on or after `since`."""
    asked: list[_Question] = []
    skipped = 0
    for entry in questions:
        parsed = _question(entry)
        if parsed is None:
            skipped += 1
        elif since is None or parsed.day >= since:
            asked.append(parsed)
    ratings: dict[tuple[str, tuple[str, ...]], Counter[str]] = defaultdict(Counter)
    wording: dict[str, Counter[str]] = defaultdict(Counter)
    for entry in feedback:
        rated = _rating(entry)
        if rated is None:
            skipped += 1
        elif since is None or rated[0] >= since:
            _, question, article_ids, rating = rated
            ratings[(_key(question), article_ids)][rating] += 1
            wording[_key(question)][question] += 1
    for q in asked:
        wording[_key(q.text)][q.text] += 1
    return Report(
        since=since,
        questions=len(asked),
        unanswered=sum(not q.answered for q in asked),
        most_asked=_grouped(asked, wording)[:top],
        not_answered=_grouped([q for q in asked if not q.answered], wording)[:top],
        ratings=sorted(
            (Rated(wording[key].most_common(1)[0][0], ids, votes["up"], votes["down"])
             for (key, ids), votes in ratings.items()),
            key=lambda r: (-(r.up + r.down), -r.down, r.question),
        )[:top],
        days=_days(asked),
        skipped=skipped,
    )


def _key(question: str) -> str:
    return " ".join(question.casefold().split()).rstrip("?!.… ")


def _grouped(asked: list[_Question], wording: Mapping[str, Counter[str]]) -> list[Asked]:
    times: Counter[str] = Counter(_key(q.text) for q in asked)
    unanswered: Counter[str] = Counter(_key(q.text) for q in asked if not q.answered)
    groups = [Asked(wording[key].most_common(1)[0][0], n, unanswered[key]) for key, n in times.items()]
    return sorted(groups, key=lambda a: (-a.times, a.question))


def _days(asked: list[_Question]) -> list[Day]:
    """Every day from the first question to the last, days without questions included."""
    if not asked:
        return []
    per_day = Counter(q.day for q in asked)
    unanswered = Counter(q.day for q in asked if not q.answered)
    first, last = min(per_day), max(per_day)
    span = (first + dt.timedelta(n) for n in range((last - first).days + 1))
    return [Day(day, per_day[day], unanswered[day]) for day in span]


def _day(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _question(entry: Mapping[str, Any]) -> _Question | None:
    day, text, answered = _day(entry.get("timestamp")), entry.get("question"), entry.get("answered")
    if day is None or not isinstance(text, str) or not text.strip() or not isinstance(answered, bool):
        return None
    return _Question(day, text, answered)


def _rating(entry: Mapping[str, Any]) -> tuple[dt.date, str, tuple[str, ...], str] | None:
    day, text, ids, rating = (_day(entry.get("timestamp")), entry.get("question"), entry.get("article_ids"),
                              entry.get("rating"))
    if day is None or not isinstance(text, str) or rating not in ("up", "down") or not isinstance(ids, list):
        return None
    return day, text, tuple(str(i) for i in ids), rating


def render_report(report: Report) -> str:
    """The report as Markdown, readable in a terminal too."""
    since = f" since {report.since.isoformat()}" if report.since else ""
    if not report.questions and not report.ratings:
        return f"# What the newsroom asks\n\nNo questions recorded{since}."
    share = report.unanswered / report.questions if report.questions else 0.0
    lines = [
        "# What the newsroom asks", "",
        f"{plural(report.questions, 'question')}{since}, {report.unanswered} not answered ({share:.0%}).",
        *_section("Most asked", [f"{a.times}× {a.question}" + (f" (not answered {a.unanswered}×)" if a.unanswered
                                                                 else "") for a in report.most_asked]),
        *_section("Not answered: what the archive lacks", [f"{a.times}× {a.question}" for a in report.not_answered]),
        *_section("Ratings per answer", [f"👍 {r.up} 👎 {r.down}  {r.question} ({', '.join(r.article_ids) or '-'})"
                                         for r in report.ratings]),
    ]
    if report.skipped:
        lines += ["", f"({plural(report.skipped, 'damaged record')} skipped.)"]
    return "\n".join(lines)


def _section(title: str, items: list[str]) -> list[str]:
    return ["", f"## {title}", "", *(f"- {item}" for item in items or ["none"])]


def write_chart(report: Report, path: Path) -> None:
    """Draw questions per day (answered and not, stacked) and the unanswered share as a PNG."""
    # The object API with the Agg canvas: no display needed, and no pyplot state shared between calls.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    days = date2num([d.day for d in report.days])
    answered = [d.questions - d.unanswered for d in report.days]
    unanswered = [d.unanswered for d in report.days]
    figure = Figure(figsize=(10, 4), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    counts = figure.add_subplot()
    counts.bar(days, answered, color="#2b6cb0", label="answered")
    counts.bar(days, unanswered, bottom=answered, color="#dd6b20", label="not answered")
    counts.set_ylabel("questions")
    counts.yaxis.set_major_locator(MaxNLocator(integer=True))
    counts.set_title("Questions per day")
    share = counts.twinx()
    share.plot(days, [100 * d.unanswered_share for d in report.days], color="#1a202c", marker="o",
               label="not answered (%)")
    share.set_ylim(0, 100)
    share.set_ylabel("not answered (%)")
    handles, labels = counts.get_legend_handles_labels()
    more_handles, more_labels = share.get_legend_handles_labels()
    figure.legend(handles + more_handles, labels + more_labels, loc="outside lower center", ncols=3)
    locator = AutoDateLocator()
    counts.xaxis.set_major_locator(locator)
    counts.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="png")
