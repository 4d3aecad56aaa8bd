"""The fake Discord refuses what Discord refuses, with Discord's status codes and error codes.

Requests are made with plain aiohttp (and a plain discord.py client where an interaction is needed), so each
rule is seen on the wire exactly as the bot would meet it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import discord
import pytest

from tests.fake_discord import (
    ALREADY_ACKNOWLEDGED,
    INVALID_WEBHOOK_TOKEN,
    UNKNOWN_CHANNEL,
    UNKNOWN_INTERACTION,
    UNKNOWN_WEBHOOK,
    FakeDiscord,
    SentInteraction,
    snowflake,
)
from tests.fake_discord_rules import EMPTY_MESSAGE
from tests.fake_discord_spec import INVALID_FORM_BODY
from tests.shared_data import DISCORD_SPEC, require_shared


async def call(fake: FakeDiscord, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    """One REST request as the bot would make it (with its token); returns the status and the JSON answer."""
    headers = {"Authorization": f"Bot {fake.token}"}
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, fake.api_url + path, json=body, headers=headers) as response,
    ):
        answer = await response.json() if response.content_type == "application/json" else None
        return response.status, answer


@contextlib.asynccontextmanager
async def connected(**options: Any) -> AsyncIterator[FakeDiscord]:
    """A fake Discord with a plain discord.py client logged in, so that interactions can be dispatched."""
    async with (
        FakeDiscord(**options) as fake,
        discord.Client(intents=discord.Intents.none(), guild_ready_timeout=0.1) as client,
    ):
        running = asyncio.create_task(client.start(fake.token))
        await asyncio.wait_for(client.wait_until_ready(), 10)
        try:
            yield fake
        finally:
            await client.close()
            await running


async def clicked(fake: FakeDiscord) -> SentInteraction:
    """An interaction to answer: a click on a message posted in the channel."""
    status, message = await call(fake, "POST", f"/channels/{fake.channel_id}/messages", {"content": "hi"})
    assert status == 200
    return await fake.click(message, "some:button")


def first_error(errors: dict[str, Any], *path: str) -> dict[str, str]:
    node = errors
    for key in path:
        node = node[key]
    return node["_errors"][0]


@pytest.fixture
def spec() -> None:
    require_shared(DISCORD_SPEC)


# ---- bodies --------------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("spec")
@pytest.mark.parametrize(
    ("body", "where", "code"),
    [
        ({"embeds": [{"title": "t" * 257}]}, ("embeds", "0", "title"), "BASE_TYPE_MAX_LENGTH"),
        ({"embeds": [{"description": "d" * 4097}]}, ("embeds", "0", "description"), "BASE_TYPE_MAX_LENGTH"),
        ({"embeds": [{"description": "x", "fields": [{"name": "n", "value": "v"}] * 26}]}, ("embeds", "0", "fields"),
         "BASE_TYPE_MAX_LENGTH"),
        ({"embeds": [{"fields": [{"name": "n"}]}]}, ("embeds", "0", "fields", "0", "value"), "BASE_TYPE_REQUIRED"),
        ({"content": "x", "components": [{"type": 1, "components": [{"type": 2, "style": 1, "custom_id": "c" * 101}]}]},
         ("components", "0", "components", "0", "custom_id"), "BASE_TYPE_MAX_LENGTH"),
        ({"content": "x", "components": [{"type": 1, "components": [
            {"type": 2, "style": 1, "custom_id": str(n)} for n in range(6)]}]},
         ("components", "0", "components"), "BASE_TYPE_MAX_LENGTH"),
        ({"content": "x", "allowed_mentions": {"parse": ["everybody"]}}, ("allowed_mentions", "parse", "0"),
         "BASE_TYPE_CHOICES"),
    ],
    ids=["title", "description", "fields", "field-value", "custom-id", "buttons-per-row", "allowed-mentions"],
)
async def test_spec_refuses_a_body_with_invalid_form_body(body: dict, where: tuple[str, ...], code: str) -> None:
    """A body Discord's OpenAPI spec refuses gets 400, code 50035, and the error under the offending field."""
    async with FakeDiscord() as fake:
        status, answer = await call(fake, "POST", f"/channels/{fake.channel_id}/messages", body)
    assert (status, answer["code"], answer["message"]) == (400, INVALID_FORM_BODY, "Invalid Form Body")
    assert first_error(answer["errors"], *where)["code"] == code
    assert fake.invalid_requests and not fake.messages


