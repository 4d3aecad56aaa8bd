"""The real bot and answer service, end to end against the fake Discord: login, /ask, mentions, safety, limits."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.discord_format import DESCRIPTION_LIMIT, EMBED_LIMIT, TITLE_LIMIT
from bot.replies import APOLOGY
from bot.service import AnswerService
from index.errors import IndexNotFoundError
from tests.bot.conftest import CHEUNG_QUESTION, EVERYONE_QUESTION, LONG_QUESTION, BotUp
from tests.fake_discord import EPHEMERAL, INTENT_MEMBERS, INTENT_MESSAGE_CONTENT, FakeDiscord, Recorded


def embed_length(embed: dict) -> int:
    footer = (embed.get("footer") or {}).get("text", "")
    fields = sum(len(f["name"]) + len(f["value"]) for f in embed.get("fields", []))
    return len(embed.get("title", "")) + len(embed.get("description", "")) + len(footer) + fields


def is_channel_post(request: Recorded) -> bool:
    return request.method == "POST" and request.path.endswith("/messages") and request.status == 200


async def test_logs_in_and_syncs_commands_globally(bot_up: BotUp, caplog: pytest.LogCaptureFixture) -> None:
    """Login reads the bot and the application, then syncs every command globally; no token in the logs."""
    caplog.set_level(logging.DEBUG)
    async with bot_up() as (fake, bot):
        paths = [(r.method, r.path) for r in fake.requests]
        assert paths[:2] == [("GET", "/users/@me"), ("GET", "/oauth2/applications/@me")]
        assert ("PUT", f"/applications/{fake.app_id}/commands") in paths
        synced = {c["name"]: c for c in fake.commands[None]}
        assert set(synced) == {"ask", "help", "quotes", "reindex", "status", "timeline"}
        top_k = next(o for o in synced["ask"]["options"] if o["name"] == "top_k")
        assert (top_k["min_value"], top_k["max_value"], top_k["required"]) == (1, 10, False)
        assert bot.user is not None and str(bot.user.id) == fake.bot_user["id"]
    assert fake.token not in caplog.text


async def test_syncs_to_configured_guilds_only(bot_up: BotUp) -> None:
    """With guild ids configured, the commands go to those guilds at once and nothing is synced globally."""
    fake = FakeDiscord()
    async with bot_up(fake=fake, guild_ids=[int(fake.guild_id)]):
        names = {c["name"] for c in fake.commands[fake.guild_id]}
        assert names == {"ask", "help", "quotes", "reindex", "status", "timeline"}
        assert None not in fake.commands
        interaction = await fake.slash("ask", question=CHEUNG_QUESTION)
        assert "Steven Cheung" in (await fake.followup(interaction)).json["embeds"][0]["description"]


@pytest.mark.parametrize("mention_replies", [True, False])
async def test_asks_for_message_content_only_for_mentions(bot_up: BotUp, mention_replies: bool) -> None:
    """The privileged message-content intent is requested only in mention mode; members never."""
    async with bot_up(mention_replies=mention_replies) as (fake, _):
        intents = (await fake.wait_identified())["intents"]
    assert bool(intents & INTENT_MESSAGE_CONTENT) is mention_replies
    assert not intents & INTENT_MEMBERS


async def test_ask_defers_then_follows_up_with_a_quote(bot_up: BotUp, service: AnswerService) -> None:
    """/ask meets the 3-second deadline with a 'thinking' defer, then follows up with quote, source and footer."""
    async with bot_up() as (fake, _):
        interaction = await fake.slash("ask", question=CHEUNG_QUESTION)
        callback = await fake.callback(interaction)
        assert callback.json == {"type": 5}
        followup = await fake.followup(interaction)
        assert fake.requests.index(callback) < fake.requests.index(followup)
    embed = followup.json["embeds"][0]
    first = embed["description"].split("\n\n")[0]
    assert first.startswith("> ") and "Steven Cheung" in first and "· 2024-08-13 · score" in first
    assert embed["title"] == CHEUNG_QUESTION
    stats = service.stats()
    assert embed["footer"]["text"] == f"{stats.articles} articles indexed · updated {stats.built_at[:10]}"
    assert "Authorization" not in followup.headers
    assert followup.json["allowed_mentions"]["parse"] == []


async def test_several_questions_are_answered_concurrently(bot_up: BotUp) -> None:
    """Questions asked at once are all answered."""
    async with bot_up() as (fake, _):
        asked = [await fake.slash("ask", question=q, who=who) for q, who in
                 [(CHEUNG_QUESTION, fake.reporter), (EVERYONE_QUESTION, fake.admin), (LONG_QUESTION, fake.editor)]]
        followups = await asyncio.gather(*(fake.followup(i) for i in asked))
    assert "Steven Cheung" in followups[0].json["embeds"][0]["description"]
    assert "flood meeting" in followups[1].json["embeds"][0]["description"]
    assert "Gull Island" in followups[2].json["embeds"][0]["description"]


async def test_mention_gets_the_same_answer_as_a_reply(bot_up: BotUp) -> None:
    """'@newsbot question' is answered in a reply with the same embed as /ask, pinging nobody."""
    async with bot_up() as (fake, _):
        interaction = await fake.slash("ask", question=CHEUNG_QUESTION)
        by_command = (await fake.followup(interaction)).json["embeds"][0]
        asked = await fake.send_message(f"{fake.mention()} {CHEUNG_QUESTION}", mentions=(fake.bot_user,))
        reply = await fake.reply(asked)
    assert reply.json["embeds"][0] == by_command
    assert reply.json["allowed_mentions"] == {"parse": [], "replied_user": False}
    assert reply.headers["Authorization"] == f"Bot {fake.token}"


async def test_mention_without_a_question_gets_a_hint(bot_up: BotUp) -> None:
    """A bare mention is answered with how to ask."""
    async with bot_up() as (fake, _):
        reply = await fake.reply(await fake.send_message(fake.mention(), mentions=(fake.bot_user,)))
    assert reply.json["content"].startswith("Ask me a question after the mention")


async def test_ignores_its_own_messages_other_bots_and_unmentioned_messages(bot_up: BotUp) -> None:
    """Only a member's message that mentions the bot gets a reply; the echo of that reply gets none."""
    async with bot_up() as (fake, _):
        question = f"{fake.mention()} {CHEUNG_QUESTION}"
        await fake.send_message(question, who=fake.bot_user, mentions=(fake.bot_user,))
        await fake.send_message(question, who=fake.other_bot, mentions=(fake.bot_user,))
        await fake.send_message(CHEUNG_QUESTION)
        await fake.reply(await fake.send_message(question, mentions=(fake.bot_user,)))
        await asyncio.sleep(0.3)  # time to (wrongly) answer the echoed reply
    assert len([r for r in fake.requests if is_channel_post(r)]) == 1


