"""Tests for the log line format set up by the CLI."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator

import pytest

from bot.logging import setup_logging


@pytest.fixture
def restored_root() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def test_log_lines_carry_date_time_and_offset(restored_root: None, capsys: pytest.CaptureFixture[str]) -> None:
    """A log line starts with today's date, the time and the UTC offset, so week-old lines can be placed."""
    setup_logging("INFO")
    logging.getLogger("bot.test").info("asked something")
    line = capsys.readouterr().err.strip()
    match = re.match(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[+-]\d{4}) INFO    bot\.test: asked something$", line)
    assert match, line
    stamped = dt.datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S%z")
    assert abs((dt.datetime.now(dt.UTC) - stamped).total_seconds()) < 60