@pytest.mark.usefixtures("spec")
async def test_spec_accepts_integer_snowflakes() -> None:
    """discord.py sends ids as integers, which Discord accepts though its spec types them as strings."""
    async with FakeDiscord() as fake:
        status, first = await call(fake, "POST", f"/channels/{fake.channel_id}/messages", {"content": "a"})
        reply = {"content": "b", "message_reference": {"message_id": int(first["id"]), "fail_if_not_exists": True},
                 "allowed_mentions": {"parse": [], "users": [int(fake.reporter["id"])]}}
        status, _ = await call(fake, "POST", f"/channels/{fake.channel_id}/messages", reply)
    assert status == 200 and fake.invalid_requests == []


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [({"content": "x" * 2001}, "content", "BASE_TYPE_MAX_LENGTH"),
     ({"embeds": [{"description": "d" * 4000}, {"description": "d" * 2001}]}, "embeds", "MAX_EMBED_SIZE_EXCEEDED")],
    ids=["content", "embeds-total"],
)
async def test_discord_rules_beyond_the_spec(body: dict, field: str, code: str) -> None:
    """2,000 characters of content and 6,000 over all embeds: refused with 50035 even where the spec allows it."""
    async with FakeDiscord() as fake:
        status, answer = await call(fake, "POST", f"/channels/{fake.channel_id}/messages", body)
    assert (status, answer["code"]) == (400, INVALID_FORM_BODY)
    assert first_error(answer["errors"], field)["code"] == code


async def test_empty_message_is_refused() -> None:
    """A message with nothing in it gets 400 and code 50006."""
    async with FakeDiscord() as fake:
        status, answer = await call(fake, "POST", f"/channels/{fake.channel_id}/messages", {"content": ""})
    assert (status, answer["code"]) == (400, EMPTY_MESSAGE)


@pytest.mark.parametrize(
    ("command", "where"),
    [
        ({"name": "Ask", "description": "Ask a question", "type": 1}, ("0", "name")),
        ({"name": "ask", "description": "", "type": 1}, ("0", "description")),
        ({"name": "ask", "description": "Ask", "type": 1, "options": [
            {"type": 3, "name": "a", "description": "A"}, {"type": 3, "name": "b", "description": "B", "required": True}
        ]}, ("0", "options", "1", "required")),
        ({"name": "ask", "description": "Ask", "type": 1, "options": [
            {"type": 3, "name": "a", "description": "A"}, {"type": 4, "name": "a", "description": "A again"}
        ]}, ("0", "options", "1", "name")),
    ],
    ids=["upper-case-name", "no-description", "required-after-optional", "duplicate-option"],
)
async def test_command_sync_is_checked(command: dict, where: tuple[str, ...]) -> None:
    """A command Discord would refuse at sync gets 50035 and is not registered."""
    async with FakeDiscord() as fake:
        status, answer = await call(fake, "PUT", f"/applications/{fake.app_id}/commands", [command])
    assert (status, answer["code"]) == (400, INVALID_FORM_BODY)
    assert first_error(answer["errors"], *where)
    assert fake.commands == {}


@pytest.mark.usefixtures("spec")
async def test_command_sync_is_checked_against_the_spec() -> None:
    """An option without a description (required by the spec) is refused at sync."""
    command = {"name": "ask", "description": "Ask", "type": 1, "options": [{"type": 3, "name": "question"}]}
    async with FakeDiscord() as fake:
        status, answer = await call(fake, "PUT", f"/applications/{fake.app_id}/commands", [command])
    assert (status, answer["code"]) == (400, INVALID_FORM_BODY)
    assert first_error(answer["errors"], "0", "options", "0", "description")["code"] == "BASE_TYPE_REQUIRED"


# ---- interactions and channels ----------------------------------------------------------------------------


async def test_acknowledgement_after_three_seconds_is_unknown_interaction() -> None:
    """A first response later than 3 s is answered 404 Unknown interaction (10062)."""
    async with connected() as fake:
        interaction = await clicked(fake)
        fake.advance(3.1)
        status, answer = await call(fake, "POST", interaction.callback_path, {"type": 6})
    assert (status, answer["code"]) == (404, UNKNOWN_INTERACTION)