async def test_mentions_are_ignored_when_mention_mode_is_off(bot_up: BotUp) -> None:
    """With mention_replies off the bot stays silent on mentions but /ask still works."""
    async with bot_up(mention_replies=False) as (fake, _):
        await fake.send_message(f"{fake.mention()} {CHEUNG_QUESTION}", mentions=(fake.bot_user,))
        await fake.followup(await fake.slash("ask", question=CHEUNG_QUESTION))
        await asyncio.sleep(0.2)
    assert not [r for r in fake.requests if is_channel_post(r)]


async def test_article_quoting_everyone_pings_nobody(bot_up: BotUp) -> None:
    """A quote containing '@everyone' is sent with mentions disabled, by /ask and in a reply."""
    async with bot_up() as (fake, _):
        followup = await fake.followup(await fake.slash("ask", question=EVERYONE_QUESTION))
        reply = await fake.reply(
            await fake.send_message(f"{fake.mention()} {EVERYONE_QUESTION}", mentions=(fake.bot_user,))
        )
    for sent in (followup, reply):
        assert "@everyone please come" in sent.json["embeds"][0]["description"]
        assert sent.json["allowed_mentions"]["parse"] == []


async def test_answer_longer_than_the_limits_is_trimmed(bot_up: BotUp, service: AnswerService) -> None:
    """Long quotes that would overflow the embed are trimmed with an ellipsis to Discord's limits."""
    untrimmed = service.ask(LONG_QUESTION, 10)
    assert sum(len(a.quote) for a in untrimmed.answers) > DESCRIPTION_LIMIT
    async with bot_up() as (fake, _):
        followup = await fake.followup(await fake.slash("ask", question=LONG_QUESTION, top_k=10))
    embed = followup.json["embeds"][0]
    assert len(embed["description"]) <= DESCRIPTION_LIMIT and len(embed["title"]) <= TITLE_LIMIT
    assert embed_length(embed) <= EMBED_LIMIT
    assert "…" in embed["description"] and embed["description"].count("\n> ") >= 2
    assert "*brass*" not in embed["description"].replace("\\*brass\\*", "")


