"""The index on disk: one folder per build generation, published by swapping a `current` symlink.

    INDEX_DIR/current -> generations/<id>/   manifest.json, passages.jsonl, vectors.npy, ann.faiss, bm25/
    INDEX_DIR/generations/<id>/              (a build in progress or a failed one is never `current`)

Replacing a symlink is atomic, so a reader sees either the old index or the new one, never a mix, and a
build that crashes midway leaves `current` untouched.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from index.ann import AnnSettings, build_ann, configure
from index.errors import IndexBusyError, IndexCorruptError, IndexMismatchError, IndexNotFoundError
from index.lexical import LexicalIndex
from index.models import IndexStats, Passage
from index.passages import context_title, search_text

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
CURRENT = "current"
GENERATIONS = "generations"
MANIFEST = "manifest.json"


@dataclass
class IndexContents:
    """Everything a generation holds, in memory."""

    manifest: dict[str, Any]
    passages: list[Passage]
    vectors: np.ndarray

    @property
    def articles(self) -> dict[str, dict[str, Any]]:
        return self.manifest["articles"]


@dataclass
class LoadedIndex:
    """A generation ready for search."""

    contents: IndexContents
    ann: faiss.Index
    lexical: LexicalIndex
    path: Path

    def stats(self) -> IndexStats:
        return stats_of(self.contents.manifest)


def stats_of(manifest: dict[str, Any]) -> IndexStats:
    counts = manifest["counts"]
    return IndexStats(
        articles=counts["articles"],
        passages=counts["passages"],
        model=manifest["model"]["id"],
        built_at=manifest["built_at"],
        index_type=manifest["ann"]["type"],
    )


def current_path(index_dir: Path) -> Path:
    link = index_dir / CURRENT
    if not link.is_symlink() and not link.exists():
        raise IndexNotFoundError(f"no index in {index_dir}: run `newsbot index build` first")
    target = link.resolve()
    if not (target / MANIFEST).is_file():
        raise IndexCorruptError(f"index {target} has no {MANIFEST}: run `newsbot index build --full`")
    return target


def read_manifest(index_dir: Path) -> dict[str, Any]:
    return _read_manifest(current_path(index_dir))


def _read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(f"cannot read {path} ({exc}): run `newsbot index build --full`") from None
    if manifest.get("format") != FORMAT_VERSION:
        raise IndexMismatchError(f"index {path.parent} has an old format: run `newsbot index build --full`")
    return manifest


def check_compatible(manifest: dict[str, Any], model_id: str, dimension: int) -> None:
    """Refuse an index built with another model: its vectors mean nothing to this one."""
    built = manifest["model"]
    if built["id"] != model_id or built["dimension"] != dimension:
        raise IndexMismatchError(
            f"index was built with model {built['id']} ({built['dimension']}-d) but the config uses "
            f"{model_id} ({dimension}-d): run `newsbot index build --full`"
        )


def verify(index_dir: Path, model_id: str) -> IndexStats:
    """Check, without loading a model or the vectors, that the current index is complete and fits the model.

    Cheap enough for a container health check: it reads the manifest and the files' headers only.
    """
    folder = current_path(index_dir)
    manifest = _read_manifest(folder)
    check_compatible(manifest, model_id, manifest["model"]["dimension"])
    expected = manifest["counts"]["passages"]
    try:
        with (folder / "passages.jsonl").open("rb") as handle:
            lines = sum(1 for _ in handle)
        vectors = np.load(folder / "vectors.npy", mmap_mode="r").shape[0]
        ann_size = (folder / "ann.faiss").stat().st_size
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(f"index {folder} is damaged ({exc}): run `newsbot index build --full`") from None
    if lines != expected or vectors != expected or not ann_size:
        raise IndexCorruptError(f"index {folder} is damaged (counts differ): run `newsbot index build --full`")
    return stats_of(manifest)


def load_contents(index_dir: Path) -> IndexContents:
    return _load_contents(current_path(index_dir))


def _load_contents(folder: Path) -> IndexContents:
    # Every file is read from the one resolved generation: `current` may be swapped meanwhile.
    manifest = _read_manifest(folder)
    try:
        passages = [Passage(*json.loads(line)) for line in (folder / "passages.jsonl").open(encoding="utf-8")]
        vectors = np.load(folder / "vectors.npy")
    except (OSError, ValueError, TypeError) as exc:
        raise IndexCorruptError(f"index {folder} is damaged ({exc}): run `newsbot index build --full`") from None
    if len(passages) != len(vectors):
        raise IndexCorruptError(f"index {folder} is damaged (counts differ): run `newsbot index build --full`")
    return IndexContents(manifest, passages, vectors)


def load_index(index_dir: Path, model_id: str, dimension: int, ann_settings: AnnSettings) -> LoadedIndex:
    """Load the current generation for search, checking it matches the configured model."""
    folder = current_path(index_dir)
    contents = _load_contents(folder)
    check_compatible(contents.manifest, model_id, dimension)
    try:
        ann = faiss.read_index(str(folder / "ann.faiss"))
        lexical = LexicalIndex.load(folder / "bm25", len(contents.passages))
    except (RuntimeError, OSError, ValueError) as exc:
        raise IndexCorruptError(f"index {folder} is damaged ({exc}): run `newsbot index build --full`") from None
    configure(ann, ann_settings)
    log.info("loaded index %s: %d articles, %d passages", folder.name, len(contents.articles), len(contents.passages))
    return LoadedIndex(contents, ann, lexical, folder)


def publish(index_dir: Path, contents: IndexContents, ann_settings: AnnSettings) -> Path:
    """Write a new generation beside the live one and make it current; return its folder."""
    generations = index_dir / GENERATIONS
    generations.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    folder = generations / f"{stamp}-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    try:
        _write_generation(folder, contents, ann_settings)
        link_tmp = index_dir / f".{CURRENT}.{folder.name}"
        link_tmp.symlink_to(Path(GENERATIONS) / folder.name)
        os.replace(link_tmp, index_dir / CURRENT)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _remove_stale_generations(index_dir, keep=folder)
    return folder


def _write_generation(folder: Path, contents: IndexContents, ann_settings: AnnSettings) -> None:
    with (folder / "passages.jsonl").open("w", encoding="utf-8") as handle:
        for p in contents.passages:
            handle.write(json.dumps([p.article_id, p.start, p.end, p.text], ensure_ascii=False) + "\n")
    np.save(folder / "vectors.npy", contents.vectors)
    faiss.write_index(build_ann(contents.vectors, ann_settings), str(folder / "ann.faiss"))
    (folder / "bm25").mkdir()
    LexicalIndex.build(lexical_texts(contents)).save(folder / "bm25")
    # The manifest goes last: a generation without one is incomplete by definition.
    manifest_tmp = folder / f"{MANIFEST}.tmp"
    manifest_tmp.write_text(json.dumps(contents.manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(manifest_tmp, folder / MANIFEST)


def lexical_texts(contents: IndexContents) -> list[str]:
    """The texts BM25 indexes: each passage, with its article's headline when the build embedded one."""
    use_titles = contents.manifest["chunking"]["title_context"]
    titles = {
        aid: context_title(meta["title"], meta["title_derived"]) if use_titles else None
        for aid, meta in contents.articles.items()
    }
    return [search_text(titles[p.article_id], p.text) for p in contents.passages]


def _remove_stale_generations(index_dir: Path, keep: Path) -> None:
    for old in (index_dir / GENERATIONS).iterdir():
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


@contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock so that two builds (CLI and bot, say) never write the same index at once.

    This is the cross-process half of the one rebuild guard (`AnswerService.rebuilding` is the in-process half).
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / ".build.lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusyError() from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
