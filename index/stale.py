"""Tell whether an article file changed since it was indexed, so an answer can say its offsets may be off."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path


class ChangedFiles:
    """Compare article files with their indexed sha256; a file is re-hashed only when its size or mtime moved."""

    def __init__(self, articles_dir: Path | None) -> None:
        self._root = articles_dir
        self._seen: dict[str, tuple[tuple[int, int], str]] = {}
        self._lock = threading.Lock()

    def changed(self, rel_path: str, indexed_hash: str) -> bool:
        """True when the file at `rel_path` is gone or no longer hashes to `indexed_hash`."""
        if self._root is None:
            return False  # an index built before articles_dir was recorded cannot tell
        path = self._root / rel_path
        try:
            info = os.stat(path)
            key = (info.st_size, info.st_mtime_ns)
            with self._lock:
                seen = self._seen.get(rel_path)
            if seen is None or seen[0] != key:
                seen = (key, hashlib.sha256(path.read_bytes()).hexdigest())
                with self._lock:
                    self._seen[rel_path] = seen
        except OSError:
            return True
        return seen[1] != indexed_hash
