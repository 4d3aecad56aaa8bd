"""Keep the index fresh while the bot runs: re-index when the articles folder changes, import `sources` on a timer.

Answers keep coming from the live index throughout: `AnswerService.rebuild` builds a new generation beside it
(incrementally, under the index's build lock) and swaps it in when complete. The last and next refresh are
kept in `<index_dir>/refresh.json`, so that `newsbot index status` in another process can show them.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import json
import logging
import os
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from pathlib import Path

from watchfiles import Change, awatch

from bot.service import AnswerService
from index.articles import SUFFIXES
from index.errors import IndexBusyError, NewsIndexError
from index.importers import ImportSummary, import_source

log = logging.getLogger(__name__)

STATE_FILE = "refresh.json"
BUSY_RETRY_SECONDS = 2.0


@dataclass(frozen=True)
class RefreshState:
    """When the running bot last refreshed the index, what that did, and when it next polls its sources."""

    last: dt.datetime | None = None
    last_result: str | None = None
    next: dt.datetime | None = None

    def save(self, index_dir: Path) -> None:
        index_dir.mkdir(parents=True, exist_ok=True)
        tmp = index_dir / f".{STATE_FILE}.tmp"
        data = {"last": _iso(self.last), "last_result": self.last_result, "next": _iso(self.next)}
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, index_dir / STATE_FILE)

    @classmethod
    def load(cls, index_dir: Path) -> RefreshState | None:
        """The saved state, or None when no bot has refreshed this index (or the file is unreadable)."""
        try:
            data = json.loads((index_dir / STATE_FILE).read_text(encoding="utf-8"))
            return cls(_parse(data.get("last")), data.get("last_result"), _parse(data.get("next")))
        except (OSError, ValueError, AttributeError, TypeError):
            return None

    def lines(self) -> dict[str, str]:
        """'Last refresh' and 'Next refresh' as a person reads them."""
        last = "never" if self.last is None else f"{_show(self.last)}" + (
            f" ({self.last_result})" if self.last_result else ""
        )
        return {"Last refresh": last, "Next refresh": _show(self.next) if self.next else "when an article file changes"}


def _iso(when: dt.datetime | None) -> str | None:
    return when.isoformat(timespec="seconds") if when else None


def _parse(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _show(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M:%S UTC")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class ArticleFilter:
    """Watch article files (.txt/.md) and folders, outside hidden folders (an import's staging folder is hidden).

    Folders count because a file created in a brand-new folder can land before the watcher has added that
    folder (inotify watches each folder separately); the build that follows scans everything anyway.
    """

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def __call__(self, change: Change, path: str) -> bool:
        file = Path(path)
        try:
            parts = file.resolve().relative_to(self.root).parts
        except ValueError:
            return False
        if any(part.startswith(".") for part in parts):
            return False
        if file.suffix.lower() in SUFFIXES:
            return True
        return file.is_dir() if change != Change.deleted else not file.suffix


class Refresher:
    """The watcher, the poller and one rebuilder that coalesces their requests."""

    def __init__(self, service: AnswerService) -> None:
        self.service = service
        self.settings = service.settings
        self._wanted = asyncio.Event()
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._watching = asyncio.Event()
        self.state = RefreshState.load(self.settings.index_dir) or RefreshState()

    async def start(self) -> None:
        """Start watching and polling as configured; returns once the watcher is listening."""
        refresh = self.settings.refresh
        self._spawn(self._rebuild_when_wanted)
        if refresh.watch:
            self._spawn(self._watch)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._watching.wait(), 10)
        if self.settings.sources:
            self._spawn(self._poll)
        else:
            self._save(next=None)

    async def stop(self) -> None:
        self._stop.set()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()

    def request_rebuild(self) -> None:
        self._wanted.set()

    def _spawn(self, work: Callable[[], Coroutine[None, None, None]]) -> None:
        self._tasks.append(asyncio.create_task(work(), name=f"refresh: {work.__name__}"))

    async def _rebuild_when_wanted(self) -> None:
        while True:
            await self._wanted.wait()
            self._wanted.clear()
            try:
                summary = await asyncio.to_thread(self.service.rebuild)
            except IndexBusyError:
                # /reindex or `newsbot index build` is writing the index: pick up our changes after it.
                await asyncio.sleep(BUSY_RETRY_SECONDS)
                self._wanted.set()
                continue
            except NewsIndexError as exc:
                log.warning("re-index after a change failed, still serving the previous index: %s", exc)
                continue
            except Exception:
                # Unexpected (a full disk, say): keep serving, and keep this loop alive for the next change.
                log.exception("re-index after a change failed, still serving the previous index")
                continue
            log.info("re-indexed: %s", summary.line())
            self._save(last=_now(), last_result=summary.line())

    async def _watch(self) -> None:
        folder = self.settings.articles_dir
        refresh = self.settings.refresh
        folder.mkdir(parents=True, exist_ok=True)
        log.info("watching %s for new, changed and deleted articles", folder)
        debounce = int(refresh.watch_debounce_seconds * 1000)
        watcher = awatch(folder, watch_filter=ArticleFilter(folder), debounce=debounce, stop_event=self._stop,
                         yield_on_timeout=True, rust_timeout=500)
        try:
            async for changes in watcher:
                self._watching.set()  # the first (empty) timeout shows the watcher is listening
                if changes:
                    log.info("%d article file(s) changed in %s: re-indexing", len(changes), folder)
                    self.request_rebuild()
        except Exception:
            log.exception("stopped watching %s: new articles need /reindex until the bot restarts", folder)

    async def _poll(self) -> None:
        interval = dt.timedelta(minutes=self.settings.refresh.poll_minutes)
        while True:
            try:
                summary = await asyncio.to_thread(self._import_sources)
            except Exception:
                log.exception("importing the sources failed; trying again at the next poll")
                summary = ImportSummary(failed=["unexpected error (see the log)"])
            self._save(last=_now(), last_result=summary.line(), next=_now() + interval)
            if summary.changed:
                self.request_rebuild()
            await asyncio.sleep(interval.total_seconds())

    def _import_sources(self) -> ImportSummary:
        options = self.settings.importing.to_options()
        total = ImportSummary()
        for source in self.settings.sources:
            total.add(import_source(source, self.settings.articles_dir, options, progress=False))
        for line in total.failed:
            log.warning("import failed, retrying at the next poll: %s", line)
        log.info("polled %d source(s): %s", len(self.settings.sources), total.line())
        return total

    def _save(self, **changes: dt.datetime | str | None) -> None:
        self.state = dataclasses.replace(self.state, **changes)  # type: ignore[arg-type]
        try:
            self.state.save(self.settings.index_dir)
        except OSError as exc:
            log.warning("cannot save the refresh state in %s: %s", self.settings.index_dir, exc)
