"""The fake Discord's rule for deferrals, with a plain discord.py client: the first follow-up of a deferral
replaces its "thinking…" message and keeps the deferral's visibility, as on Discord."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import discord
import pytest

from tests.fake_discord import EPHEMERAL, LOADING, FakeDiscord

Handler = Callable[[discord.Interaction], Awaitable[None]]


async def answered(handler: Handler) -> FakeDiscord:
    """Run `handler` on one slash command dispatched by a fresh fake; return the fake once it has finished."""
    done = asyncio.Event()
    async with (
        FakeDiscord() as fake,
        discord.Client(intents=discord.Intents.default(), guild_ready_timeout=0.1) as client,
    ):

        @client.event
        async def on_interaction(interaction: discord.Interaction) -> None:
            await handler(interaction)
            done.set()

        running = asyncio.create_task(client.start(fake.token))
        await asyncio.wait_for(client.wait_until_ready(), 10)
        fake.commands[None] = [{"id": "1", "name": "x", "type": 1, "options": []}]
        await fake.slash("x")
        await asyncio.wait_for(done.wait(), 10)
        await client.close()
        await running
    return fake


@pytest.mark.parametrize("ephemeral_deferral", [False, True])
async def test_first_followup_keeps_the_deferrals_visibility(ephemeral_deferral: bool) -> None:
    """The first follow-up replaces the thinking message; its own ephemeral flag is ignored."""

    async def handler(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True, ephemeral=ephemeral_deferral)
        await interaction.followup.send("secret", ephemeral=not ephemeral_deferral)

    fake = await answered(handler)
    [message] = fake.messages.values()
    assert message["content"] == "secret" and not message["flags"] & LOADING
    assert bool(message["flags"] & EPHEMERAL) is ephemeral_deferral


async def test_after_an_edit_a_followup_is_its_own_message() -> None:
    """Once the thinking message is edited, a follow-up is a new message with its own visibility."""

    async def handler(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.edit_original_response(content="done")
        await interaction.followup.send("secret", ephemeral=True)
        await interaction.delete_original_response()

    fake = await answered(handler)
    [message] = fake.messages.values()
    assert message["content"] == "secret" and message["flags"] & EPHEMERAL
    assert [m["content"] for m in fake.deleted.values()] == ["done"]
