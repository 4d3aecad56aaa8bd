"""One build at a time per index folder: a second builder is refused clearly, and a failed build frees the lock."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import numpy as np
import pytest

import index.store
from bot.service import AnswerService
from index.embed import Embedder
from index.errors import REBUILD_RUNNING, IndexBusyError, IndexDiskFullError
from index.store import build_lock, current_path
from tests.cli_inprocess import run_cli

EXTRA = "date 2024-09-01 The harbour crane was repaired by a team of eleven welders over the weekend.\n"


def test_a_build_while_another_holds_the_lock_is_refused(tiny_index: AnswerService) -> None:
    """While one builder holds the folder's lock, another gets IndexBusyError and the index stays as it was."""
    index_dir = tiny_index.settings.index_dir
    before = current_path(index_dir)
    with build_lock(index_dir), pytest.raises(IndexBusyError, match=re.escape(REBUILD_RUNNING)):
        tiny_index.rebuild()
    assert current_path(index_dir) == before
    assert tiny_index.rebuild().embedded == 0  # the lock is free again


def test_second_cli_build_is_one_clear_line(tiny_index: AnswerService) -> None:
    """`newsbot index build` while another build runs exits 1 with one line saying to wait."""
    settings = tiny_index.settings
    with build_lock(settings.index_dir):
        code, output, errors = run_cli("index", "build", "--articles", str(settings.articles_dir),
                                       "--index", str(settings.index_dir))
    assert code == 1 and output == "" and "Traceback" not in errors
    expected = f"Error: {REBUILD_RUNNING}"
    assert [line for line in errors.splitlines() if "error" in line.lower()] == [expected]


def test_lock_is_released_when_the_holder_fails(tmp_path: Path) -> None:
    """An exception inside the lock releases it."""
    with pytest.raises(RuntimeError), build_lock(tmp_path):
        raise RuntimeError("build failed")
    with build_lock(tmp_path):
        pass


def test_lock_is_released_after_a_failed_build(
    tiny_index: AnswerService, seed_articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build that fails midway frees the lock: the next build goes through and publishes."""
    (seed_articles / "crane.txt").write_text(EXTRA, encoding="utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(index.store.np, "save", _disk_full)
        with pytest.raises(IndexDiskFullError, match="not enough disk space"):
            tiny_index.rebuild()
    summary = tiny_index.rebuild()
    assert summary.added == 1 and "eleven welders" in tiny_index.ask("Who repaired the harbour crane?").answers[0].quote


def _disk_full(*args: object, **kwargs: object) -> None:
    raise OSError(28, "No space left on device")


def test_rebuild_requested_during_a_rebuild_is_refused(
    tiny_index: AnswerService, seed_articles: Path, embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While one rebuild runs, the service's guard refuses another at once, before any work (the bot takes it
    before answering /reindex), and rebuild() itself says one is running."""
    (seed_articles / "crane.txt").write_text(EXTRA, encoding="utf-8")
    embedding, release = threading.Event(), threading.Event()
    encode = embedder.encode

    def held_encode(texts: list[str]) -> np.ndarray:
        embedding.set()
        assert release.wait(30)
        return encode(texts)

    monkeypatch.setattr(embedder, "encode", held_encode)
    first: list[object] = []
    worker = threading.Thread(target=lambda: first.append(tiny_index.rebuild()))
    worker.start()
    try:
        assert embedding.wait(30)
        with pytest.raises(IndexBusyError, match=re.escape(REBUILD_RUNNING)), tiny_index.rebuilding():
            pass
        with pytest.raises(IndexBusyError, match=re.escape(REBUILD_RUNNING)):
            tiny_index.rebuild()
    finally:
        release.set()
        worker.join(60)
    assert len(first) == 1 and first[0].added == 1  # type: ignore[attr-defined]


def test_cli_full_build_reembeds_every_passage(tiny_index: AnswerService) -> None:
    """`index build --full` embeds every passage again; a plain build after it embeds none."""
    opts = ["--articles", str(tiny_index.settings.articles_dir), "--index", str(tiny_index.settings.index_dir)]
    code, output, errors = run_cli("index", "build", "--full", *opts)
    assert code == 0, errors
    passages, embedded = map(int, re.search(r"(\d+) passages \((\d+) embedded\)", output).groups())  # type: ignore[union-attr]
    assert embedded == passages == tiny_index.stats().passages > 0
    code, output, _ = run_cli("index", "build", *opts)
    assert code == 0 and f"{passages} passages (0 embedded)" in output
