"""The command line under hostile input and a damaged index (issue 9)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.cli_runner import newsbot_bytes

QUESTION = "Who speaks for the Trump campaign?"


def test_bad_line_in_a_json_batch_gets_an_error_object_and_the_batch_goes_on(built: list[str]) -> None:
    """A line of invalid UTF-8 is answered with {"question", "error"}; the lines after it are still answered."""
    stdin = QUESTION.encode() + b"\n\xff\xfe who \xc3 won?\n" + QUESTION.encode() + b"\n"
    done = newsbot_bytes("ask", "--json", "-", *built, stdin=stdin)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert len(lines) == 3
    assert lines[1] == {"question": "\\xff\\xfe who \\xc3 won?", "error": lines[1]["error"]}
    assert "UTF-8" in lines[1]["error"]
    assert all("Steven Cheung" in line["answers"][0]["quote"] for line in (lines[0], lines[2]))
    assert b"Traceback" not in done.stderr


def test_bad_bytes_on_the_command_line_give_one_line_and_exit_2(built: list[str]) -> None:
    """The same bytes as a command-line question: one error line on stderr, exit status 2, no traceback."""
    done = newsbot_bytes("ask", b"\xff\xfe who won?", *built)
    assert done.returncode == 2
    assert done.stdout == b""
    err = done.stderr.decode("utf-8").strip()
    assert len(err.splitlines()) == 1 and "UTF-8" in err, err


def test_rollback_without_an_earlier_build_says_so_in_one_line(built: list[str]) -> None:
    """`index rollback` over a single build exits 1 with one line naming the setting that keeps builds."""
    done = newsbot_bytes("index", "rollback", *built)
    assert done.returncode == 1
    err = done.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and "keep_generations" in err, err


def test_status_fails_on_a_truncated_faiss_file(built: list[str], tmp_path: Path) -> None:
    """The container health check exits 1 with one line when ann.faiss is cut short; it said 'healthy' before."""
    index = tmp_path / "index"
    shutil.copytree(built[-1], index, symlinks=True)
    ann = index / "current" / "ann.faiss"
    ann.write_bytes(ann.read_bytes()[:100])
    opts = [*built[:-1], str(index)]
    done = newsbot_bytes("index", "status", *opts)
    assert done.returncode == 1
    err = done.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and "ann.faiss" in err, err
    healthy = newsbot_bytes("index", "status", *built)
    assert healthy.returncode == 0 and b"skipped:  0 files" in healthy.stdout