async def test_second_acknowledgement_is_refused() -> None:
    """An interaction is acknowledged once; the second response gets 400 and code 40060."""
    async with connected() as fake:
        interaction = await clicked(fake)
        first, _ = await call(fake, "POST", interaction.callback_path, {"type": 6})
        second, answer = await call(fake, "POST", interaction.callback_path, {"type": 4, "data": {"content": "x"}})
    assert (first, second, answer["code"]) == (200, 400, ALREADY_ACKNOWLEDGED)


async def test_follow_up_after_fifteen_minutes_is_refused() -> None:
    """The interaction token lives 15 minutes: a later follow-up or edit gets 401 Invalid Webhook Token (50027)."""
    async with connected() as fake:
        interaction = await clicked(fake)
        await call(fake, "POST", interaction.callback_path, {"type": 5})
        in_time, _ = await call(fake, "POST", interaction.webhook_path, {"content": "in time"})
        fake.advance(15 * 60 + 1)
        late, answer = await call(fake, "POST", interaction.webhook_path, {"content": "too late"})
        edit, _ = await call(fake, "PATCH", interaction.webhook_path + "/messages/@original", {"content": "late"})
    assert (in_time, late, answer["code"], edit) == (200, 401, INVALID_WEBHOOK_TOKEN, 401)


async def test_unknown_interaction_and_webhook_are_404_json() -> None:
    """Unknown tokens are Discord's 404 errors (10062, 10015), never a crash of the fake (500)."""
    async with FakeDiscord() as fake:
        stranger = SentInteraction(snowflake(), "itok.unknown", fake.app_id)
        callback = await call(fake, "POST", stranger.callback_path, {"type": 5})
        followup = await call(fake, "POST", stranger.webhook_path, {"content": "x"})
        edit = await call(fake, "PATCH", stranger.webhook_path + "/messages/@original", {"content": "x"})
    assert [(status, answer["code"]) for status, answer in (callback, followup, edit)] == [
        (404, UNKNOWN_INTERACTION), (404, UNKNOWN_WEBHOOK), (404, UNKNOWN_WEBHOOK)
    ]


async def test_follow_up_before_acknowledgement_is_unknown_webhook() -> None:
    """A follow-up to an interaction that was never acknowledged has no webhook yet: 404, code 10015."""
    async with connected() as fake:
        interaction = await clicked(fake)
        status, answer = await call(fake, "POST", interaction.webhook_path, {"content": "x"})
    assert (status, answer["code"]) == (404, UNKNOWN_WEBHOOK)


@pytest.mark.parametrize(("method", "suffix"), [("POST", "/messages"), ("POST", "/typing"),
                                                 ("PATCH", "/messages/123")])
async def test_unknown_channel_is_404(method: str, suffix: str) -> None:
    """Posting, typing or editing in a channel the guild does not have gets 404 Unknown Channel (10003)."""
    async with FakeDiscord() as fake:
        status, answer = await call(fake, method, f"/channels/{snowflake()}{suffix}", {"content": "x"})
    assert (status, answer["code"]) == (404, UNKNOWN_CHANNEL)


async def test_slash_is_typed_from_the_synced_command() -> None:
    """As Discord's client, the fake refuses an unknown option, a missing required one and an out-of-range value."""
    command = {"name": "ask", "description": "Ask", "type": 1, "dm_permission": False, "options": [
        {"type": 3, "name": "question", "description": "Q", "required": True, "max_length": 10},
        {"type": 4, "name": "top_k", "description": "K", "min_value": 1, "max_value": 5},
    ]}
    async with connected() as fake:
        status, _ = await call(fake, "PUT", f"/applications/{fake.app_id}/commands", [command])
        assert status == 200
        with pytest.raises(LookupError, match="no option 'colour'"):
            await fake.slash("ask", question="Who?", colour="red")
        with pytest.raises(ValueError, match="needs option"):
            await fake.slash("ask", top_k=2)
        with pytest.raises(ValueError, match="within"):
            await fake.slash("ask", question="Who?", top_k=6)
        with pytest.raises(ValueError, match="within"):
            await fake.slash("ask", question="Who is it, then?")
        with pytest.raises(LookupError, match="not offered in direct messages"):
            await fake.slash("ask", question="Who?", dm=True)
        sent = await fake.slash("ask", question="Who?", top_k=5)
    assert sent.id
