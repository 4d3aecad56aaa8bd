"""A fresh index while the bot runs: the folder watcher, source polling, and the last/next refresh shown."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import os
import shutil
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner
from watchfiles import Change

from bot.cli import cli
from bot.config import RefreshSettings, Settings
from bot.refresh import ArticleFilter, Refresher, RefreshState
from bot.run import run_bot
from bot.service import AnswerService
from index.embed import Embedder
from tests.conftest import SEEDS, make_settings
from tests.fake_discord import FakeDiscord
from tests.loopback_http import closed_port_url, serve

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
RESCUE = """---
title: Lighthouse keeper rescues kayakers off Skerry Point
date: 2024-10-06
url: https://news.example.com/skerry-rescue
---

The lighthouse keeper Anneliese Brandt rowed out in a gale on Sunday night and pulled three kayakers from the water \
off Skerry Point.

All three were treated for cold at the harbour clinic and sent home on Monday morning.
"""
RESCUE_QUESTION = "Who pulled the kayakers from the water off Skerry Point?"
FERRY_QUESTION = "When did the harbour ferry carry passengers again?"


@pytest.fixture
def fresh(tmp_path: Path, embedder: Embedder) -> AnswerService:
    """A private archive (the seeds) with its index built, watched with a short debounce; no /ask cooldown."""
    articles = tmp_path / "articles"
    shutil.copytree(SEEDS, articles)
    settings = make_settings(articles, tmp_path / "index")
    refresh = RefreshSettings.model_validate({"watch_debounce_seconds": 0.2})
    discord = settings.discord.model_copy(update={"cooldown_seconds": 0})  # /ask is asked again and again
    service = AnswerService(settings.model_copy(update={"refresh": refresh, "discord": discord}),
                            embedder=embedder, progress=False)
    service.load()
    return service


def reconfigure(service: AnswerService, **changes: object) -> Settings:
    service.settings = service.settings.model_copy(update=changes)
    return service.settings


async def eventually(check, seconds: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    """Await `check()` until it returns true, failing after `seconds`."""
    deadline = asyncio.get_running_loop().time() + seconds
    while not await check():
        assert asyncio.get_running_loop().time() < deadline, f"not true within {seconds} s"
        await asyncio.sleep(0.3)


async def test_article_dropped_into_the_folder_is_quoted_by_ask_within_30_seconds(
    fresh: AnswerService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While `newsbot run` serves, a new file in the articles folder is indexed and quoted by /ask; /status shows it."""
    settings = fresh.settings
    async with FakeDiscord() as fake:
        monkeypatch.setenv("DISCORD_TOKEN", fake.token)
        running = asyncio.create_task(run_bot(settings, fresh, guild_ready_timeout=0.1))
        await fake.wait_identified()

        async def ask() -> str:
            return json.dumps((await fake.followup(await fake.slash("ask", question=RESCUE_QUESTION))).json)

        assert "Anneliese Brandt" not in await ask()
        (settings.articles_dir / "local").mkdir()
        (settings.articles_dir / "local" / "skerry-rescue.md").write_text(RESCUE, encoding="utf-8")

        async def quoted() -> bool:
            return "Anneliese Brandt rowed out in a gale" in await ask()

        await eventually(quoted, 30)
        status = (await fake.callback(await fake.slash("status"))).json
        fields = {f["name"]: f["value"] for f in status["data"]["embeds"][0]["fields"]}
        os.kill(os.getpid(), signal.SIGTERM)
        assert await asyncio.wait_for(running, 10) == 0
    assert "1 added" in fields["Last refresh"]
    assert fields["Next refresh"] == "when an article file changes"


