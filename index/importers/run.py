"""Import one source: open it, detect its format, parse it, and write its articles all at once or not at all."""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from tqdm import tqdm

from index.errors import SourceError
from index.importers.detect import SNIFF_BYTES, detect
from index.importers.entries import Entry, ImportOptions, Skip
from index.importers.feeds import parse_feed
from index.importers.fetch import fetch, is_url
from index.importers.html_page import parse_page
from index.importers.jsonl import parse_jsonl
from index.importers.markdown import file_name, render
from index.importers.wxr import parse_wxr

log = logging.getLogger(__name__)

_NAME_CHARS = re.compile(r"[^a-z0-9._-]+")


@dataclass
class ImportSummary:
    """What an import did: files written, updated and unchanged, items skipped by reason, sources that failed."""

    written: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    failed: list[str] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.written + self.updated

    def add(self, other: ImportSummary) -> None:
        self.written += other.written
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.skipped.update(other.skipped)
        self.failed.extend(other.failed)

    def line(self) -> str:
        """'import: 3 written, 1 updated, 5 unchanged, 2 skipped (1 draft, 1 private)[; 1 source failed]'."""
        skipped = sum(self.skipped.values())
        text = f"import: {self.written} written, {self.updated} updated, {self.unchanged} unchanged, {skipped} skipped"
        if skipped:
            reasons = sorted(self.skipped.items(), key=lambda kv: (-kv[1], kv[0]))
            text += " (" + ", ".join(f"{n} {reason}" for reason, n in reasons) + ")"
        if self.failed:
            text += f"; {len(self.failed)} source{'s' if len(self.failed) > 1 else ''} failed"
        return text


def source_name(source: str) -> str:
    """The folder (and `source:` value) for a source: a URL's host name, or a file's or folder's name."""
    if is_url(source):
        raw = urlsplit(source).hostname or ""
    else:
        path = Path(source)
        raw = path.name if path.is_dir() else path.stem
    return _NAME_CHARS.sub("-", raw.lower()).strip(".-_") or "import"


def import_source(
    source: str, articles_dir: Path, options: ImportOptions, *, name: str | None = None, progress: bool = True
) -> ImportSummary:
    """Import `source` into `<articles_dir>/<name>/`; a source that fails is listed in the summary, never raised."""
    name = name or source_name(source)
    summary = ImportSummary()
    for label, opener in _files(source, options):
        try:
            with opener() as stream:
                summary.add(_import_stream(stream, label, articles_dir / name, name, options, progress))
        except SourceError as exc:
            log.debug("import of %s failed", label, exc_info=True)
            summary.failed.append(f"{label}: {exc}")
    return summary


def _files(source: str, options: ImportOptions) -> Iterator[tuple[str, Callable[[], IO[bytes]]]]:
    """(label, opener) for each file a source names: the URL, the file, or every visible file in the folder."""
    if is_url(source):
        yield source, lambda: fetch(source, options.timeout)
        return
    path = Path(source)
    if not path.is_dir():
        yield source, lambda: _open(path)
        return
    files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
    for file in files:
        yield str(file), functools.partial(_open, file)
    if not files:
        yield source, _empty_folder


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _open(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise SourceError("no such file or folder") from None
    except OSError as exc:
        raise SourceError(f"cannot read ({exc.strerror or exc})") from None


def _empty_folder() -> IO[bytes]:
    raise SourceError("the folder holds no files")


def _import_stream(
    stream: IO[bytes], label: str, folder: Path, name: str, options: ImportOptions, progress: bool
) -> ImportSummary:
    head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    fmt = detect(head)
    items: Iterable[Entry | Skip]
    if fmt == "wxr":
        items = parse_wxr(stream, options)
    elif fmt == "jsonl":
        items = parse_jsonl(stream, options)
    elif fmt == "feed":
        items = parse_feed(stream.read())
    else:
        items = [parse_page(stream.read(), label)]
    summary = ImportSummary()
    with _Stage(folder, name) as stage:
        for item in tqdm(items, desc=f"Importing {name}", unit=" items", disable=not progress, delay=2):
            if isinstance(item, Skip):
                summary.skipped[item.reason] += 1
            elif not stage.add(item):
                summary.skipped["duplicate guid"] += 1
        stage.commit(summary)
    return summary


class _Stage:
    """Articles written beside the source's folder first and moved in only once the whole source has parsed.

    The staging folder is hidden (a leading dot), so neither an index build nor the folder watcher sees it.
    """

    def __init__(self, folder: Path, source: str) -> None:
        self.folder = folder
        self.source = source
        self.tmp = folder.parent / f".importing-{folder.name}-{uuid.uuid4().hex[:8]}"
        self.names: set[str] = set()

    def __enter__(self) -> _Stage:
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def add(self, entry: Entry) -> bool:
        """Stage an article; False when the source already had one with the same guid."""
        name = file_name(entry.guid)
        if name in self.names:
            return False
        self.names.add(name)
        self.tmp.mkdir(parents=True, exist_ok=True)
        (self.tmp / name).write_bytes(render(entry, self.source).encode("utf-8"))
        return True

    def commit(self, summary: ImportSummary) -> None:
        if self.names:
            self.folder.mkdir(parents=True, exist_ok=True)
        for name in sorted(self.names):
            staged, target = self.tmp / name, self.folder / name
            try:
                old = target.read_bytes()
            except FileNotFoundError:
                old = None
            if old is not None and old == staged.read_bytes():
                summary.unchanged += 1
                continue
            os.replace(staged, target)
            if old is None:
                summary.written += 1
            else:
                summary.updated += 1
