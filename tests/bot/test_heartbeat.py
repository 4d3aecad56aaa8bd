"""The heartbeat file and its check, as plain calls (the running bot: test_discord_editors)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.heartbeat import FILENAME, StaleHeartbeat, age, beat, check

NOW = dt.datetime(2026, 11, 25, 3, 0, tzinfo=dt.UTC)


def test_age_of_a_beat(tmp_path: Path) -> None:
    """The age is the time since the last beat."""
    beat(tmp_path / FILENAME, NOW)
    assert age(tmp_path / FILENAME, NOW + dt.timedelta(seconds=42)) == 42


def test_fresh_beat_passes_and_old_beat_fails(tmp_path: Path) -> None:
    """Older than max_age: the check fails with one line saying how long the bot has been away."""
    beat(tmp_path / FILENAME, NOW)
    assert check(tmp_path / FILENAME, 180, NOW + dt.timedelta(seconds=179)) == 179
    with pytest.raises(StaleHeartbeat, match=r"^the bot has not been connected to Discord for 181 s"):
        check(tmp_path / FILENAME, 180, NOW + dt.timedelta(seconds=181))


@pytest.mark.parametrize(("content", "error"), [(None, "no heartbeat in"), ("{", "is unreadable"),
                                                ('{"connected_at": "soon"}', "is unreadable"),
                                                ("[]", "is unreadable")])
def test_missing_or_damaged_heartbeat_fails(tmp_path: Path, content: str | None, error: str) -> None:
    """No file, or one that is not a heartbeat, fails the check with a one-line reason."""
    if content is not None:
        (tmp_path / FILENAME).write_text(content)
    with pytest.raises(StaleHeartbeat, match=error):
        check(tmp_path / FILENAME, 180, NOW)