@pytest.mark.parametrize("surface", ["followup", "reply"])
async def test_rate_limited_reply_is_retried(bot_up: BotUp, surface: str) -> None:
    """A 429 (with Cloudflare's Via header) on the answer is waited out and the answer sent again."""
    async with bot_up() as (fake, _):
        if surface == "followup":
            fake.rate_limit("POST", r"/webhooks/\d+/[^/]+")
            interaction = await fake.slash("ask", question=CHEUNG_QUESTION)
            sent = await fake.followup(interaction)
            attempts = [r.status for r in fake.requests if r.path == interaction.webhook_path]
        else:
            fake.rate_limit("POST", rf"/channels/{fake.channel_id}/messages")
            sent = await fake.reply(await fake.send_message(f"{fake.mention()} {CHEUNG_QUESTION}",
                                                            mentions=(fake.bot_user,)))
            attempts = [r.status for r in fake.requests if r.path == f"/channels/{fake.channel_id}/messages"]
    assert attempts == [429, 200]
    assert "Steven Cheung" in sent.json["embeds"][0]["description"]


async def test_cooldown_refuses_a_quick_second_question(bot_up: BotUp) -> None:
    """A user asking again within the cooldown gets an ephemeral 'slow down'; other users are unaffected."""
    async with bot_up(cooldown_seconds=30) as (fake, _):
        await fake.followup(await fake.slash("ask", question=CHEUNG_QUESTION))
        refused = await fake.callback(await fake.slash("ask", question=EVERYONE_QUESTION))
        other = await fake.followup(await fake.slash("ask", question=EVERYONE_QUESTION, who=fake.admin))
        mention = await fake.reply(
            await fake.send_message(f"{fake.mention()} {CHEUNG_QUESTION}", mentions=(fake.bot_user,))
        )
    assert refused.json["type"] == 4 and refused.json["data"]["flags"] == EPHEMERAL
    assert refused.json["data"]["content"].startswith("Slow down: you can ask again in ")
    assert other.json["embeds"]
    assert mention.json["content"].startswith("Slow down")


async def test_channel_allowlist(bot_up: BotUp) -> None:
    """Outside the allowed channels /ask is refused ephemerally and mentions are ignored."""
    fake = FakeDiscord()
    async with bot_up(fake=fake, channels=[int(fake.channel_id)]):
        refused = await fake.callback(await fake.slash("ask", question=CHEUNG_QUESTION,
                                                       channel_id=fake.other_channel_id))
        await fake.send_message(f"{fake.mention()} {CHEUNG_QUESTION}", mentions=(fake.bot_user,),
                                channel_id=fake.other_channel_id)
        await fake.followup(await fake.slash("ask", question=CHEUNG_QUESTION))
        await asyncio.sleep(0.2)
    assert refused.json["data"] == {"content": f"I only answer in <#{fake.channel_id}>.", "flags": EPHEMERAL,
                                    "allowed_mentions": {"parse": []}, "tts": False}
    assert not [r for r in fake.requests if is_channel_post(r)]


async def test_no_answer_is_said_plainly(bot_up: BotUp) -> None:
    """A question the archive cannot answer gets a plain sentence and the closest titles, not noise."""
    async with bot_up() as (fake, _):
        followup = await fake.followup(await fake.slash("ask", question="Who won the 1998 World Cup final?"))
    description = followup.json["embeds"][0]["description"]
    assert description.startswith("Nothing in the archive answers that.\nClosest articles: ")
    assert "> " not in description


async def test_status_shows_the_index_and_uptime(bot_up: BotUp, service: AnswerService) -> None:
    """/status answers with articles, passages, model, last build and uptime."""
    async with bot_up() as (fake, _):
        callback = await fake.callback(await fake.slash("status"))
    fields = {f["name"]: f["value"] for f in callback.json["data"]["embeds"][0]["fields"]}
    assert fields["Articles"] == str(service.stats().articles) == "8"
    assert fields["Passages"] == str(service.stats().passages)
    assert "MiniLM" in fields["Model"] and fields["Last build"][:2] == "20" and fields["Uptime"].endswith(" s")


@pytest.mark.parametrize(
    ("error", "reply"),
    [(IndexNotFoundError("no index in /x: run `newsbot index build`"), "no index in /x: run `newsbot index build`"),
     (RuntimeError("disk on fire"), APOLOGY)],
    ids=["domain-error", "unexpected-error"],
)
async def test_errors_get_a_short_reply(
    bot_up: BotUp, service: AnswerService, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
    error: Exception, reply: str,
) -> None:
    """Domain errors are told as they are; anything else is an apology, with the traceback only in the log."""

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(service, "ask", fail)
    async with bot_up() as (fake, _):
        followup = await fake.followup(await fake.slash("ask", question=CHEUNG_QUESTION))
    assert followup.json["content"] == reply
    logged = "Traceback" in caplog.text and "disk on fire" in caplog.text
    assert logged is isinstance(error, RuntimeError)
