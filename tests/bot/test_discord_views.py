"""Buttons under answers and follow-ups in threads, end to end: the real bot and service on the fake Discord."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from bot import views
from bot.feedback import FILENAME, FeedbackLog
from bot.service import AnswerService
from index.errors import IndexNotFoundError
from tests.bot.conftest import CHEUNG_QUESTION, LONG_QUESTION, BotUp
from tests.fake_discord import EPHEMERAL, FakeDiscord

UP, DOWN, MORE = "up", "down", "more"


def buttons(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The message's buttons by action (the custom id's second part: nb:<action>:...)."""
    return {b["custom_id"].split(":")[1]: b for row in message.get("components", []) for b in row["components"]}


def button_id(message: dict[str, Any], action: str) -> str:
    """The custom id of the message's button for `action`, to click it."""
    return str(buttons(message)[action]["custom_id"])


def quotes(message: dict[str, Any]) -> list[str]:
    return [line for line in message["embeds"][0]["description"].split("\n") if line.startswith("> ")]


@pytest.fixture
def feedback_file(service: AnswerService) -> Path:
    """The feedback log beside the test index, emptied for each test."""
    path = service.settings.index_dir / FILENAME
    path.unlink(missing_ok=True)
    return path


def logged(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


async def test_answers_carry_rating_and_more_buttons(bot_up: BotUp) -> None:
    """/ask and mention answers carry 👍, 👎 and "More"; "More" is disabled when there is nothing more."""
    async with bot_up() as (fake, _):
        long = await fake.followup(await fake.slash("ask", question=LONG_QUESTION, top_k=2))
        short = await fake.followup(await fake.slash("ask", question=CHEUNG_QUESTION))
        reply = await fake.reply(await fake.send_message(f"{fake.mention()} {CHEUNG_QUESTION}",
                                                         mentions=(fake.bot_user,)))
    shown = buttons(long.json)
    assert list(shown) == [UP, DOWN, MORE]
    assert (shown[UP]["emoji"]["name"], shown[DOWN]["emoji"]["name"], shown[MORE]["label"]) == ("👍", "👎", "More")
    assert not shown[MORE].get("disabled")
    assert buttons(short.json)[MORE]["disabled"] is True  # two answers, both shown
    assert buttons(reply.json) == buttons(short.json)


@pytest.mark.parametrize("rating", ["up", "down"])
async def test_rating_is_logged_without_user(
    bot_up: BotUp, service: AnswerService, feedback_file: Path, rating: str
) -> None:
    """A click writes one line (UTC time, rating, question, article ids, message id); the same member's second
    click is thanked but adds none, another member's adds one; no user name or id is written."""
    async with bot_up() as (fake, _):
        followup = await fake.followup(await fake.slash("ask", question=CHEUNG_QUESTION))
        answer = fake.messages[followup.response["id"]]
        first = await fake.callback(await fake.click(answer, button_id(answer, rating)))
        again = await fake.callback(await fake.click(answer, button_id(answer, DOWN if rating == "up" else UP)))
        await fake.callback(await fake.click(answer, button_id(answer, rating), who=fake.editor))
    assert first.json["data"]["content"] == views.THANKS and first.json["data"]["flags"] == EPHEMERAL
    assert again.json["data"]["content"] == views.ALREADY_RATED and again.json["data"]["flags"] == EPHEMERAL
    entry, other = logged(feedback_file)
    assert other["rating"] == rating and other["message_id"] == answer["id"]
    assert set(entry) == {"timestamp", "rating", "question", "article_ids", "message_id"}
    assert (entry["rating"], entry["question"], entry["message_id"]) == (rating, CHEUNG_QUESTION, answer["id"])
    assert entry["article_ids"] == [a.article_id for a in service.ask(CHEUNG_QUESTION).answers]
    assert dt.datetime.fromisoformat(entry["timestamp"]).utcoffset() == dt.timedelta(0)
    text = feedback_file.read_text(encoding="utf-8")
    assert not [who for who in (fake.reporter, fake.editor) if who["id"] in text or who["username"] in text]


async def test_concurrent_ratings_do_not_interleave(tmp_path: Path) -> None:
    """Many ratings appended at once from worker threads are each one whole JSON line."""
    log = FeedbackLog(tmp_path / "index" / FILENAME)
    question = "Why? " * 2000  # long lines, so that unlocked writes would interleave
    await asyncio.gather(*(log.record("up", question, [f"a{i}"], i) for i in range(200)))
    entries = logged(log.path)
    assert sorted(int(e["message_id"]) for e in entries) == list(range(200))
    assert all(e["question"] == question for e in entries)


async def test_more_posts_the_next_answers_until_there_are_none(bot_up: BotUp, service: AnswerService) -> None:
    """Each "More" posts unseen answers below, disables itself, and the last page's "More" is disabled."""
    async with bot_up() as (fake, _):
        first = await fake.followup(await fake.slash("ask", question=LONG_QUESTION, top_k=2))
        pages = [first.response]
        while not buttons(pages[-1])[MORE].get("disabled"):
            click = await fake.click(fake.messages[pages[-1]["id"]], button_id(pages[-1], MORE), who=fake.editor)
            update = await fake.callback(click)
            assert update.json["type"] == 7 and buttons(update.json["data"])[MORE]["disabled"] is True
            pages.append((await fake.followup(click)).response)
            assert len(pages) <= 6, "More never ran out"
    shown = [quote for page in pages for quote in quotes(page)]
    assert len(pages) >= 2 and len(quotes(pages[0])) == 2
    assert len(shown) == len(set(shown)) == len(service.ask(LONG_QUESTION, 25).answers)
    assert all(page["embeds"][0]["title"] == LONG_QUESTION for page in pages)
    assert all(list(buttons(page)) == [UP, DOWN, MORE] for page in pages)


async def test_more_failing_is_told_to_the_clicker(
    bot_up: BotUp, service: AnswerService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error while fetching more answers is answered ephemerally, like a failing command."""

    def fail(*args: object, **kwargs: object) -> None:
        raise IndexNotFoundError("no index")

    async with bot_up() as (fake, _):
        first = await fake.followup(await fake.slash("ask", question=LONG_QUESTION, top_k=2))
        monkeypatch.setattr(service, "ask", fail)
        more = button_id(first.response, MORE)
        told = await fake.followup(await fake.click(fake.messages[first.response["id"]], more))
    assert told.json["content"] == "no index" and told.json["flags"] == EPHEMERAL


async def test_mention_in_a_thread_is_answered_in_the_thread(bot_up: BotUp) -> None:
    """A thread counts as its parent channel: a mention in the answer's thread is answered there, with buttons.

    A mention in another channel's thread is ignored; the same member's next mention is the barrier (with a
    cooldown, taking up the ignored one would make it "Slow down").
    """
    fake = FakeDiscord()
    async with bot_up(fake=fake, channels=[int(fake.channel_id)], cooldown_seconds=60):
        answer = await fake.followup(await fake.slash("ask", question=LONG_QUESTION))
        thread = await fake.start_thread(fake.messages[answer.response["id"]])
        asked = await fake.send_message(f"{fake.mention()} {CHEUNG_QUESTION}", mentions=(fake.bot_user,),
                                        channel_id=thread["id"], who=fake.admin)
        reply = await fake.reply(asked)
        by_command = await fake.followup(await fake.slash("ask", question=CHEUNG_QUESTION, channel_id=thread["id"],
                                                          who=fake.owner))
        elsewhere = await fake.start_thread(await fake.send_message("an aside", channel_id=fake.other_channel_id))
        await fake.send_message(f"{fake.mention()} {CHEUNG_QUESTION}", mentions=(fake.bot_user,),
                                channel_id=elsewhere["id"], who=fake.editor)
        barrier = await fake.reply(await fake.send_message(f"{fake.mention()} {CHEUNG_QUESTION}",
                                                           mentions=(fake.bot_user,), channel_id=thread["id"],
                                                           who=fake.editor))
    assert "Steven Cheung" in barrier.json["embeds"][0]["description"]
    assert reply.path == f"/channels/{thread['id']}/messages"
    assert "Steven Cheung" in reply.json["embeds"][0]["description"] and list(buttons(reply.json)) == [UP, DOWN, MORE]
    assert by_command.response["channel_id"] == thread["id"]
    assert "Steven Cheung" in by_command.json["embeds"][0]["description"]
    assert not [r for r in fake.requests if r.path.startswith(f"/channels/{elsewhere['id']}/")]
