"""The `since:` and `until:` options of /ask: a day written YYYY-MM-DD, checked before anything is searched."""

from __future__ import annotations

import datetime as dt
import re

import discord
from discord import app_commands

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class BadDate(app_commands.CheckFailure):
    """A date option that is not a day, or a range ending before it starts (a check failure: told as it is)."""


def parse_day(option: str, text: str) -> dt.date:
    """Read `text` as YYYY-MM-DD, or raise BadDate naming `option` and the form to write."""
    text = text.strip()
    try:
        if _DAY.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    shown = " ".join(text.split())
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    raise BadDate(f"{option}: “{shown}” is not a date: write it as YYYY-MM-DD, e.g. 2024-08-13.")


def check_range(since: dt.date | None, until: dt.date | None) -> None:
    """Raise BadDate when `since` is after `until`."""
    if since and until and since > until:
        raise BadDate(f"since ({since.isoformat()}) is after until ({until.isoformat()}): swap them.")


class Day(app_commands.Transformer):
    """A string option Discord passes through, turned into a date by `parse_day`."""

    def __init__(self, option: str) -> None:
        self.option = option

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.string

    async def transform(self, interaction: discord.Interaction, value: str) -> dt.date:
        return parse_day(self.option, value)
