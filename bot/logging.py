"""Logging set-up, done once by the CLI; library modules only create loggers."""

from __future__ import annotations

import logging
import sys

NOISY = ("faiss.loader", "sentence_transformers", "bm25s", "httpx", "discord.gateway")
# Date, time and UTC offset: a bot runs for weeks and its log is read on other hosts' clocks.
LINE_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S%z"


def setup_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LINE_FORMAT, DATE_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in NOISY:
        logging.getLogger(name).setLevel(max(logging.WARNING, root.level))
