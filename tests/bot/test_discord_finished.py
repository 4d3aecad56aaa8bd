"""Discord that feels finished, end to end on the fake Discord: private errors, /reindex for managers with its
progress in the channel, /ask's date options, /help, and buttons that survive a restart."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.replies import APOLOGY, TOLD_PRIVATELY
from bot.service import AnswerService
from bot.views import THANKS
from index.errors import IndexNotFoundError
from tests.bot.conftest import CHEUNG_QUESTION, LONG_QUESTION, BotUp
from tests.bot.test_discord_admin import add_garden_articles
from tests.fake_discord import EPHEMERAL, MANAGE_GUILD, FakeDiscord


def button_id(message: dict[str, Any], action: str) -> str:
    return next(b["custom_id"] for row in message["components"] for b in row["components"]
                if b["custom_id"].split(":")[1] == action)


def quotes(message: dict[str, Any]) -> list[str]:
    return [line for line in message["embeds"][0]["description"].split("\n") if line.startswith("> ")]


@pytest.mark.parametrize("error", [RuntimeError("disk on fire"), IndexNotFoundError("no index here")],
                         ids=["unexpected", "domain"])
async def test_error_after_the_public_thinking_message_is_private(
    bot_up: BotUp, service: AnswerService, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    """/ask defers publicly; a failure then reaches only the asker and the public "thinking…" goes away."""

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(service, "ask", fail)
    async with bot_up() as (fake, _):
        interaction = await fake.slash("ask", question=CHEUNG_QUESTION)
        deleted = await fake.wait_for_request(
            lambda r: r.method == "DELETE" and r.path == f"{interaction.webhook_path}/messages/@original")
    told = [r for r in fake.requests if r.method == "POST" and r.path == interaction.webhook_path]
    assert [(r.response["content"], r.response["flags"] & EPHEMERAL) for r in told] == \
        [(APOLOGY if isinstance(error, RuntimeError) else "no index here", EPHEMERAL)]
    assert deleted.status == 204
    public = [m for m in fake.messages.values() if not m["flags"] & EPHEMERAL]
    assert not public, "something stayed in the channel"
    assert [m["content"] for m in fake.deleted.values()] == [TOLD_PRIVATELY]


async def test_reindex_is_shown_only_to_managers(bot_up: BotUp) -> None:
    """/reindex is synced with default_member_permissions Manage Server; /ask and /help are for everyone."""
    async with bot_up() as (fake, _):
        synced = {c["name"]: c for c in fake.commands[None]}
    assert int(synced["reindex"]["default_member_permissions"]) == MANAGE_GUILD
    assert synced["ask"].get("default_member_permissions") is None
    assert synced["help"].get("default_member_permissions") is None


async def test_reindex_progress_is_a_channel_message_edited_until_the_end(
    bot_up: BotUp, service: AnswerService
) -> None:
    """The rebuild posts a message in the channel as the bot and edits it while running and with the summary."""
    add_garden_articles(service.settings.articles_dir, 30)
    async with bot_up() as (fake, bot):
        bot.get_cog("Admin").progress_every = 0.02  # type: ignore[union-attr]
        rebuild = await fake.slash("reindex", who=fake.admin, permissions=MANAGE_GUILD)
        summary = await fake.followup(rebuild, timeout=30)
        channel = f"/channels/{fake.channel_id}/messages"
        posted = next(r for r in fake.requests if r.method == "POST" and r.path == channel)
        edits = [r for r in fake.requests if r.method == "PATCH" and r.path == f"{channel}/{posted.response['id']}"]
    assert posted.json["content"].startswith("🔄 Updating the index from the articles folder, started <t:")
    assert posted.json["allowed_mentions"]["parse"] == []
    assert any(" so far." in e.json["content"] for e in edits[:-1])
    assert edits[-1].json["content"] == "✅ " + summary.json["content"]
    assert summary.json["content"].startswith("Index built: 30 added")
    # The bot's own token, which does not expire, unlike the interaction's after 15 minutes.
    assert all(r.headers["Authorization"] == f"Bot {fake.token}" for r in [posted, *edits])
    assert fake.messages[posted.response["id"]]["content"] == edits[-1].json["content"]


async def test_reindex_failure_is_reported_in_the_channel(
    bot_up: BotUp, service: AnswerService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed rebuild ends its channel message with the reason, and the member is told privately."""

    def fail(*args: object, **kwargs: object) -> None:
        raise IndexNotFoundError("the articles folder is gone")

    monkeypatch.setattr("bot.service.build_index", fail)
    async with bot_up() as (fake, _):
        rebuild = await fake.slash("reindex", who=fake.admin, permissions=MANAGE_GUILD)
        told = await fake.followup(rebuild, timeout=30)
        channel = f"/channels/{fake.channel_id}/messages"
        last = await fake.wait_for_request(lambda r: r.method == "PATCH" and r.path.startswith(channel + "/")
                                           and r.json["content"].startswith("❌"))
    assert told.response["content"] == "the articles folder is gone" and told.response["flags"] == EPHEMERAL
    assert last.json["content"] == "❌ The rebuild failed: the articles folder is gone The previous index keeps " \
        "answering."


