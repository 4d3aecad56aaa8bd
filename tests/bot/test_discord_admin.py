"""/reindex end to end: who may run it, one at a time, and answers keep coming while it runs."""

from __future__ import annotations

from pathlib import Path

from bot.service import AnswerService
from index.errors import REBUILD_RUNNING
from tests.bot.conftest import CHEUNG_QUESTION, BotUp
from tests.fake_discord import EPHEMERAL, MANAGE_GUILD

GARDEN_FACTS = [
    "The Riverside allotment's prize marrow weighed 41 kilograms at the harvest show.",
    "Volunteers planted three hundred apple trees along the old railway embankment.",
    "The seed library lent out more than two thousand packets of beans this spring.",
]


def add_garden_articles(articles: Path, count: int) -> None:
    """New articles for a rebuild to embed, so that it takes a moment."""
    for number in range(count):
        fact = GARDEN_FACTS[number % len(GARDEN_FACTS)]
        body = "\n\n".join(
            f"Gardeners in district {number} met on day {day} to talk about compost, water butts and slugs. {fact}"
            for day in range(12)
        )
        (articles / f"garden-{number:03}.txt").write_text(f"date 2024-10-{number % 28 + 1:02}\n{body}\n")


async def test_reindex_is_refused_without_permission(bot_up: BotUp) -> None:
    """A member without Manage Server or the admin role is refused, ephemerally, and nothing is rebuilt."""
    async with bot_up(admin_role="Editors") as (fake, _):
        refused = await fake.callback(await fake.slash("reindex", who=fake.reporter))
    assert refused.json["type"] == 4 and refused.json["data"]["flags"] == EPHEMERAL
    expected = "Only members with Manage Server or the Editors role can rebuild the index."
    assert refused.json["data"]["content"] == expected


async def test_reindex_runs_for_admins_while_answers_continue(bot_up: BotUp, service: AnswerService) -> None:
    """Manage Server may rebuild; a second request is told one is running; /ask answers meanwhile."""
    add_garden_articles(service.settings.articles_dir, 30)
    async with bot_up() as (fake, _):
        rebuild = await fake.slash("reindex", who=fake.admin, permissions=MANAGE_GUILD)
        second = await fake.slash("reindex", who=fake.admin, permissions=MANAGE_GUILD)
        question = await fake.slash("ask", question=CHEUNG_QUESTION)
        busy = await fake.callback(second)
        answered = await fake.followup(question)
        summary = await fake.followup(rebuild, timeout=30)
        assert fake.requests.index(answered) < fake.requests.index(summary)
        after = await fake.followup(await fake.slash("ask", question="How heavy was the Riverside prize marrow?"))
    assert (await fake.callback(rebuild)).json == {"type": 5, "data": {"flags": EPHEMERAL}}
    assert busy.json["data"]["content"] == REBUILD_RUNNING and busy.json["data"]["flags"] == EPHEMERAL
    assert "Steven Cheung" in answered.json["embeds"][0]["description"]
    assert summary.json["content"].startswith("Index built: 30 added, 0 updated, 0 removed")
    assert "41 kilograms" in after.json["embeds"][0]["description"]


async def test_reindex_runs_for_the_admin_role(bot_up: BotUp) -> None:
    """A member holding the configured role may rebuild without Manage Server."""
    async with bot_up(admin_role="Editors") as (fake, _):
        rebuild = await fake.slash("reindex", who=fake.editor, roles=(fake.editors_role["id"],))
        summary = await fake.followup(rebuild, timeout=30)
    assert summary.json["content"].startswith("Index built: 0 added")
