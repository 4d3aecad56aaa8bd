"""The index on disk: one folder per build generation, published by swapping a `current` symlink.

    INDEX_DIR/current -> generations/<id>/   manifest.json, passages.jsonl, vectors.npy, ann.faiss, bm25/,
                                             quotations.jsonl (who said what, index/speakers.py)
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
from dataclasses import dataclass, field
from pathlib import Path

import faiss
import numpy as np

from index.ann import AnnSettings, build_ann, configure
from index.errors import IndexBusyError, IndexCorruptError, IndexMismatchError, IndexNotFoundError
from index.lexical import LexicalIndex
from index.manifest import ArticleMeta, Manifest
from index.models import IndexStats, Passage
from index.passages import indexed_text
from index.speakers import Quotation

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
CURRENT = "current"
GENERATIONS = "generations"
MANIFEST = "manifest.json"
QUOTATIONS = "quotations.jsonl"


@dataclass
class IndexContents:
    """Everything a generation holds, in memory."""

    manifest: Manifest
    passages: list[Passage]
    vectors: np.ndarray
    quotations: list[Quotation] = field(default_factory=list)

    @property
    def articles(self) -> dict[str, ArticleMeta]:
        return self.manifest.articles

    def indexed_texts(self) -> list[str]:
        """The texts the passages were embedded under, which BM25 indexes too."""
        title_context = self.manifest.title_context
        return [indexed_text(self.articles[p.article_id], p.text, title_context) for p in self.passages]


@dataclass
class LoadedIndex:
    """A generation ready for search."""

    contents: IndexContents
    ann: faiss.Index
    lexical: LexicalIndex
    path: Path

    def stats(self) -> IndexStats:
        return self.contents.manifest.stats()


def current_path(index_dir: Path) -> Path:
    link = index_dir / CURRENT
    if not link.is_symlink() and not link.exists():
        raise IndexNotFoundError(f"no index in {index_dir}: run `newsbot index build` first")
    target = link.resolve()
    if not (target / MANIFEST).is_file():
        raise IndexCorruptError(f"index {target} has no {MANIFEST}: run `newsbot index build --full`")
    return target


def read_manifest(index_dir: Path) -> Manifest:
    return _read_manifest(current_path(index_dir))


def _read_manifest(folder: Path) -> Manifest:
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(f"cannot read {path} ({exc}): run `newsbot index build --full`") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
        raise IndexMismatchError(f"index {path.parent} has an old format: run `newsbot index build --full`")
    try:
        return Manifest.from_json(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise IndexCorruptError(f"cannot read {path} ({exc!r}): run `newsbot index build --full`") from None


def check_compatible(manifest: Manifest, model_id: str, dimension: int) -> None:
    """Refuse an index built with another model: its vectors mean nothing to this one."""
    built = manifest.model
    if built.id != model_id or built.dimension != dimension:
        raise IndexMismatchError(
            f"index was built with model {built.id} ({built.dimension}-d) but the config uses "
            f"{model_id} ({dimension}-d): run `newsbot index build --full`"
        )


def verify(index_dir: Path, model_id: str) -> IndexStats:
    """Check, without loading a model or the vectors, that the current index is complete and fits the model.

    Cheap enough for a container health check: it reads the manifest and the files' headers only.
    """
    folder = current_path(index_dir)
    manifest = _read_manifest(folder)
    check_compatible(manifest, model_id, manifest.model.dimension)
    expected = manifest.passages
    try:
        with (folder / "passages.jsonl").open("rb") as handle:
            lines = sum(1 for _ in handle)
        vectors = np.load(folder / "vectors.npy", mmap_mode="r").shape[0]
        ann_size = (folder / "ann.faiss").stat().st_size
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(f"index {folder} is damaged ({exc}): run `newsbot index build --full`") from None
    if lines != expected or vectors != expected or not ann_size:
        raise IndexCorruptError(f"index {folder} is damaged (counts differ): run `newsbot index build --full`")
    return manifest.stats()


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
    return IndexContents(manifest, passages, vectors, _load_quotations(folder))


def _load_quotations(folder: Path) -> list[Quotation]:
    path = folder / QUOTATIONS
    if not path.exists():
        log.warning("index %s predates quotation speakers: run `newsbot index build` to search by speaker", folder)
        return []
    try:
        return [Quotation(*json.loads(line)) for line in path.open(encoding="utf-8")]
    except (OSError, ValueError, TypeError) as exc:
        raise IndexCorruptError(f"index {folder} is damaged ({exc}): run `newsbot index build --full`") from None


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
    with (folder / QUOTATIONS).open("w", encoding="utf-8") as handle:
        for q in contents.quotations:
            handle.write(json.dumps(q.to_row(), ensure_ascii=False) + "\n")
    np.save(folder / "vectors.npy", contents.vectors)
    faiss.write_index(build_ann(contents.vectors, ann_settings), str(folder / "ann.faiss"))
    (folder / "bm25").mkdir()
    LexicalIndex.build(contents.indexed_texts()).save(folder / "bm25")
    # The manifest goes last: a generation without one is incomplete by definition.
    manifest_tmp = folder / f"{MANIFEST}.tmp"
    manifest_tmp.write_text(json.dumps(contents.manifest.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(manifest_tmp, folder / MANIFEST)


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