def is_dated_between(message: dict[str, Any], first: str, last: str) -> bool:
    dates = [line.split(" · ")[-2] for line in message["embeds"][0]["description"].split("\n") if line.startswith("— ")]
    return bool(dates) and all(first <= d <= last for d in dates)


async def test_ask_since_until_limit_the_articles(bot_up: BotUp) -> None:
    """since:/until: limit the quotes to articles of those days, say so, and "More" keeps the limit."""
    async with bot_up() as (fake, _):
        asked = await fake.followup(await fake.slash("ask", question=LONG_QUESTION, top_k=1, since="2024-02-01",
                                                     until="2024-04-30"))
        click = await fake.click(fake.messages[asked.response["id"]], button_id(asked.response, "more"))
        more = await fake.followup(click)
    for message in (asked.response, more.response):
        assert message["embeds"][0]["description"].startswith("_Searching articles from 2024-02-01 to 2024-04-30_")
        assert is_dated_between(message, "2024-02-01", "2024-04-30")
    assert quotes(asked.response) != quotes(more.response)


@pytest.mark.parametrize(("options", "refusal"), [
    ({"since": "last week"}, "since: “last week” is not a date: write it as YYYY-MM-DD, e.g. 2024-08-13."),
    ({"until": "2024-02-30"}, "until: “2024-02-30” is not a date: write it as YYYY-MM-DD, e.g. 2024-08-13."),
    ({"since": "2024-05-01", "until": "2024-04-01"}, "since (2024-05-01) is after until (2024-04-01): swap them."),
])
async def test_ask_refuses_bad_dates_privately_before_searching(
    bot_up: BotUp, service: AnswerService, monkeypatch: pytest.MonkeyPatch, options: dict[str, str], refusal: str
) -> None:
    """A date that is not YYYY-MM-DD, or a range ending before it starts, is refused to the asker alone."""
    searched: list[str] = []
    monkeypatch.setattr(service, "ask", lambda question, *a, **k: searched.append(question))
    async with bot_up() as (fake, _):
        callback = await fake.callback(await fake.slash("ask", question=CHEUNG_QUESTION, **options))
    assert callback.json["type"] == 4
    assert (callback.json["data"]["content"], callback.json["data"]["flags"]) == (refusal, EPHEMERAL)
    assert searched == []


async def test_help_explains_privately(bot_up: BotUp) -> None:
    """/help answers only the member who asked, with how to ask and every command."""
    async with bot_up() as (fake, _):
        callback = await fake.callback(await fake.slash("help"))
    assert callback.json["type"] == 4 and callback.json["data"]["flags"] == EPHEMERAL
    text = callback.json["data"]["embeds"][0]["description"]
    assert all(command in text for command in ("/ask question:", "since:", "/status", "/reindex", "More"))


async def test_buttons_work_after_a_restart(bot_up: BotUp, service: AnswerService) -> None:
    """A new bot process answers clicks on an answer the previous one sent: More and a rating."""
    feedback = service.settings.index_dir / "feedback.jsonl"
    feedback.unlink(missing_ok=True)
    fake = FakeDiscord()
    async with bot_up(fake=fake):
        asked = (await fake.followup(await fake.slash("ask", question=LONG_QUESTION, top_k=2))).response
    async with bot_up(fake=fake):  # a restart: same Discord, same old message, a bot with nothing in memory
        old = fake.messages[asked["id"]]
        more = await fake.followup(await fake.click(old, button_id(old, "more")))
        rated = await fake.callback(await fake.click(old, button_id(old, "up"), who=fake.editor))
        clicked = await fake.callback(await fake.click(old, button_id(old, "more")))
    assert more.response["embeds"][0]["title"] == LONG_QUESTION
    assert quotes(more.response) and not set(quotes(more.response)) & set(quotes(asked))
    assert rated.json["data"]["content"] == THANKS
    entry = json.loads(feedback.read_text(encoding="utf-8"))
    assert (entry["question"], entry["message_id"]) == (LONG_QUESTION, asked["id"])
    shown = service.ask(LONG_QUESTION, 2).answers
    assert entry["article_ids"] == [a.article_id for a in shown]
    assert clicked.json["type"] == 4 and clicked.json["data"]["flags"] == EPHEMERAL  # More was used up: told
