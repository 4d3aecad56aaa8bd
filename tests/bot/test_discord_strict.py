"""The bot against a fake Discord as strict as Discord: every body checked by the spec, deadlines kept."""

from __future__ import annotations

import time
from typing import Any

import pytest

from bot.service import AnswerService
from tests.bot.conftest import CHEUNG_QUESTION, LONG_QUESTION, BotUp
from tests.bot.test_discord_views import MORE, UP, button_id
from tests.fake_discord import MANAGE_GUILD, FakeDiscord
from tests.shared_data import DISCORD_SPEC, require_shared


def slowed(monkeypatch: pytest.MonkeyPatch, service: AnswerService, name: str, seconds: float) -> None:
    """Make `service.<name>` take `seconds` longer, as on a loaded machine."""
    real = getattr(service, name)

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(seconds)
        return real(*args, **kwargs)

    monkeypatch.setattr(service, name, slow)


async def test_every_body_the_bot_sends_is_checked_against_the_spec(bot_up: BotUp) -> None:
    """/ask, a mention, More, a rating, /status and /reindex: each JSON body goes to a route the spec knows, and
    the spec accepts it (bot_up fails the test on any refused body)."""
    require_shared(DISCORD_SPEC)
    async with bot_up() as (fake, _):
        assert fake.spec is not None
        answer = await fake.followup(await fake.slash("ask", question=LONG_QUESTION, top_k=2))
        message = fake.messages[answer.response["id"]]
        await fake.followup(await fake.click(message, button_id(message, MORE)))
        await fake.callback(await fake.click(message, button_id(message, UP)))
        await fake.reply(await fake.send_message(f"{fake.mention()} {CHEUNG_QUESTION}", mentions=(fake.bot_user,)))
        await fake.callback(await fake.slash("status"))
        await fake.followup(await fake.slash("reindex", who=fake.admin, permissions=MANAGE_GUILD), timeout=30)
    sent = [r for r in fake.requests if r.json is not None]
    kinds = {(r.method, r.path.split("/")[1]) for r in sent}
    assert {("PUT", "applications"), ("POST", "interactions"), ("POST", "webhooks"), ("POST", "channels")} <= kinds
    assert [(r.method, r.path) for r in sent if not fake.spec.knows(r.method, r.path)] == []
    assert fake.invalid_requests == []


@pytest.mark.parametrize("surface", ["ask", "more", "reindex"])
async def test_slow_work_still_meets_the_acknowledgement_deadline(
    bot_up: BotUp, service: AnswerService, monkeypatch: pytest.MonkeyPatch, surface: str
) -> None:
    """With searches and rebuilds slower than the deadline, the bot acknowledges first and answers after."""
    fake = FakeDiscord(ack_deadline=0.5)
    async with bot_up(fake=fake):
        if surface == "more":
            first = await fake.followup(await fake.slash("ask", question=LONG_QUESTION, top_k=2))
            slowed(monkeypatch, service, "ask", 1.0)
            message = fake.messages[first.response["id"]]
            interaction = await fake.click(message, button_id(message, MORE))
        else:
            slowed(monkeypatch, service, "rebuild" if surface == "reindex" else "ask", 1.0)
            options: dict[str, Any] = {"who": fake.admin, "permissions": MANAGE_GUILD} if surface == "reindex" else {
                "question": CHEUNG_QUESTION}
            interaction = await fake.slash(surface, **options)
        answered = await fake.followup(interaction, timeout=20)
    callbacks = [r for r in fake.requests if r.path == interaction.callback_path]
    assert [r.status for r in callbacks] == [200]
    assert answered.json.get("embeds") or answered.json["content"].startswith("Index built")
