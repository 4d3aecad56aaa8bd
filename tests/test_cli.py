"""The `newsbot` command line, run as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.cli_runner import newsbot
from tests.conftest import ROOT

QUESTION = "Who speaks for the Trump campaign?"


def test_index_build_prints_a_summary(cli_build: tuple[list[str], subprocess.CompletedProcess[str]]) -> None:
    """The build says what it added and how many files it skipped."""
    _, done = cli_build
    assert "1 added" in done.stdout and "skipped" in done.stdout


def test_ask_prints_block_quote_with_source(built: list[str]) -> None:
    """Human output shows the quote as a block quote with the title, date and file under it."""
    done = newsbot("ask", QUESTION, *built)
    assert done.returncode == 0, done.stderr
    first = done.stdout.split("\n\n")[0]
    assert first.startswith("> ") and "Steven Cheung" in first
    assert "2024-08-13" in first and "000_ff470f0c3d23d7a6.txt" in first


def test_ask_json_keeps_the_documented_names(built: list[str]) -> None:
    """--json prints the documented object, with offsets that point into the file."""
    done = newsbot("ask", "--json", "--top-k", "3", QUESTION, *built)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert {"question", "answers", "took_ms", "date_range", "no_answer"} <= set(result)
    assert result["question"] == QUESTION and 1 <= len(result["answers"]) <= 3
    answer = result["answers"][0]
    assert {"quote", "article_id", "title", "date", "url", "path", "score", "start", "end"} <= set(answer)
    text = (ROOT / "seeds" / answer["path"]).read_text(encoding="utf-8")
    assert text[answer["start"] : answer["end"]] == answer["quote"]
    assert answer["date"] == "2024-08-13" and "Steven Cheung" in answer["quote"]


def test_ask_json_stdin_answers_each_line(built: list[str]) -> None:
    """`ask --json -` reads one question a line and writes one JSON object a line."""
    questions = [QUESTION, "", "How many people were waiting when the interview failed to start?"]
    done = newsbot("ask", "--json", "-", *built, stdin="\n".join(questions) + "\n")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["question"] for r in lines] == [QUESTION, questions[2]]
    assert any("878,000" in a["quote"] for a in lines[1]["answers"][:3])


def test_chat_works_with_piped_input(built: list[str]) -> None:
    """`newsbot chat` answers piped questions with the same formatting."""
    done = newsbot("chat", *built, stdin=QUESTION + "\n")
    assert done.returncode == 0, done.stderr
    assert f"? {QUESTION}" in done.stdout and "> " in done.stdout and "Steven Cheung" in done.stdout


def test_index_status_reports_counts(built: list[str]) -> None:
    """`index status` prints the article and passage counts and the model."""
    done = newsbot("index", "status", *built)
    assert done.returncode == 0, done.stderr
    assert "articles: 1" in done.stdout and "all-MiniLM-L6-v2" in done.stdout


def test_missing_index_is_one_clear_error(tmp_path: Path) -> None:
    """Status without an index fails with one line telling what to run."""
    done = newsbot("index", "status", "--index", str(tmp_path / "none"))
    assert done.returncode == 1
    expected = f"Error: no index in {tmp_path / 'none'}: run `newsbot index build` first"
    assert done.stderr.strip().splitlines() == [expected]


def test_bad_config_is_one_clear_error(tmp_path: Path) -> None:
    """A config with an unknown setting fails before any work, naming the setting."""
    config = tmp_path / "config.yaml"
    config.write_text("search:\n  top_kk: 3\n", encoding="utf-8")
    done = newsbot("ask", QUESTION, "--config", str(config))
    assert done.returncode == 1
    assert "search.top_kk" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_env_overrides_index_path(built: list[str], tmp_path: Path) -> None:
    """NEWSBOT_INDEX points the CLI at another index folder."""
    env = dict(os.environ, NEWSBOT_INDEX=str(tmp_path / "elsewhere"))
    done = subprocess.run(
        [sys.executable, "-m", "bot", "index", "status"], capture_output=True, text=True, cwd=ROOT, env=env
    )
    assert done.returncode == 1 and str(tmp_path / "elsewhere") in done.stderr


def test_index_status_fails_on_a_damaged_index(built: list[str], tmp_path: Path) -> None:
    """A generation missing its vectors makes `index status` (the container health check) fail."""
    index = Path(built[built.index("--index") + 1])
    broken = tmp_path / "broken"
    shutil.copytree(index, broken, symlinks=True)
    (broken / "current").resolve().joinpath("vectors.npy").unlink()
    done = newsbot("index", "status", "--index", str(broken))
    assert done.returncode == 1 and "damaged" in done.stderr and "--full" in done.stderr


def test_index_status_fails_for_another_model(built: list[str], tmp_path: Path) -> None:
    """An index built by another model than the configured one is reported, with the fix."""
    config = tmp_path / "config.yaml"
    config.write_text(f"model:\n  path: {tmp_path}\n  sha256: null\n", encoding="utf-8")
    done = newsbot("index", "status", "--config", str(config), *built)
    assert done.returncode == 1 and "index build --full" in done.stderr


def test_quotes_lists_a_persons_words_with_speaker(built: list[str]) -> None:
    """`newsbot quotes Musk` lists Musk's quoted words, each source line naming him."""
    done = newsbot("quotes", "Musk", *built)
    assert done.returncode == 0, done.stderr
    assert "tough characters" in done.stdout and "— Elon Musk, in " in done.stdout
    assert "mind their own business" not in done.stdout
    data = json.loads(newsbot("quotes", "--json", "Elon Musk", *built).stdout)
    assert data["answers"] and {a["speaker"] for a in data["answers"]} == {"Elon Musk"}


def test_ask_what_someone_said_and_timeline(built: list[str]) -> None:
    """Speaker questions answer with that person's words; --timeline and --author are accepted."""
    said = json.loads(newsbot("ask", "--json", "What did Steven Cheung say about the EU?", *built).stdout)
    assert said["kind"] == "speaker" and {a["speaker"] for a in said["answers"]} == {"Steven Cheung"}
    timeline = json.loads(newsbot("ask", "--json", "--timeline", "Musk interview with Trump", *built).stdout)
    assert timeline["kind"] == "timeline" and len(timeline["answers"]) == 1
    nobody = json.loads(newsbot("ask", "--json", "--author", "Jane Roe", "Musk", *built).stdout)
    assert nobody["no_answer"] and nobody["note"] == "No article in the archive is by Jane Roe."
