"""The channel message that follows a /reindex, as plain text (pure, so it is tested as a plain call).

It is posted when the rebuild starts and edited as the bot (not through the interaction, whose token
expires after 15 minutes), so that a long rebuild still reports its end.
"""

from __future__ import annotations

import datetime as dt

from bot.discord_format import duration, message
from index.models import BuildSummary


def running(started: dt.datetime, elapsed: float, full: bool) -> str:
    what = "Rebuilding the whole index" if full else "Updating the index"
    stamp = int(started.timestamp())
    return (f"🔄 {what} from the articles folder, started <t:{stamp}:t>: {duration(elapsed)} so far. "
            "Answers keep coming from the current index meanwhile.")


def finished(summary: BuildSummary) -> str:
    return message(f"✅ {summary.line()}")


def failed(reason: str) -> str:
    return message(f"❌ The rebuild failed: {reason} The previous index keeps answering.")
