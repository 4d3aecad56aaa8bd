"""/reindex end to end: who may run it and where, what a refusal leaves, failures after the deferral, `full:`,
and a CLI build meanwhile."""

from __future__ import annotations

import asyncio
import re
import threading
from pathlib import Path

import numpy as np
import pytest

from bot.service import AnswerService
from index.errors import REBUILD_RUNNING
from index.store import build_lock, current_path
from tests.bot.conftest import BotUp
from tests.cli_inprocess import run_cli
from tests.fake_discord import ADMINISTRATOR, EPHEMERAL, MANAGE_GUILD, FakeDiscord, Recorded

SUMMARY = re.compile(r"Index built: .* (\d+) passages \((\d+) embedded\)")


def generation(service: AnswerService) -> Path:
    return current_path(service.settings.index_dir)


def assert_private(reply: Recorded, *fragments: str) -> None:
    """A refusal: an immediate ephemeral message (type 4) containing each fragment."""
    assert reply.json["type"] == 4 and reply.json["data"]["flags"] & EPHEMERAL
    for fragment in fragments:
        assert fragment in reply.json["data"]["content"]


async def test_administrator_bit_may_rebuild(bot_up: BotUp) -> None:
    """Administrator alone (no Manage Server, no role) may rebuild."""
    async with bot_up(admin_role="Editors") as (fake, _):
        summary = await fake.followup(await fake.slash("reindex", who=fake.owner, permissions=ADMINISTRATOR))
    assert SUMMARY.match(summary.json["content"]) and summary.json["flags"] & EPHEMERAL


@pytest.mark.parametrize("case", ["no-permission", "role-not-configured", "other-channel"])
async def test_refusal_is_private_and_leaves_the_index_unchanged(
    bot_up: BotUp, service: AnswerService, case: str
) -> None:
    """Refused rebuilds are told privately and publish no new generation."""
    before = generation(service)
    fake = FakeDiscord()
    if case == "no-permission":  # a member with neither Manage Server nor the configured role
        async with bot_up(fake=fake, admin_role="Editors"):
            reply = await fake.callback(await fake.slash("reindex", who=fake.reporter))
        assert_private(reply, "Manage Server", "Editors")
    elif case == "role-not-configured":  # holding a role called "Editors" means nothing when none is configured
        async with bot_up(fake=fake):
            reply = await fake.callback(await fake.slash("reindex", who=fake.editor, roles=(fake.editors_role["id"],)))
        assert_private(reply, "Manage Server")
        assert "role" not in reply.json["data"]["content"]
    else:  # an admin, but outside the channels the bot answers in
        async with bot_up(fake=fake, channels=[int(fake.channel_id)]):
            reply = await fake.callback(await fake.slash("reindex", who=fake.admin, permissions=MANAGE_GUILD,
                                                         channel_id=fake.other_channel_id))
        assert_private(reply, f"<#{fake.channel_id}>")
    assert generation(service) == before
    assert not [r for r in fake.requests if r.path.startswith("/webhooks/")]  # no follow-up: nothing was run


async def test_reindex_is_not_offered_in_direct_messages(bot_up: BotUp) -> None:
    """/reindex is registered guild-only, so Discord does not offer it in a DM; /status stays available there."""
    async with bot_up() as (fake, _):
        with pytest.raises(LookupError, match="not offered in direct messages"):
            await fake.slash("reindex", who=fake.admin, dm=True)
        status = await fake.callback(await fake.slash("status", dm=True))
    assert status.json["data"]["embeds"]


async def test_failure_after_the_deferral_is_told_and_frees_the_command(
    bot_up: BotUp, service: AnswerService
) -> None:
    """A build refused after the 'thinking' deferral (another builder holds the lock) is told privately in the
    follow-up; the index is unchanged and the next /reindex runs."""
    before = generation(service)
    async with bot_up() as (fake, _):
        with build_lock(service.settings.index_dir):
            failed = await fake.slash("reindex", who=fake.admin, permissions=MANAGE_GUILD)
            told = await fake.followup(failed)
        assert (await fake.callback(failed)).json == {"type": 5, "data": {"flags": EPHEMERAL}}
        assert generation(service) == before
        summary = await fake.followup(await fake.slash("reindex", who=fake.admin, permissions=MANAGE_GUILD))
    assert told.json["flags"] & EPHEMERAL
    assert told.json["content"] == REBUILD_RUNNING
    assert SUMMARY.match(summary.json["content"]) and generation(service) != before


async def test_full_reindex_reembeds_every_passage(bot_up: BotUp) -> None:
    """`/reindex full: True` embeds every passage again; a plain /reindex after it embeds none."""
    async with bot_up() as (fake, _):
        full = await fake.followup(await fake.slash("reindex", who=fake.admin, permissions=MANAGE_GUILD, full=True),
                                   timeout=30)
        plain = await fake.followup(await fake.slash("reindex", who=fake.admin, permissions=MANAGE_GUILD))
    passages, embedded = map(int, SUMMARY.match(full.json["content"]).groups())  # type: ignore[union-attr]
    assert embedded == passages > 0
    assert SUMMARY.match(plain.json["content"]).groups() == (str(passages), "0")  # type: ignore[union-attr]


async def test_cli_build_during_reindex_is_refused(
    bot_up: BotUp, service: AnswerService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While /reindex is embedding, `newsbot index build` on the same folder exits 1 with one line; then
    /reindex finishes with its summary."""
    articles = service.settings.articles_dir
    (articles / "crane.txt").write_text("date 2024-09-01 Eleven welders repaired the harbour crane.\n")
    embedding, release = threading.Event(), threading.Event()
    encode = service.embedder.encode

    def held_encode(texts: list[str]) -> np.ndarray:
        embedding.set()
        release.wait(30)
        return encode(texts)

    monkeypatch.setattr(service.embedder, "encode", held_encode)
    try:
        async with bot_up() as (fake, _):
            rebuild = await fake.slash("reindex", who=fake.admin, permissions=MANAGE_GUILD)
            assert await asyncio.to_thread(embedding.wait, 20)
            code, output, errors = await asyncio.to_thread(
                run_cli, "index", "build", "--articles", str(articles), "--index", str(service.settings.index_dir)
            )
            release.set()
            summary = await fake.followup(rebuild, timeout=30)
    finally:
        release.set()
        (articles / "crane.txt").unlink()
    assert code == 1 and output == ""
    assert errors.strip().endswith(f"Error: {REBUILD_RUNNING}")
    assert summary.json["content"].startswith("Index built: 1 added")
