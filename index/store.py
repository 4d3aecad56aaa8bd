"""The index on disk: one folder per build generation, published by swapping a `current` symlink.

    INDEX_DIR/current -> generations/<id>/   manifest.json, passages.npy + passages.txt + passage_articles.json
                                             (index/passage_table.py; passages.jsonl before), vectors.npy,
                                             ann.faiss, bm25/, quotations.jsonl (who said what, index/speakers.py)
    INDEX_DIR/generations/<id>/              (a build in progress or a failed one is never `current`)

Replacing a symlink is atomic, so a reader sees either the old index or the new one, never a mix, and a
build that crashes midway leaves `current` untouched. The newest `keep_generations` complete generations stay
on disk, so `rollback` can make the previous one current again, by the same atomic swap.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import logging
import mmap
import os
import shutil
import struct
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from index.ann import AnnSettings, build_ann, configure
from index.checksums import file_sha256
from index.errors import (
    IndexBusyError,
    IndexCorruptError,
    IndexDiskFullError,
    IndexMismatchError,
    IndexNotFoundError,
)
from index.lexical import LexicalIndex
from index.manifest import ArticleMeta, Manifest
from index.models import IndexStats, Passage
from index.passage_table import ROWS, PassageColumns, read_jsonl_passages, read_passages, write_passages
from index.passages import indexed_text
from index.precision import same_vectors
from index.speakers import Quotation

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
CURRENT = "current"
GENERATIONS = "generations"
MANIFEST = "manifest.json"
LOCK = ".build.lock"
QUOTATIONS = "quotations.jsonl"
_LEGACY_PASSAGES = "passages.jsonl"
_PRIVATE_DIR = 0o700
_NEARLY_FULL = 1 << 20  # free bytes under which a short write is taken for a full disk
_PRIVATE_FILE = 0o600
# What every FAISS index file starts with: a four-letter type code, the dimension (int32), the vector count (int64).
_FAISS_HEADER = struct.Struct("<4siq")


@dataclass(frozen=True)
class StoreSettings:
    """How the index folder is kept (config section `index`, beside the ANN's settings)."""

    keep_generations: int = 2  # builds kept on disk, the current one included, for `rollback`
    max_shrink: float = 0.5  # a build may remove at most this share of the indexed articles without --allow-shrink
    private: bool = True  # folders 0700, files 0600: the passages are every article's full text, embargoed ones too


DEFAULT_STORE = StoreSettings()


@dataclass
class IndexContents:
    """Everything a generation holds; a loaded generation's `vectors` are its vectors.npy mapped read-only."""

    manifest: Manifest
    passages: Sequence[Passage]
    vectors: np.ndarray
    quotations: list[Quotation] = field(default_factory=list)

    @property
    def articles(self) -> dict[str, ArticleMeta]:
        return self.manifest.articles

    @cached_property
    def columns(self) -> PassageColumns:
        """The passages' columns, made once for every search over this index (the topic, people and timeline
        searches each kept their own: at millions of passages, seconds and hundreds of MiB each)."""
        return PassageColumns.of(self.passages, {aid: meta.date for aid, meta in self.articles.items()})

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
    if not same_vectors(built.id, model_id) or built.dimension != dimension:
        raise IndexMismatchError(
            f"index was built with model {built.id} ({built.dimension}-d) but the config uses "
            f"{model_id} ({dimension}-d): run `newsbot index build --full`"
        )


def verify(index_dir: Path, model_id: str) -> IndexStats:
    """Check, without loading a model or the vectors, that the current index is complete, intact and fits the model.

    Cheap enough for a container health check: it compares every file's size and sha256 with those recorded at
    build time, and reads the headers of the FAISS and NumPy files.
    """
    folder = current_path(index_dir)
    manifest = _read_manifest(folder)
    check_compatible(manifest, model_id, manifest.model.dimension)
    expected = manifest.passages
    try:
        for name, recorded in manifest.files.items():
            _check_file(folder, name, recorded)
        lines = _passage_count(folder)
        vectors = np.load(folder / "vectors.npy", mmap_mode="r").shape[0]
        dimension, ann_vectors = faiss_header(folder / "ann.faiss")
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(f"index {folder} is damaged ({exc}): run `newsbot index build --full`") from None
    if ann_vectors != expected or dimension != manifest.model.dimension:
        raise IndexCorruptError(
            f"index {folder} is damaged (ann.faiss holds {ann_vectors} vectors, not {expected}, of {dimension} "
            f"dimensions): run `newsbot index build --full`"
        )
    if lines != expected or vectors != expected:
        raise IndexCorruptError(f"index {folder} is damaged (counts differ): run `newsbot index build --full`")
    return manifest.stats()


def faiss_header(path: Path) -> tuple[int, int]:
    """Read (dimension, vector count) from a FAISS index file's header, without loading the index."""
    with path.open("rb") as handle:
        header = handle.read(_FAISS_HEADER.size)
    if len(header) < _FAISS_HEADER.size:
        raise ValueError(f"{path.name} is too short for a FAISS index")
    fourcc, dimension, count = _FAISS_HEADER.unpack(header)
    if not fourcc.isalnum():
        raise ValueError(f"{path.name} is not a FAISS index")
    return dimension, count


def _check_file(folder: Path, name: str, recorded: dict[str, Any]) -> None:
    path = folder / name
    if not path.is_file():
        raise ValueError(f"{name} is missing")
    if path.stat().st_size != recorded["size"]:
        raise ValueError(f"{name} is {path.stat().st_size} bytes, {recorded['size']} when built")
    if file_sha256(path) != recorded["sha256"]:
        raise ValueError(f"{name} does not match its checksum")


def _record_files(folder: Path) -> dict[str, dict[str, Any]]:
    """Size and sha256 of every file of a generation, for `verify`."""
    return {
        path.relative_to(folder).as_posix(): {"size": path.stat().st_size, "sha256": file_sha256(path)}
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def load_contents(index_dir: Path) -> IndexContents:
    return _load_contents(current_path(index_dir))


def _load_contents(folder: Path) -> IndexContents:
    # Every file is read from the one resolved generation: `current` may be swapped meanwhile.
    manifest = _read_manifest(folder)
    try:
        passages = _read_passages(folder)
        vectors = map_vectors(folder / "vectors.npy")
    except (OSError, ValueError, TypeError) as exc:
        raise IndexCorruptError(f"index {folder} is damaged ({exc}): run `newsbot index build --full`") from None
    if len(passages) != len(vectors):
        raise IndexCorruptError(f"index {folder} is damaged (counts differ): run `newsbot index build --full`")
    return IndexContents(manifest, passages, vectors, _load_quotations(folder))


def _read_passages(folder: Path) -> Sequence[Passage]:
    if (folder / ROWS).exists():
        return read_passages(folder)
    # A generation built before the passages were mapped: still served, until the next build rewrites it.
    return read_jsonl_passages(folder / _LEGACY_PASSAGES)


def _passage_count(folder: Path) -> int:
    if (folder / ROWS).exists():
        return int(np.load(folder / ROWS, mmap_mode="r").shape[0])
    with (folder / _LEGACY_PASSAGES).open("rb") as handle:
        return sum(1 for _ in handle)


def map_vectors(path: Path) -> np.ndarray:
    """A generation's vectors mapped read-only, not read into memory: a question reads a few hundred rows
    (rescoring), and nothing writes to a published generation (an incremental build copies the rows it keeps).

    Read at random: the kernel's read-ahead would fetch ~128 KiB around each row missing from the page cache
    (bench/README.md, section `ann`: 530 ms instead of 7 ms to rescore one question's rows at 1M vectors).
    """
    vectors = np.load(path, mmap_mode="r")
    mapping = getattr(vectors, "_mmap", None)  # np.memmap's own mmap.mmap
    if mapping is not None:
        mapping.madvise(mmap.MADV_RANDOM)
    return vectors


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
        # Mapped, not read: the vectors a flat or hnsw index stores (1,536 B each in float32) stay in the page
        # cache, shared and reclaimable, as vectors.npy's do (map_vectors); a damaged file still raises.
        ann = faiss.read_index(str(folder / "ann.faiss"), faiss.IO_FLAG_MMAP_IFC)
        lexical = LexicalIndex.load(folder / "bm25", len(contents.passages))
    except (RuntimeError, OSError, ValueError) as exc:
        raise IndexCorruptError(f"index {folder} is damaged ({exc}): run `newsbot index build --full`") from None
    configure(ann, ann_settings)
    log.info("loaded index %s: %d articles, %d passages", folder.name, len(contents.articles), len(contents.passages))
    return LoadedIndex(contents, ann, lexical, folder)


def publish(
    index_dir: Path, contents: IndexContents, ann_settings: AnnSettings, store: StoreSettings = DEFAULT_STORE
) -> Path:
    """Write a new generation beside the live one and make it current; return its folder.

    Keeps the newest `store.keep_generations` generations (the new one included) for `rollback`.
    """
    private = store.private
    generations = index_dir / GENERATIONS
    generations.mkdir(parents=True, exist_ok=True)
    if private:
        for path in (index_dir, generations, index_dir / LOCK):
            path.chmod(_PRIVATE_DIR if path.is_dir() else _PRIVATE_FILE)
    _remove_dangling_links(index_dir)
    # Microseconds, so that generations sort by age by name even when built within one second.
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    folder = generations / f"{stamp}-{uuid.uuid4().hex[:8]}"
    needed = _estimated_size(contents)
    if shutil.disk_usage(index_dir).free < needed:
        raise IndexDiskFullError(_disk_full(index_dir, needed))
    folder.mkdir(mode=_PRIVATE_DIR if private else 0o777)
    try:
        _write_generation(folder, contents, ann_settings, private)
        _make_current(index_dir, folder)
    except (OSError, RuntimeError) as exc:
        full = _out_of_space(exc, index_dir)
        shutil.rmtree(folder, ignore_errors=True)
        if full:
            raise IndexDiskFullError(_disk_full(index_dir, needed)) from None
        raise
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _remove_stale_generations(index_dir, folder, store.keep_generations)
    return folder


def _estimated_size(contents: IndexContents) -> int:
    """Rough bytes a generation takes: the vectors twice (NumPy and FAISS), the passage text thrice (JSONL, BM25),
    the quotations' text once."""
    texts = 3 * sum(len(p.text.encode("utf-8", "replace")) for p in contents.passages)
    quoted = sum(len(q.text.encode("utf-8", "replace")) for q in contents.quotations)
    return 2 * contents.vectors.nbytes + texts + quoted


def _out_of_space(exc: BaseException, index_dir: Path) -> bool:
    """Whether a failed write ran out of disk: ENOSPC, or FAISS's short write ("write error in …: 4051 != 291",
    which names no cause) on a disk left with almost no free space."""
    if getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT):
        return True
    return "write error" in str(exc) and shutil.disk_usage(index_dir).free < _NEARLY_FULL


def _disk_full(index_dir: Path, needed: int) -> str:
    free = shutil.disk_usage(index_dir).free
    return (
        f"not enough disk space in {index_dir} for the new index: it needs about {_size(needed)}, "
        f"{_size(free)} are free (the previous index still serves): free some space or move index_dir"
    )


def _size(size: int) -> str:
    return f"{size / 1e6:,.1f} MB" if size >= 1e6 else f"{size / 1e3:,.0f} kB"


def rollback(index_dir: Path) -> Path:
    """Make the newest complete generation older than the current one current again; return its folder."""
    with build_lock(index_dir):
        _remove_dangling_links(index_dir)
        now = current_path(index_dir)
        older = [g for g in _complete_generations(index_dir) if g.name < now.name]
        if not older:
            raise IndexNotFoundError(
                f"no earlier generation in {index_dir / GENERATIONS} to roll back to "
                "(index.keep_generations sets how many builds are kept)"
            )
        _make_current(index_dir, older[-1])
        log.info("rolled back %s from %s to %s", index_dir, now.name, older[-1].name)
        return older[-1]


def _make_current(index_dir: Path, folder: Path) -> None:
    # A symlink cannot be overwritten in place: make a new one, then rename it over `current` (atomic).
    link_tmp = index_dir / f".{CURRENT}.{folder.name}"
    link_tmp.symlink_to(Path(GENERATIONS) / folder.name)
    os.replace(link_tmp, index_dir / CURRENT)


def _remove_dangling_links(index_dir: Path) -> None:
    """Delete `.current.<generation>` links left by a build killed between linking and swapping.

    Only called under the build lock, so no other build's link is in flight.
    """
    for link in index_dir.glob(f".{CURRENT}.*"):
        if link.is_symlink():
            link.unlink()


def _complete_generations(index_dir: Path) -> list[Path]:
    """Generations with a manifest (written last, so complete), oldest first."""
    return sorted(g for g in (index_dir / GENERATIONS).iterdir() if (g / MANIFEST).is_file())


def _write_generation(folder: Path, contents: IndexContents, ann_settings: AnnSettings, private: bool) -> None:
    write_passages(folder, contents.passages)
    with (folder / QUOTATIONS).open("w", encoding="utf-8") as handle:
        for q in contents.quotations:
            handle.write(json.dumps(q.to_row(), ensure_ascii=False) + "\n")
    np.save(folder / "vectors.npy", contents.vectors)
    faiss.write_index(build_ann(contents.vectors, ann_settings), str(folder / "ann.faiss"))
    (folder / "bm25").mkdir()
    LexicalIndex.build(contents.indexed_texts()).save(folder / "bm25")
    if private:
        # The generation folder is already 0700, so no other user could open these files meanwhile.
        for path in folder.rglob("*"):
            path.chmod(_PRIVATE_DIR if path.is_dir() else _PRIVATE_FILE)
    # The manifest goes last: a generation without one is incomplete by definition.
    manifest = replace(contents.manifest, files=_record_files(folder))
    manifest_tmp = folder / f"{MANIFEST}.tmp"
    manifest_tmp.write_text(json.dumps(manifest.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    if private:
        manifest_tmp.chmod(_PRIVATE_FILE)
    os.replace(manifest_tmp, folder / MANIFEST)


def _remove_stale_generations(index_dir: Path, new: Path, keep_generations: int) -> None:
    """Delete incomplete generations and all but the newest `keep_generations` complete ones (`new` among them)."""
    complete = [g for g in _complete_generations(index_dir) if g != new]
    keep = {new, *complete[len(complete) - (keep_generations - 1) :]} if keep_generations > 1 else {new}
    for old in (index_dir / GENERATIONS).iterdir():
        if old not in keep:
            shutil.rmtree(old, ignore_errors=True)


@contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock so that two builds (CLI and bot, say) never write the same index at once.

    This is the cross-process half of the one rebuild guard (`AnswerService.rebuilding` is the in-process half).
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / LOCK).open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusyError() from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
