"""Run the real `newsbot` command in the test's own process: no second interpreter to start, model loads fast."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from click.testing import CliRunner

from bot.cli import cli


@contextmanager
def kept_logging() -> Iterator[None]:
    """The CLI configures the root logger for a terminal; give the tests theirs back afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        yield
    finally:
        root.handlers[:], root.level = handlers, level


def run_cli(*args: str) -> tuple[int, str, str]:
    """`newsbot ARGS`: its exit code, stdout and stderr."""
    with kept_logging():
        done = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return done.exit_code, done.stdout, done.stderr
