"""Fixtures for the bot's end-to-end tests: the real AnswerService over a small archive, the bot on a fake Discord.

`async def` tests run here with `asyncio.run` (see `pytest_pyfunc_call`), each on a fresh event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import random
import shutil
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.client import NewsBot
from bot.service import AnswerService
from index.embed import Embedder
from tests.conftest import SEEDS, make_settings
from tests.fake_discord import FakeDiscord

TEST_TIMEOUT = 45.0
EVERYONE_ARTICLE = """---
title: Flood meeting called at the town hall
date: 2024-09-02
url: https://news.example.com/flood-meeting
---

The river rose two metres overnight and flooded the lower market square.

The mayor's office posted "@everyone please come to the flood meeting at the town hall on Friday at six" \
on the town's Discord server, and the fire brigade asked residents near the weir to move their cars.
"""

# Long, varied sentences about one topic: ten quotes of them overflow every Discord limit.
_SUBJECTS = ["The restoration crew on Gull Island", "The harbour board's engineer", "A volunteer from the trust",
             "The island's last resident keeper", "The county heritage officer", "A marine surveyor",
             "The fundraising committee", "A stonemason brought over from the mainland"]
_VERBS = ["explained that", "reported that", "wrote in a long letter that", "told the council meeting that",
          "argued at length that", "noted in the quarterly survey that"]
_CLAUSES = [
    "the cast-iron lantern room had rusted through in at least fourteen places since the last repainting",
    "salt spray carried by the winter gales had worked its way into the mortar of the tower's granite courses",
    "the original Fresnel lens, made in Paris in 1871, would be lifted out by crane and cleaned by hand",
    "the keeper's cottage roof needed new slate because storms had stripped whole rows from the seaward side",
    "the supply boat could only land at the stone jetty on the two calm hours either side of high water",
    "the foghorn machinery, silent since the nineteen-eighties, still held most of its *brass* fittings",
    "seabird colonies nesting on the cliffs meant that scaffolding could only go up after the chicks fledged",
    "the budget had grown by a third once the surveyors found cracks running through the gallery floor",
    "the paraffin store beside the tower would become a small museum of the island's shipwrecks",
    "local schoolchildren had raised money for the new weather station by walking the coastal path",
]
LONG_ARTICLES = 6
LONG_QUESTION = "What is happening with the Gull Island lighthouse restoration?"
EVERYONE_QUESTION = "What did the mayor's office post about the flood meeting?"
CHEUNG_QUESTION = "Who speaks for the Trump campaign?"


def long_article(number: int) -> str:
    rng = random.Random(number)

    def sentence() -> str:
        *first, last = rng.sample(_CLAUSES, 7)
        return f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {', that '.join(first)}, and that {last}."

    title = f"Gull Island lighthouse restoration, part {number + 1}: the keepers, the masons and the sea"
    if number == 0:
        title += ", " + "; ".join(["told by everyone who worked on the island over three long summers"] * 5)
    paragraphs = "\n\n".join(" ".join(sentence() for _ in range(3)) for _ in range(3))
    return f'---\ntitle: "{title}"\ndate: 2024-{number + 1:02}-15\n' \
           f"url: https://news.example.com/gull-island/{number + 1}\n---\n\n{paragraphs}\n"


def make_archive(folder: Path) -> Path:
    """The seeds, an article quoting "@everyone" and six articles of very long sentences about one lighthouse."""
    folder.mkdir(parents=True)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder)
    (folder / "flood-meeting.md").write_text(EVERYONE_ARTICLE, encoding="utf-8")
    for number in range(LONG_ARTICLES):
        (folder / f"gull-island-{number + 1}.md").write_text(long_article(number), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerService:
    """The real answer service over the test archive, built and loaded once per module."""
    root = tmp_path_factory.mktemp("bot-archive")
    # The lighthouse articles are built from the same clauses, so the default near-duplicate threshold would
    # fold them into one answer "also in" the others; only exact copies are folded here, so that enough
    # distinct long quotes come back to overflow Discord's limits.
    settings = make_settings(make_archive(root / "articles"), root / "index", duplicate_similarity=0.99)
    answers = AnswerService(settings, embedder=embedder, progress=False)
    answers.load()
    return answers


BotUp = Callable[..., contextlib.AbstractAsyncContextManager[tuple[FakeDiscord, NewsBot]]]


@pytest.fixture
def bot_up(service: AnswerService) -> BotUp:
    """`async with bot_up(**discord_settings) as (fake, bot)`: the real bot, logged in to a fresh fake Discord.

    The cooldown is off unless a test sets `cooldown_seconds`; pass `fake=` to use a prepared FakeDiscord.
    On leaving, it asserts that the fake refused none of the bot's request bodies.
    """

    @contextlib.asynccontextmanager
    async def up(fake: FakeDiscord | None = None, **discord: Any) -> AsyncIterator[tuple[FakeDiscord, NewsBot]]:
        base = service.settings
        settings = base.model_copy(
            update={"discord": base.discord.model_copy(update={"cooldown_seconds": 0, **discord})}
        )
        async with fake or FakeDiscord() as server, NewsBot(settings, service, guild_ready_timeout=0.1) as bot:
            running = asyncio.create_task(bot.start(server.token))
            ready = asyncio.create_task(bot.wait_until_ready())
            await asyncio.wait({running, ready}, timeout=10, return_when=asyncio.FIRST_COMPLETED)
            if not ready.done():
                ready.cancel()
                await running  # raises why the bot could not start
                raise AssertionError("the bot did not become ready within 10 s")
            try:
                yield server, bot
            finally:
                await bot.close()
                await running
        # Every body the bot sent must be one Discord accepts (its spec and rules, see tests/fake_discord.py).
        assert server.invalid_requests == [], [(r.method, r.path, r.response) for r in server.invalid_requests]

    return up


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests on a fresh event loop, with a time limit."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    kwargs = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(asyncio.wait_for(pyfuncitem.obj(**kwargs), TEST_TIMEOUT))
    return True
