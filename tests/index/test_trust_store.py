"""The index on disk tells the truth about its health, keeps no stray links and is private (issue 9)."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import faiss
import numpy as np
import pytest

import index.store
from bot.service import AnswerService
from index.ann import AnnSettings
from index.errors import IndexCorruptError, NewsIndexError
from index.store import current_path, load_index, verify


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _flip_last_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))


def _first_bm25_file(folder: Path) -> Path:
    return sorted(p for p in (folder / "bm25").iterdir() if p.is_file())[0]


DAMAGE: dict[str, Callable[[Path], None]] = {
    "ann.faiss truncated": lambda folder: _truncate(folder / "ann.faiss"),
    "ann.faiss garbled": lambda folder: _flip_last_byte(folder / "ann.faiss"),
    "bm25 file missing": lambda folder: _first_bm25_file(folder).unlink(),
    "passages garbled": lambda folder: _flip_last_byte(folder / "passages.txt"),
    "passages truncated": lambda folder: _truncate(folder / "passages.npy"),
    "quotations garbled": lambda folder: _flip_last_byte(folder / "quotations.jsonl"),
    "quotations missing": lambda folder: (folder / "quotations.jsonl").unlink(),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_status_finds_a_damaged_file(tiny_index: AnswerService, damage: str) -> None:
    """Each damaged or missing index file makes verify fail with one line naming the file."""
    folder = current_path(tiny_index.settings.index_dir)
    assert verify(tiny_index.settings.index_dir, tiny_index.embedder.model_id).articles == 1
    DAMAGE[damage](folder)
    with pytest.raises(IndexCorruptError) as found:
        verify(tiny_index.settings.index_dir, tiny_index.embedder.model_id)
    message = str(found.value)
    assert "\n" not in message and "index build" in message
    assert ("bm25" if "bm25" in damage else damage.split()[0]) in message


@pytest.mark.parametrize(
    "damage",
    [lambda folder: _truncate(folder / "ann.faiss"),
     lambda folder: _truncate(folder / "bm25" / "data.csc.index.npy"),
     lambda folder: _truncate(folder / "bm25" / "indptr.csc.index.npy"),
     lambda folder: _truncate(folder / "passages.txt"),
     lambda folder: _truncate(folder / "passages.npy")],
    ids=["ann.faiss", "bm25 data", "bm25 indptr", "passages.txt", "passages.npy"],
)  # fmt: skip
def test_a_truncated_mapped_file_is_a_one_line_error_at_load(
    tiny_index: AnswerService, damage: Callable[[Path], None]
) -> None:
    """The FAISS index and the BM25 matrix are memory-mapped at load: a truncated one still raises, never crashes."""
    index_dir = tiny_index.settings.index_dir
    model = tiny_index.embedder
    assert load_index(index_dir, model.model_id, model.dimension, AnnSettings()).ann.ntotal > 0
    damage(current_path(index_dir))
    with pytest.raises(IndexCorruptError) as found:
        load_index(index_dir, model.model_id, model.dimension, AnnSettings())
    assert "\n" not in str(found.value) and "index build --full" in str(found.value)


def test_status_reads_the_faiss_header(tiny_index: AnswerService) -> None:
    """A FAISS file holding other vectors than the manifest counts is caught, even with matching checksums."""
    index_dir = tiny_index.settings.index_dir
    folder = current_path(index_dir)
    passages = verify(index_dir, tiny_index.embedder.model_id).passages
    ann = faiss.IndexFlatIP(384)
    ann.add(np.eye(384, dtype=np.float32)[:3])
    faiss.write_index(ann, str(folder / "ann.faiss"))
    manifest = json.loads((folder / "manifest.json").read_text())
    data = (folder / "ann.faiss").read_bytes()
    manifest["files"]["ann.faiss"] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexCorruptError, match=f"ann.faiss holds 3 vectors, not {passages}"):
        verify(index_dir, tiny_index.embedder.model_id)


def test_status_counts_the_files_the_last_build_skipped(tiny_index: AnswerService, seed_articles: Path) -> None:
    """The skipped files of the last build are recorded and reported by status."""
    (seed_articles / "empty.txt").write_bytes(b"")
    (seed_articles / "binary.txt").write_bytes(b"\x00\x01")
    tiny_index.rebuild()
    assert verify(tiny_index.settings.index_dir, tiny_index.embedder.model_id).skipped == 2


def test_swap_interrupted_before_the_rename_leaves_no_dangling_link(
    tiny_index: AnswerService, seed_articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build killed between linking and swapping leaves `.current.<generation>`; the next build removes it."""
    index_dir = tiny_index.settings.index_dir
    (seed_articles / "ferry.txt").write_text("date 2024-06-01\n\nThe harbour ferry was repainted.\n")

    def killed(src: object, dst: object) -> None:
        raise KeyboardInterrupt  # stands in for SIGKILL: nothing after this point runs

    with monkeypatch.context() as patch:
        patch.setattr(index.store.os, "replace", killed)
        with pytest.raises(KeyboardInterrupt):
            tiny_index.rebuild()
    # What SIGKILL leaves: the temporary link of a generation that was never swapped in.
    (index_dir / ".current.20240101T000000-deadbeef").symlink_to("generations/20240101T000000-deadbeef")
    tiny_index.rebuild()
    assert [p.name for p in index_dir.iterdir() if p.name.startswith(".current.")] == []
    assert all((p / "manifest.json").is_file() for p in (index_dir / "generations").iterdir())


