"""/quotes, /timeline and /ask author: end to end against the fake Discord, over the real answer service."""

from __future__ import annotations

from tests.bot.conftest import BotUp


async def test_quotes_names_the_speaker_of_each_quote(bot_up: BotUp) -> None:
    """/quotes person:Musk lists Musk's words, each source line starting with his name."""
    async with bot_up() as (fake, _):
        interaction = await fake.slash("quotes", person="Musk")
        description = (await fake.followup(interaction)).json["embeds"][0]["description"]
    assert "tough characters" in description and "— Elon Musk, in " in description
    assert "mind their own business" not in description


async def test_timeline_and_author_options(bot_up: BotUp) -> None:
    """/timeline answers in date order; /ask author: with a byline nobody has says so instead of answering."""
    async with bot_up() as (fake, _):
        synced = {c["name"]: c for c in fake.commands[None]}
        assert any(o["name"] == "author" and not o["required"] for o in synced["ask"]["options"])
        timeline = await fake.slash("timeline", topic="the flood meeting")
        embed = (await fake.followup(timeline)).json["embeds"][0]
        assert "2024-09-02" in embed["description"]
        asked = await fake.slash("ask", question="flood", author="Jane Roe")
        description = (await fake.followup(asked)).json["embeds"][0]["description"]
    assert "No article in the archive is by Jane Roe." in description
