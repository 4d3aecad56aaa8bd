"""The running bot's heartbeat: a file refreshed while it is connected to Discord, read by a health check.

`newsbot index status --bot` fails when the file is older than a few minutes, so a container whose bot has
lost Discord (and not got it back) is reported unhealthy and restarted.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

FILENAME = "bot.heartbeat"
INTERVAL = 30.0
MAX_AGE = 180.0


class StaleHeartbeat(Exception):
    """The bot is not running, or has not been connected to Discord lately."""


def beat(path: Path, now: dt.datetime | None = None) -> None:
    """Write the time into `path`, replacing it whole so that a reader never sees half a file."""
    now = now or dt.datetime.now(dt.UTC)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(json.dumps({"connected_at": now.isoformat()}) + "\n", encoding="utf-8")
    os.replace(partial, path)


def age(path: Path, now: dt.datetime | None = None) -> float:
    """Seconds since the last beat in `path`; raise StaleHeartbeat when there is none to read."""
    now = now or dt.datetime.now(dt.UTC)
    try:
        when = dt.datetime.fromisoformat(json.loads(path.read_text(encoding="utf-8"))["connected_at"])
    except FileNotFoundError:
        raise StaleHeartbeat(f"no heartbeat in {path}: the bot is not running, or never reached Discord") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StaleHeartbeat(f"heartbeat file {path} is unreadable ({exc.__class__.__name__})") from None
    return max((now - when).total_seconds(), 0.0)


def check(path: Path, max_age: float = MAX_AGE, now: dt.datetime | None = None) -> float:
    """Return the heartbeat's age, or raise StaleHeartbeat when it is older than `max_age` seconds."""
    seconds = age(path, now)
    if seconds > max_age:
        raise StaleHeartbeat(f"the bot has not been connected to Discord for {seconds:.0f} s (last heartbeat "
                             f"in {path}): see its log")
    return seconds
