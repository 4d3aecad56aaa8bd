"""The fake Discord itself, with a plain discord.py client: parts of the protocol the bot does not use yet."""

from __future__ import annotations

import asyncio

import discord
import pytest

from tests.fake_discord import EPHEMERAL, FakeDiscord


class MoreButton(discord.ui.View):
    @discord.ui.button(label="More", custom_id="more")
    async def more(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.send_message(f"more for {interaction.user.name}", ephemeral=True)


async def test_button_click_reaches_the_view_and_is_answered() -> None:
    """A click dispatched by the fake reaches the view of the clicked message, and its reply is recorded."""
    async with (
        FakeDiscord() as fake,
        discord.Client(intents=discord.Intents.default(), guild_ready_timeout=0.1) as client,
    ):
        running = asyncio.create_task(client.start(fake.token))
        await asyncio.wait_for(client.wait_until_ready(), 10)
        channel = client.get_channel(int(fake.channel_id))
        assert isinstance(channel, discord.TextChannel)
        sent = await channel.send("an answer", view=MoreButton())
        click = await fake.click(fake.messages[str(sent.id)], "more", who=fake.editor)
        callback = await fake.callback(click)
        await client.close()
        await running
    posted = next(r for r in fake.requests if r.path == f"/channels/{fake.channel_id}/messages")
    assert posted.json["components"][0]["components"][0]["custom_id"] == "more"
    assert callback.json["data"]["content"] == "more for editor" and callback.json["data"]["flags"] == EPHEMERAL


async def test_bad_token_is_rejected_at_login() -> None:
    """GET /users/@me answers 401 to a wrong token, which discord.py reports as LoginFailure."""
    async with FakeDiscord() as fake, discord.Client(intents=discord.Intents.none()) as client:
        with pytest.raises(discord.LoginFailure):
            await client.login("wrong")
    assert [(r.path, r.status) for r in fake.requests] == [("/users/@me", 401)]
