"""What editors get from the running bot, end to end on the fake Discord: source links, the question record,
the heartbeat that `newsbot index status --bot` checks."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.heartbeat import FILENAME as HEARTBEAT
from bot.heartbeat import age, beat
from bot.jsonl import read_entries
from bot.question_log import FILENAME
from bot.service import AnswerService
from tests.bot.conftest import CHEUNG_QUESTION, LONG_QUESTION, BotUp

CHEUNG_FILE = "000_ff470f0c3d23d7a6.txt"
UNANSWERABLE = "Who won the 1998 World Cup final?"


def first_source(message: dict[str, Any]) -> str:
    return message["embeds"][0]["description"].split("\n\n")[0].splitlines()[1]


@pytest.fixture
def questions_file(service: AnswerService) -> Path:
    """The question record beside the test index, emptied for each test."""
    path = service.settings.index_dir / FILENAME
    path.unlink(missing_ok=True)
    return path


async def test_plain_text_answer_names_its_file(bot_up: BotUp) -> None:
    """An article without url (a plain-text seed) is cited by its file, so a reader can find it."""
    async with bot_up() as (fake, _):
        followup = await fake.followup(await fake.slash("ask", question=CHEUNG_QUESTION))
    assert f"· `{CHEUNG_FILE}` ·" in first_source(followup.json)


async def test_configured_template_links_the_answer(bot_up: BotUp, service: AnswerService,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """With `article_url` set, the same answer's title links to the archive page of its article."""
    template = "https://archive.example.com/{article_id}"
    monkeypatch.setattr(service, "settings", service.settings.model_copy(update={"article_url": template}))
    async with bot_up() as (fake, _):
        followup = await fake.followup(await fake.slash("ask", question=CHEUNG_QUESTION))
    assert "](https://archive.example.com/000_ff470f0c3d23d7a6) · 2024-08-13" in first_source(followup.json)


async def test_each_question_is_recorded_once_without_who_asked(
    bot_up: BotUp, questions_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """/ask and a mention each add one INFO line and one record; "More" adds none; no user id or name anywhere."""
    caplog.set_level(logging.INFO)
    async with bot_up() as (fake, _):
        asked = await fake.followup(await fake.slash("ask", question=LONG_QUESTION, top_k=2))
        more = next(b["custom_id"] for row in asked.response["components"] for b in row["components"]
                    if b["custom_id"].startswith("nb:more:"))
        click = await fake.click(fake.messages[asked.response["id"]], more, who=fake.editor)
        await fake.followup(click)
        message = await fake.send_message(f"{fake.mention()} {UNANSWERABLE}", who=fake.editor,
                                          mentions=(fake.bot_user,))
        await fake.reply(message)
    entries = list(read_entries(questions_file))
    assert [(e["question"], e["answered"]) for e in entries] == [(LONG_QUESTION, True), (UNANSWERABLE, False)]
    assert entries[0]["top_score"] > 0.35 and len(entries[0]["article_ids"]) == 2 and entries[0]["ms"] > 0
    assert entries[1]["top_score"] is None
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.question_log" and r.levelno == logging.INFO]
    assert len(lines) == 2
    assert lines[0].startswith(f"question {LONG_QUESTION!r}: answered, top score 0.")
    assert lines[1].startswith(f"question {UNANSWERABLE!r}: NOT answered, top score -, ")
    recorded = questions_file.read_text(encoding="utf-8") + "\n".join(lines)
    people = (fake.reporter, fake.editor)
    assert not [p for p in people if p["id"] in recorded or p["username"] in recorded]


def status(service: AnswerService, *extra: str) -> tuple[int, str]:
    settings = service.settings
    args = ["index", "status", "--articles", str(settings.articles_dir), "--index", str(settings.index_dir)]
    done = CliRunner().invoke(cli, [*args, *extra])
    return done.exit_code, done.output


def test_status_with_bot_checks_the_heartbeat(service: AnswerService) -> None:
    """`index status` ignores the bot; with --bot it fails without a fresh heartbeat and passes with one."""
    path = service.settings.index_dir / HEARTBEAT
    path.unlink(missing_ok=True)  # left by the bots of earlier tests
    assert status(service)[0] == 0
    code, output = status(service, "--bot")
    assert code == 1 and output.strip().splitlines()[-1].startswith("Error: no heartbeat in")
    beat(path, dt.datetime.now(dt.UTC) - dt.timedelta(seconds=300))
    code, output = status(service, "--bot")
    assert code == 1 and "not been connected to Discord for 300 s" in output
    assert status(service, "--bot", "--max-age", "600")[0] == 0
    beat(path)
    code, output = status(service, "--bot")
    assert code == 0 and "bot:      connected to Discord (0 s ago)" in output


async def eventually(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("timed out waiting")


async def test_bot_beats_while_connected_and_stops_when_disconnected(bot_up: BotUp, service: AnswerService) -> None:
    """The running bot writes the heartbeat on READY and keeps refreshing it; a lost gateway stops it."""
    path = service.settings.index_dir / HEARTBEAT
    path.unlink(missing_ok=True)
    async with bot_up() as (fake, bot):
        cog: Any = bot.get_cog("Heartbeat")  # loaded as an extension: a module object of its own, no isinstance
        assert cog is not None
        await eventually(path.exists)  # READY's listener writes it just after the bot is ready
        assert age(path) < 5
        cog.beats.change_interval(seconds=0.05)
        first = path.read_text()
        await asyncio.sleep(0.3)
        assert path.read_text() != first, "the heartbeat was not refreshed while connected"
        await fake.drop_connection()
        await eventually(lambda: not cog.connected)
        last = path.read_text()
        await asyncio.sleep(0.3)
        assert not cog.connected and path.read_text() == last, "the heartbeat went on without Discord"
