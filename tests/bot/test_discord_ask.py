"""The real bot, end to end against the fake Discord: login, /ask, mentions, safety and limits."""

from __future__ import annotations

from tests.bot.conftest import CHEUNG_QUESTION, BotUp
from tests.fake_discord import INTENT_MEMBERS, INTENT_MESSAGE_CONTENT, FakeDiscord


async def test_logs_in_and_syncs_commands_globally(bot_up: BotUp) -> None:
    """Login reads the bot and application, then the commands are synced globally with their options."""
    async with bot_up() as (fake, bot):
        paths = [(r.method, r.path) for r in fake.requests]
        assert paths[:2] == [("GET", "/users/@me"), ("GET", "/oauth2/applications/@me")]
        assert ("PUT", f"/applications/{fake.app_id}/commands") in paths
        synced = {c["name"]: c for c in fake.commands[None]}
        assert set(synced) == {"ask", "reindex", "status"}
        top_k = next(o for o in synced["ask"]["options"] if o["name"] == "top_k")
        assert (top_k["min_value"], top_k["max_value"], top_k["required"]) == (1, 10, False)
        assert bot.user is not None and str(bot.user.id) == fake.bot_user["id"]


async def test_ask_defers_then_follows_up_with_a_quote(bot_up: BotUp) -> None:
    """/ask answers the 3-second deadline with a 'thinking' defer, then follows up with the quote."""
    async with bot_up() as (fake, bot):
        interaction = await fake.slash("ask", question=CHEUNG_QUESTION)
        callback = await fake.callback(interaction)
        assert callback.json["type"] == 5
        followup = await fake.followup(interaction)
        embed = followup.json["embeds"][0]
        assert "Steven Cheung" in embed["description"]
        assert "Authorization" not in followup.headers
        assert followup.json["allowed_mentions"]["parse"] == []
