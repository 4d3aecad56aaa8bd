"""The container's entry point (`docker/entrypoint.sh`) under plain `sh`, with a stub `newsbot` on PATH."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

ENTRYPOINT = ROOT / "docker" / "entrypoint.sh"
STUB = """#!/bin/sh
# Stands in for the real command: prints how it was called, exits with $STUB_EXIT.
printf 'newsbot'; printf ' [%s]' "$@"; printf '\\n'
echo "pid $$" >&2
exit "${STUB_EXIT:-0}"
"""
NOBODY = 65534


@pytest.fixture
def place() -> Iterator[Path]:
    """A folder every user may enter (pytest's own tmp folders are private to root), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="newsbot-entrypoint-"))
    folder.chmod(0o755)
    (folder / "bin").mkdir(mode=0o755)
    (folder / "bin" / "newsbot").write_text(STUB)
    (folder / "bin" / "newsbot").chmod(0o755)
    for name in ("articles", "index"):
        (folder / name).mkdir(mode=0o755)
    # A mounted archive: an empty articles folder has warnings of its own (tests/test_entrypoint_trust.py).
    (folder / "articles" / "story.txt").write_text("date 2024-01-01 A story.\n")
    yield folder
    shutil.rmtree(folder)


def started(place: Path, *args: str, as_nobody: bool = False, **env: str) -> subprocess.Popen[str]:
    command = ["sh", str(ENTRYPOINT), *args]
    if as_nobody:
        command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
    environment = {"PATH": f"{place / 'bin'}:/usr/bin:/bin", "NEWSBOT_ARTICLES": str(place / "articles"),
                   "NEWSBOT_INDEX": str(place / "index"), **env}
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)


def entrypoint(place: Path, *args: str, as_nobody: bool = False, **env: str) -> subprocess.CompletedProcess[str]:
    process = started(place, *args, as_nobody=as_nobody, **env)
    out, err = process.communicate(timeout=30)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


@pytest.mark.parametrize(
    ("args", "called"),
    [
        ((), "newsbot [run]"),
        (("run",), "newsbot [run]"),
        (("ask", "Who won?"), "newsbot [ask] [Who won?]"),
        (("chat",), "newsbot [chat]"),
        (("index", "build", "--full"), "newsbot [index] [build] [--full]"),
        (("--version",), "newsbot [--version]"),
        (("newsbot", "index", "status"), "newsbot [index] [status]"),
    ],
)
def test_shorthand_commands_run_newsbot(place: Path, args: tuple[str, ...], called: str) -> None:
    """No arguments means `newsbot run`; newsbot's own commands and options may leave out the word `newsbot`."""
    done = entrypoint(place, *args)
    assert (done.returncode, done.stdout) == (0, called + "\n"), done.stderr


def test_other_commands_run_as_given(place: Path) -> None:
    """Any other command runs unchanged (e.g. a shell), without newsbot."""
    done = entrypoint(place, "sh", "-c", "echo plain shell")
    assert (done.returncode, done.stdout) == (0, "plain shell\n")


def test_newsbot_replaces_the_script(place: Path) -> None:
    """newsbot takes over the script's process (exec): it gets the container's signals, its exit code is the
    container's."""
    process = started(place, "index", "status", STUB_EXIT="3")
    _, err = process.communicate(timeout=30)
    assert process.returncode == 3 and f"pid {process.pid}" in err.splitlines()


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root to act as another user")
def test_unwritable_index_folder_is_warned_about(place: Path) -> None:
    """An index folder the container's user cannot write gets one warning naming it and the fix; newsbot still runs."""
    done = entrypoint(place, "run", as_nobody=True)
    assert done.returncode == 0 and done.stdout == "newsbot [run]\n"
    warning = [line for line in done.stderr.splitlines() if "warning" in line]
    assert len(warning) == 1 and str(place / "index") in warning[0] and f"uid {NOBODY}" in warning[0]
    assert f"chown it to {NOBODY}:{NOBODY}" in warning[0]

    (place / "index").chmod(0o777)
    assert "warning" not in entrypoint(place, "run", as_nobody=True).stderr


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root to act as another user")
def test_no_warning_for_a_command_other_than_newsbot(place: Path) -> None:
    """The folder checks are for newsbot only: a shell in the container starts quietly."""
    done = entrypoint(place, "sh", "-c", "true", as_nobody=True)
    assert done.returncode == 0 and done.stderr == ""
