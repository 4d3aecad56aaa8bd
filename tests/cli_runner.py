"""Run the `newsbot` command line as a user does: a subprocess, no NEWSBOT_* overrides from the test's shell."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.shared_data import ROOT


def _run(args: tuple[str | bytes, ...], stdin: Any, text: bool, cwd: Path) -> subprocess.CompletedProcess[Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSBOT_")}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=text, cwd=cwd, env=env,
        timeout=300,
    )  # fmt: skip


def newsbot(*args: str, stdin: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return _run(args, stdin, True, cwd)


def newsbot_bytes(*args: str | bytes, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """Raw bytes in and out, as a shell script feeding the CLI a file would."""
    return _run(args, stdin, False, ROOT)
