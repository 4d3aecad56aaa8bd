"""Load through the fake Discord: 100 members ask at once while a full rebuild runs (issue 9).

Every member must get a correct quote. The latencies are printed (`pytest -s`), never asserted: timings belong
in the closing note and benchmarks, not in tests.
"""

from __future__ import annotations

import asyncio
import statistics
import time

import pytest

from bot.service import AnswerService
from index.embed import Embedder
from tests.bot.conftest import CHEUNG_QUESTION, EVERYONE_QUESTION, LONG_QUESTION, BotUp, make_archive
from tests.conftest import make_settings
from tests.fake_discord import user

MEMBERS = 100
EXPECTED = {CHEUNG_QUESTION: "Steven Cheung", EVERYONE_QUESTION: "flood meeting", LONG_QUESTION: "Gull Island"}
LIMIT_SECONDS = 300
FILLER = 60  # articles that give the full rebuild several seconds of embedding to do


def filler(number: int) -> str:
    lines = [f"Market report {number}, paragraph {p}: traders in the river town sold {number * 7 + p} crates of "
             f"apples and {p + 3} tonnes of grain before the autumn fair closed its gates." for p in range(6)]
    return f"date 2023-10-{number % 28 + 1:02}\n\n" + "\n\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerService:
    """The bot tests' archive plus filler articles, so that a full rebuild takes a while."""
    root = tmp_path_factory.mktemp("load-archive")
    articles = make_archive(root / "articles")
    for number in range(FILLER):
        (articles / f"market-{number}.txt").write_text(filler(number), encoding="utf-8")
    settings = make_settings(articles, root / "index", duplicate_similarity=0.99)
    answers = AnswerService(settings, embedder=embedder, progress=False)
    answers.load()
    return answers


@pytest.mark.slow  # 20 s to a minute: a full rebuild and 100 questions on a shared CPU
def test_hundred_members_ask_during_a_full_rebuild(bot_up: BotUp, service: AnswerService) -> None:
    """100 members' /ask, sent while a full rebuild runs, are all answered with the right quote."""
    # Its own loop and time limit: the bot tests' 45 s is too short for this much work on a busy machine.
    asyncio.run(asyncio.wait_for(_ask_during_rebuild(bot_up, service), LIMIT_SECONDS))


async def _ask_during_rebuild(bot_up: BotUp, service: AnswerService) -> None:
    questions = [list(EXPECTED)[n % len(EXPECTED)] for n in range(MEMBERS)]
    async with bot_up() as (fake, _):
        rebuild = asyncio.create_task(asyncio.to_thread(service.rebuild, True))
        await asyncio.sleep(0.2)  # let the rebuild start reading and embedding

        async def ask(number: int, question: str) -> tuple[float, str]:
            started = time.perf_counter()
            interaction = await fake.slash("ask", question=question, who=user(f"member{number}"))
            followup = await fake.followup(interaction, timeout=LIMIT_SECONDS)
            return time.perf_counter() - started, followup.json["embeds"][0]["description"]

        results = await asyncio.gather(*(ask(n, q) for n, q in enumerate(questions)))
        rebuilt_during = not rebuild.done()
        summary = await rebuild
    for question, (_, description) in zip(questions, results):
        assert description.startswith("> ") and EXPECTED[question] in description, (question, description[:200])
    assert summary.embedded == summary.passages  # it really was a full rebuild
    latencies = sorted(seconds * 1000 for seconds, _ in results)
    p50, p95 = statistics.quantiles(latencies, n=100)[49], statistics.quantiles(latencies, n=100)[94]
    print(f"\n/ask under a full rebuild ({MEMBERS} members, rebuild still running after the last answer: "
          f"{rebuilt_during}): p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {latencies[-1]:.0f} ms")
