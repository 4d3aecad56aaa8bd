"""`run_bot` and `newsbot run`: the token, clean start-up failures and a clean shutdown."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import sys
from pathlib import Path

import pytest

from bot.run import run_bot
from bot.service import AnswerService
from tests.bot.conftest import CHEUNG_QUESTION
from tests.conftest import ROOT
from tests.fake_discord import FakeDiscord

# Runs the real CLI with discord.py pointed at the fake: argv is API URL, gateway URL, then newsbot's arguments.
LAUNCH = (
    "import sys, yarl, discord.http, discord.gateway;"
    "discord.http.Route.BASE = sys.argv[1];"
    "discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(sys.argv[2]);"
    "sys.argv = ['newsbot', *sys.argv[3:]];"
    "from bot.cli import main; main()"
)


async def test_serves_until_sigterm_and_leaves_no_tasks(
    service: AnswerService, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """run_bot logs in, answers, and on SIGTERM closes cleanly: exit 0, no pending tasks, token never logged."""
    caplog.set_level(logging.DEBUG)
    before = asyncio.all_tasks()
    async with FakeDiscord() as fake:
        monkeypatch.setenv("DISCORD_TOKEN", fake.token)
        running = asyncio.create_task(run_bot(service.settings, service, guild_ready_timeout=0.1))
        await fake.wait_identified()
        followup = await fake.followup(await fake.slash("ask", question=CHEUNG_QUESTION))
        await asyncio.sleep(0.3)  # discord.py's own ready delay (guild_ready_timeout) ends by itself
        os.kill(os.getpid(), signal.SIGTERM)
        assert await asyncio.wait_for(running, 10) == 0
        assert not fake.connected
    await asyncio.sleep(0)
    assert "Steven Cheung" in followup.json["embeds"][0]["description"]
    leftover = [t for t in asyncio.all_tasks() - before if not t.done()]
    assert leftover == [], "\n".join(map(repr, leftover))
    assert fake.token not in caplog.text


async def test_missing_token_is_one_line_and_exit_2(
    service: AnswerService, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the token variable the bot does not start: one error line naming the variable, code 2."""
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    assert await run_bot(service.settings, service) == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: the environment variable DISCORD_TOKEN is not set: put the bot's token in it"
    ]


async def test_refused_message_content_intent_is_one_line_and_exit_2(
    service: AnswerService, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """If the portal has not enabled the message-content intent, say how to fix it and exit with code 2."""
    async with FakeDiscord(privileged_intents=False) as fake:
        monkeypatch.setenv("DISCORD_TOKEN", fake.token)
        code = await run_bot(service.settings, service, guild_ready_timeout=0.1)
    assert code == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("error: Discord refused the Message Content intent") and "mention_replies" in line


async def test_unreachable_discord_is_one_line_and_exit_1(
    service: AnswerService, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With Discord unreachable (a closed loopback port), one line and code 1, so a supervisor retries."""
    import discord.http

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setattr(discord.http.Route, "BASE", f"http://127.0.0.1:{port}/api/v10")
    monkeypatch.setenv("DISCORD_TOKEN", "token.that.is-never-sent")
    assert await run_bot(service.settings, service) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("error: cannot reach Discord (") and "token" not in line


async def test_newsbot_run_with_a_bad_token_exits_2(service: AnswerService, tmp_path: Path) -> None:
    """`newsbot run` with a token Discord rejects prints one error line, never the token, and exits with 2."""
    bad_token = "not.a-real-token"
    settings = service.settings
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSBOT_")}
    env.update(DISCORD_TOKEN=bad_token, PYTHONPATH=str(ROOT))
    async with FakeDiscord() as fake:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", LAUNCH, fake.api_url, fake.gateway_url, "run",
            "--articles", str(settings.articles_dir), "--index", str(settings.index_dir),
            cwd=tmp_path, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(process.communicate(), 40)
        me = [r for r in fake.requests if r.path == "/users/@me"]
    stderr = err.decode()
    assert process.returncode == 2, stderr
    assert [r.status for r in me] == [401]
    assert [line for line in stderr.splitlines() if "error" in line.lower()] == [
        "error: Discord rejected the token in DISCORD_TOKEN: copy it again from the Developer Portal"
    ]
    assert "Traceback" not in stderr and bad_token not in stderr + out.decode()
