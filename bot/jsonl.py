"""Append-only JSON-lines files in the index folder, rotated by size and read back oldest first."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
KEEP = 5


class JsonLines:
    """One JSON object a line; past `max_bytes` the file becomes `<name>.1` (`.1` becomes `.2`, ...), `keep` kept."""

    def __init__(self, path: Path, *, max_bytes: int = MAX_BYTES, keep: int = KEEP) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.keep = max(keep, 1)
        self._lock = threading.Lock()  # appends from several worker threads never interleave

    async def append(self, entry: Mapping[str, Any]) -> None:
        """Append `entry` from a worker thread, so that disk I/O never blocks the event loop."""
        await asyncio.to_thread(self.append_now, entry)

    def append_now(self, entry: Mapping[str, Any]) -> None:
        line = (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8")
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            size = self.path.stat().st_size if self.path.exists() else 0
            if size and size + len(line) > self.max_bytes:
                self._rotate()
            with self.path.open("ab") as out:
                out.write(line)

    def _rotate(self) -> None:
        for number in range(self.keep - 1, 0, -1):  # the oldest copy, `.keep`, is overwritten
            older = rotated(self.path, number)
            if older.exists():
                os.replace(older, rotated(self.path, number + 1))
        os.replace(self.path, rotated(self.path, 1))


def rotated(path: Path, number: int) -> Path:
    return path.with_name(f"{path.name}.{number}")


def read_entries(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the objects of `path` and its rotated copies, oldest first; a damaged line is skipped with a warning."""
    numbers = sorted((int(p.name.rsplit(".", 1)[1]) for p in path.parent.glob(f"{path.name}.*")
                      if p.name.rsplit(".", 1)[1].isdigit()), reverse=True)
    for file in [*(rotated(path, n) for n in numbers), path]:
        if not file.is_file():
            continue
        with file.open("rb") as lines:
            for number, raw in enumerate(lines, 1):
                try:
                    entry = json.loads(raw)
                except (ValueError, UnicodeDecodeError):
                    entry = None
                if isinstance(entry, dict):
                    yield entry
                elif raw.strip():
                    log.warning("%s line %d is not a JSON object: skipped", file, number)
