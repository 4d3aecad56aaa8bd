"""Tests for reading article-date ranges out of questions."""

from __future__ import annotations

import datetime as dt

import pytest

from index.dates import parse_date_range
from index.models import DateRange

D = dt.date
TODAY = D(2026, 11, 24)  # a Tuesday
LEAP_SUNDAY = D(2020, 3, 15)  # a Sunday in a leap year

POSITIVES: list[tuple[str, dt.date, dt.date | None, dt.date | None]] = [
    # explicit months, years, days
    ("What did Musk say in August 2024?", TODAY, D(2024, 8, 1), D(2024, 8, 31)),
    ("What happened in Sept. 2021?", TODAY, D(2021, 9, 1), D(2021, 9, 30)),
    ("what happened in may 2024", TODAY, D(2024, 5, 1), D(2024, 5, 31)),
    ("Who resigned in March of 2019?", TODAY, D(2019, 3, 1), D(2019, 3, 31)),
    ("What happened in 2019?", TODAY, D(2019, 1, 1), D(2019, 12, 31)),
    ("What happened in 1973?", TODAY, D(1973, 1, 1), D(1973, 12, 31)),
    ("What happened during 2020 in Paris?", TODAY, D(2020, 1, 1), D(2020, 12, 31)),
    ("What happened in the year 2019?", TODAY, D(2019, 1, 1), D(2019, 12, 31)),
    ("What happened in early 2019?", TODAY, D(2019, 1, 1), D(2019, 12, 31)),
    ("What happened in mid-2019?", TODAY, D(2019, 1, 1), D(2019, 12, 31)),
    ("What happened in the 1990s?", TODAY, D(1990, 1, 1), D(1999, 12, 31)),
    ("What happened in the late 1990s?", TODAY, D(1990, 1, 1), D(1999, 12, 31)),
    ("What happened on 13 August 2024?", TODAY, D(2024, 8, 13), D(2024, 8, 13)),
    ("What happened on August 13, 2024?", TODAY, D(2024, 8, 13), D(2024, 8, 13)),
    ("What happened August 13, 2024?", TODAY, D(2024, 8, 13), D(2024, 8, 13)),
    ("What happened on the 13th of August 2024?", TODAY, D(2024, 8, 13), D(2024, 8, 13)),
    ("What happened on 13th of Aug. 2024?", TODAY, D(2024, 8, 13), D(2024, 8, 13)),
    ("What happened on 2024-08-13?", TODAY, D(2024, 8, 13), D(2024, 8, 13)),
    ("Who spoke on Aug 13?", TODAY, D(2026, 8, 13), D(2026, 8, 13)),
    ("Who spoke on December 25?", TODAY, D(2025, 12, 25), D(2025, 12, 25)),
    ("What happened on 29 February?", TODAY, D(2024, 2, 29), D(2024, 2, 29)),
    # a month without a year: the most recent one not after today
    ("What happened in March?", TODAY, D(2026, 3, 1), D(2026, 3, 31)),
    ("What happened in November?", TODAY, D(2026, 11, 1), D(2026, 11, 30)),
    ("What happened in December?", TODAY, D(2025, 12, 1), D(2025, 12, 31)),
    ("What happened in May?", TODAY, D(2026, 5, 1), D(2026, 5, 31)),
    ("What happened in March?", LEAP_SUNDAY, D(2020, 3, 1), D(2020, 3, 31)),
    ("What happened in April?", LEAP_SUNDAY, D(2019, 4, 1), D(2019, 4, 30)),
    # relative calendar periods
    ("What happened last week?", TODAY, D(2026, 11, 16), D(2026, 11, 22)),
    ("What happened last week?", LEAP_SUNDAY, D(2020, 3, 2), D(2020, 3, 8)),
    ("What happened this week?", TODAY, D(2026, 11, 23), D(2026, 11, 29)),
    ("What happened this week?", LEAP_SUNDAY, D(2020, 3, 9), D(2020, 3, 15)),
    ("What happened last month?", TODAY, D(2026, 10, 1), D(2026, 10, 31)),
    ("What happened last month?", LEAP_SUNDAY, D(2020, 2, 1), D(2020, 2, 29)),
    ("News this month?", TODAY, D(2026, 11, 1), D(2026, 11, 30)),
    ("What happened last year?", TODAY, D(2025, 1, 1), D(2025, 12, 31)),
    ("What happened this year?", TODAY, D(2026, 1, 1), D(2026, 12, 31)),
    ("What happened earlier this year?", TODAY, D(2026, 1, 1), D(2026, 12, 31)),
    ("What happened yesterday?", TODAY, D(2026, 11, 23), D(2026, 11, 23)),
    ("What is happening today?", TODAY, TODAY, TODAY),
    ("What did the mayor say today?", TODAY, TODAY, TODAY),
    ("Today, what did the mayor say?", TODAY, TODAY, TODAY),
    ("What were the events of last week?", TODAY, D(2026, 11, 16), D(2026, 11, 22)),
    # N units ago
    ("What happened 3 days ago?", TODAY, D(2026, 11, 21), D(2026, 11, 21)),
    ("What happened two weeks ago?", TODAY, D(2026, 11, 9), D(2026, 11, 15)),
    ("What did she say a month ago?", LEAP_SUNDAY, D(2020, 2, 1), D(2020, 2, 29)),
    ("What did she say a year ago?", TODAY, D(2025, 1, 1), D(2025, 12, 31)),
    # rolling windows ending today
    ("What happened in the last 3 months?", TODAY, D(2026, 8, 24), TODAY),
    ("What happened in the past two weeks?", TODAY, D(2026, 11, 10), TODAY),
    ("What happened past two weeks?", TODAY, D(2026, 11, 10), TODAY),
    ("What happened over the past year?", TODAY, D(2025, 11, 24), TODAY),
    ("What happened in the last week?", TODAY, D(2026, 11, 17), TODAY),
    ("What happened in the last month?", LEAP_SUNDAY, D(2020, 2, 15), LEAP_SUNDAY),
    ("What happened in the last month?", D(2020, 3, 31), D(2020, 2, 29), D(2020, 3, 31)),
    ("What happened in the past 48 hours?", TODAY, D(2026, 11, 22), TODAY),
    # open ranges
    ("What happened since March?", TODAY, D(2026, 3, 1), None),
    ("What happened since December?", TODAY, D(2025, 12, 1), None),
    ("What happened since 2019?", TODAY, D(2019, 1, 1), None),
    ("What happened since last week?", TODAY, D(2026, 11, 16), None),
    ("What happened after 2019?", TODAY, D(2020, 1, 1), None),
    ("What happened before 2020?", TODAY, None, D(2019, 12, 31)),
    ("What happened before March 2020?", TODAY, None, D(2020, 2, 29)),
    ("What happened until June 2019?", TODAY, None, D(2019, 6, 30)),
    ("What happened until the 1980s?", TODAY, None, D(1989, 12, 31)),
    ("How many lived there as of March 2015?", TODAY, D(2015, 3, 1), D(2015, 3, 31)),
    ("What happened up to 2019?", TODAY, None, D(2019, 12, 31)),
    # closed ranges
    ("What happened between March and May 2020?", TODAY, D(2020, 3, 1), D(2020, 5, 31)),
    ("What happened from November to February 2020?", TODAY, D(2019, 11, 1), D(2020, 2, 29)),
    ("What happened between March and May?", TODAY, D(2026, 3, 1), D(2026, 5, 31)),
    ("What happened from 2019 to 2020?", TODAY, D(2019, 1, 1), D(2020, 12, 31)),
    ("What happened in 2019-2020?", TODAY, D(2019, 1, 1), D(2020, 12, 31)),
    ("What happened from last week to today?", TODAY, D(2026, 11, 16), TODAY),
    ("What did Musk say in August 2024 and in 2025?", TODAY, D(2024, 8, 1), D(2025, 12, 31)),
]