async def test_sources_are_polled_imported_and_indexed(
    fresh: AnswerService, caplog: pytest.LogCaptureFixture
) -> None:
    """`sources:` are imported at start and every poll_minutes; an unreachable one is one warning, retried later."""
    caplog.set_level(logging.INFO)
    with serve(FIXTURES) as base:
        dead = closed_port_url()
        settings = reconfigure(
            fresh, sources=[base + "rss.xml", dead], refresh=RefreshSettings.model_validate({"watch": False})
        )
        refresher = Refresher(fresh)
        started = dt.datetime.now(dt.UTC)
        await refresher.start()
        try:

            async def indexed() -> bool:
                result = await asyncio.to_thread(fresh.ask, FERRY_QUESTION)
                return any("first passengers in nine days" in a.quote for a in result.answers)

            await eventually(indexed, 30)
        finally:
            await refresher.stop()
    assert sorted(p.name for p in (settings.articles_dir / "127.0.0.1").iterdir()) == [
        "gazette-ferry-1001-97d9c076870a.md", "library-hours-af4bd23bcbbd.md"
    ]
    state = RefreshState.load(settings.index_dir)
    assert state is not None and state.last is not None and state.next is not None
    assert dt.timedelta(minutes=14) < state.next - started < dt.timedelta(minutes=16)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert [w for w in warnings if dead in w] == [
        f"import failed, retrying at the next poll: {dead}: cannot fetch: [Errno 111] Connection refused"
    ]


async def test_files_in_brand_new_folders_are_indexed(fresh: AnswerService) -> None:
    """A folder created together with its files (as an import does) is indexed, even when inotify adds the
    folder's watch after the file has landed."""
    refresher = Refresher(fresh)
    await refresher.start()
    try:
        for n in range(1, 4):
            folder = fresh.settings.articles_dir / f"source-{n}"
            folder.mkdir()
            (folder / "story.md").write_text(RESCUE.replace("Skerry", f"Skerry {n}"), encoding="utf-8")

            async def indexed(expected: int = n + 1) -> bool:
                return (await asyncio.to_thread(fresh.stats)).articles == expected

            await eventually(indexed, 10)
    finally:
        await refresher.stop()


async def test_a_failed_rebuild_keeps_serving_and_the_next_change_is_indexed(
    fresh: AnswerService, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """An unexpected rebuild error (a full disk) is logged; the old index serves and the next change still indexes."""
    real_rebuild = fresh.rebuild
    failures = iter([OSError(28, "No space left on device")])

    def rebuild(full: bool = False):  # type: ignore[no-untyped-def]
        for exc in failures:
            raise exc
        return real_rebuild(full)

    monkeypatch.setattr(fresh, "rebuild", rebuild)
    refresher = Refresher(fresh)
    await refresher.start()
    try:
        (fresh.settings.articles_dir / "one.md").write_text(RESCUE, encoding="utf-8")

        async def logged() -> bool:
            return "No space left on device" in caplog.text

        await eventually(logged, 10)
        assert (await asyncio.to_thread(fresh.stats)).articles == 1
        (fresh.settings.articles_dir / "two.md").write_text(RESCUE.replace("Skerry", "Gull"), encoding="utf-8")

        async def indexed() -> bool:
            return (await asyncio.to_thread(fresh.stats)).articles == 3

        await eventually(indexed, 10)
    finally:
        await refresher.stop()


def test_watcher_sees_article_files_only(tmp_path: Path) -> None:
    """Article files and folders count; other files, hidden folders and an import's staging folder do not."""
    (tmp_path / "new-source").mkdir()
    watch = ArticleFilter(tmp_path)
    assert watch(Change.added, str(tmp_path / "new-source"))
    assert watch(Change.deleted, str(tmp_path / "old-source"))
    assert watch(Change.added, str(tmp_path / "feed" / "story.md"))
    assert watch(Change.deleted, str(tmp_path / "old.txt"))
    assert not watch(Change.added, str(tmp_path / ".importing-feed-1a2b3c4d" / "story.md"))
    assert not watch(Change.added, str(tmp_path / "feed" / ".story.md.swp"))
    assert not watch(Change.modified, str(tmp_path / "notes.json"))
    assert not watch(Change.added, str(tmp_path.parent / "elsewhere.md"))


def test_index_status_shows_last_and_next_refresh(tiny_index: AnswerService) -> None:
    """`newsbot index status` prints what the running bot saved: the last refresh with its result, the next one."""
    index_dir = tiny_index.settings.index_dir
    last = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
    RefreshState(last, "import: 2 written", last + dt.timedelta(minutes=15)).save(index_dir)
    done = CliRunner().invoke(cli, ["index", "status", "--index", str(index_dir), "--articles", str(SEEDS)])
    assert done.exit_code == 0, done.output
    assert done.output.splitlines()[-2:] == [
        "refreshed: 2026-03-01 09:00:00 UTC (import: 2 written)",
        "next:      2026-03-01 09:15:00 UTC",
    ]