def _modes(index_dir: Path) -> dict[str, int]:
    folder = current_path(index_dir)
    paths = [index_dir, index_dir / "generations", folder, *folder.rglob("*")]
    return {p.relative_to(index_dir).as_posix() or ".": stat.S_IMODE(p.stat().st_mode) for p in paths}


def test_index_is_private_by_default(tiny_index: AnswerService) -> None:
    """The index folders are 0700 and its files 0600: passages.txt holds every article's full text."""
    modes = _modes(tiny_index.settings.index_dir)
    assert modes["."] == 0o700
    for name, mode in modes.items():
        is_dir = (tiny_index.settings.index_dir / name).is_dir()
        assert mode == (0o700 if is_dir else 0o600), (name, oct(mode))


def test_private_false_leaves_permissions_to_the_umask(tiny_index: AnswerService) -> None:
    """With index.private false, a build creates files as the umask says (other local users may read them)."""
    settings = tiny_index.settings
    relaxed = settings.model_copy(update={"index": settings.index.model_copy(update={"private": False})})
    settings.index_dir.chmod(0o755)
    AnswerService(relaxed, embedder=tiny_index.embedder, progress=False).rebuild(full=True)
    umask = os.umask(0)
    os.umask(umask)
    passages = current_path(settings.index_dir) / "passages.txt"
    assert stat.S_IMODE(settings.index_dir.stat().st_mode) == 0o755
    assert stat.S_IMODE(passages.stat().st_mode) == 0o666 & ~umask


def test_disk_full_during_a_build_is_one_line_with_the_space_needed(
    tiny_index: AnswerService, seed_articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FAISS failing to write for lack of space gives one line naming the index folder and the space needed."""
    index_dir = tiny_index.settings.index_dir
    before = current_path(index_dir)
    (seed_articles / "ferry.txt").write_text("date 2024-06-01\n\nThe harbour ferry was repainted.\n")

    free = iter([10**9])  # room when the build starts; then the disk fills up

    def no_space(index: object, path: str) -> None:
        # What faiss raises when fwrite comes up short on a full disk (measured on a 40 KiB tmpfs).
        raise RuntimeError(
            "Error in void faiss::write_index(const Index*, IOWriter*, int) at index_write.cpp:499: "
            f"Error: 'ret == (size * 4)' failed: write error in {path}: 4051 != 291"
        )

    monkeypatch.setattr(index.store.shutil, "disk_usage", lambda path: SimpleNamespace(free=next(free, 4096)))
    monkeypatch.setattr(index.store.faiss, "write_index", no_space)
    with pytest.raises(NewsIndexError) as full:
        tiny_index.rebuild()
    message = str(full.value)
    assert "\n" not in message and str(index_dir) in message and "needs about" in message and "faiss" not in message
    assert current_path(index_dir) == before
    assert [p.name for p in (index_dir / "generations").iterdir()] == [before.name]


def test_too_little_free_space_is_refused_before_writing(
    tiny_index: AnswerService, seed_articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the disk plainly lacks the room, the build says so before writing anything."""
    index_dir = tiny_index.settings.index_dir
    (seed_articles / "ferry.txt").write_text("date 2024-06-01\n\nThe harbour ferry was repainted.\n")
    monkeypatch.setattr(index.store.shutil, "disk_usage", lambda path: SimpleNamespace(free=0))
    with pytest.raises(NewsIndexError, match="needs about"):
        tiny_index.rebuild()
    assert len(list((index_dir / "generations").iterdir())) == 1