NEGATIVES = [
    "How many people were waiting when 878,000 users tried to log in?",
    "What is 2+2",
    "Who won 3 medals",
    "How fast is the 5G network?",
    "What went wrong with the Boeing 737?",
    "How many died of COVID-19?",
    "Who won Super Bowl 50?",
    "What happened to the 1973 building?",
    "What did the 2019 report say?",
    "What were the results in 2019 elections?",
    "What happened in the 2019-20 season?",
    "Summarize the report in 2000 words",
    "How many out of 2000?",
    "What happened before the election?",
    "What happened recently?",
    "What happened in recent weeks?",
    "What did USA Today report?",
    "What did the PM say on This Week?",
    "What has happened since May took office?",
    "What did the letter from May say?",
    "what may happen next",
    "What happened at last year's festival?",
    "What happened in the last year of his presidency?",
    "What happened last weekend?",
    "What happened 3 hours ago?",
    "What happened on 31 June 2024?",
    "What happened on 9/11?",
    "What will happen in 2050?",
    "What is planned for next week?",
    "What happened since 2019, and before 2021?",
    "What happened in Jan?",
    "What was the election of 2019 about?",
    "What is the admission rate for the class of 2019?",
    "Who gave royal assent to the Scotland Act of 1998?",
    "Who did Denver beat in the 2015 AFC Championship game?",
    "Who slipped on the turf in week 6 of the 2015 NFL season?",
    "Where did Luther go on 17 July 1505?",
    "What degree did Luther receive on 19 October, 1512?",
    "What sermons did Luther preach in March 1522?",
    "What company was in its last year for getting commercials at a discount?",
    "What happened during the previous week?",
    "How many protestants live in France today?",
    "What translation is still used today?",
    "Today, which church is considered the most tolerant?",
    "Who is the chief executive of the company that makes the iPhone?",
]

REMOVALS = [
    ("What did Musk say in August 2024?", "What did Musk say?"),
    ("What happened last week in Paris?", "What happened in Paris?"),
    ("Since March, what has the council decided?", "What has the council decided?"),
    ("Last week, what did the mayor say?", "What did the mayor say?"),
    ("What did he say last week and yesterday?", "What did he say?"),
    ("What did Musk say in August 2024 and in 2025?", "What did Musk say?"),
    ("What happened 13th of August 2024 in Paris?", "What happened in Paris?"),
    ("How many lived there as of March 2015?", "How many lived there?"),
    ("What happened on the 13th of August 2024?", "What happened?"),
    ("What happened in the last week?", "What happened?"),
    ("what happened in may 2024", "what happened"),
]


@pytest.mark.parametrize(("question", "today", "start", "end"), POSITIVES)
def test_understood_ranges(question: str, today: dt.date, start: dt.date | None, end: dt.date | None) -> None:
    """Each supported phrase yields its inclusive range relative to `today`."""
    assert parse_date_range(question, today)[0] == DateRange(start, end)


@pytest.mark.parametrize("question", NEGATIVES)
@pytest.mark.parametrize("today", [TODAY, LEAP_SUNDAY])
def test_no_date_leaves_question_alone(question: str, today: dt.date) -> None:
    """Numbers, names, vague or future phrases give no range and an unchanged question."""
    assert parse_date_range(question, today) == (None, question)


@pytest.mark.parametrize(("question", "cleaned"), REMOVALS)
def test_date_phrase_is_removed(question: str, cleaned: str) -> None:
    """The returned question lacks the date phrase and has tidy spacing, punctuation and capitals."""
    assert parse_date_range(question, TODAY)[1] == cleaned


def test_question_that_is_only_a_date_is_kept() -> None:
    """A question with nothing left after removing its date phrase is returned whole."""
    assert parse_date_range("last week?", TODAY) == (DateRange(D(2026, 11, 16), D(2026, 11, 22)), "last week?")


def test_range_describes_itself() -> None:
    """The understood range reads as the answer's "Searching articles from ... to ..." line."""
    date_range, _ = parse_date_range("What did Musk say in August 2024?", TODAY)
    assert date_range is not None
    assert date_range.describe() == "Searching articles from 2024-08-01 to 2024-08-31"

