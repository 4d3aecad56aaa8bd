"""A generation's passages on disk, mapped rather than read: a Passage is made only when a question needs it.

    passages.npy            int64 rows (article number, start, end, end of the text in passages.txt, in bytes)
    passages.txt            the passages' texts in UTF-8, one after another
    passage_articles.json   the article ids, by article number

Read as JSON lines, every passage was a Python object with its own copy of the article id: 729 bytes each, most
of the RAM of a large archive (bench/README.md, section "Passages mapped"). Mapped, the texts stay in the page
cache (shared, reclaimable) and a question decodes the dozen or so it quotes or reranks.
"""

from __future__ import annotations

import datetime as dt
import json
import mmap
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

import numpy as np

from index.models import Passage

ROWS = "passages.npy"
TEXT = "passages.txt"
ARTICLE_IDS = "passage_articles.json"
_ARTICLE, _START, _END, _TEXT_END = range(4)


class PassageTable(Sequence[Passage]):
    """The passages of one generation, in index order (each article's together, in reading order)."""

    def __init__(self, rows: np.ndarray, text: mmap.mmap | bytes, article_ids: list[str]) -> None:
        self._rows = rows
        self._text = text
        self._ids = article_ids

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Passage: ...

    @overload
    def __getitem__(self, index: slice) -> list[Passage]: ...

    def __getitem__(self, index: int | slice) -> Passage | list[Passage]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        i = index + len(self) if index < 0 else index
        if not 0 <= i < len(self):
            raise IndexError(f"passage {index} of {len(self)}")
        article, start, end, text_end = self._rows[i].tolist()
        text_start = self._rows[i - 1, _TEXT_END].item() if i else 0
        return Passage(self._ids[article], start, end, self._text[text_start:text_end].decode("utf-8"))

    def __iter__(self) -> Iterator[Passage]:
        return (self[i] for i in range(len(self)))

    def article_ids(self) -> list[str]:
        """Each passage's article id (one shared string per article)."""
        return [self._ids[n] for n in self._rows[:, _ARTICLE].tolist()]

    def bounds(self) -> np.ndarray:
        """Each passage's (start, end) in its article, mapped like the rest."""
        return self._rows[:, _START : _END + 1]


def article_ids(passages: Sequence[Passage]) -> list[str]:
    """Each passage's article id, without making every Passage of a table."""
    if isinstance(passages, PassageTable):
        return passages.article_ids()
    return [p.article_id for p in passages]


def passage_bounds(passages: Sequence[Passage]) -> np.ndarray:
    """Each passage's (start, end) in its article, without making every Passage of a table."""
    if isinstance(passages, PassageTable):
        return passages.bounds()
    return np.array([(p.start, p.end) for p in passages], dtype=np.int64).reshape(-1, 2)


def article_ranges(ids: Sequence[str]) -> dict[str, range]:
    """Where each article's passages lie, from each passage's article id: passages are stored article by article."""
    ranges: dict[str, range] = {}
    start = 0
    for i in range(1, len(ids) + 1):
        if i == len(ids) or ids[i] != ids[start]:
            ranges[ids[start]] = range(start, i)
            start = i
    return ranges


@dataclass(frozen=True)
class PassageColumns:
    """What every search over an index keeps per passage: its article id, bounds and article's date (as an ordinal,
    -1 undated), its place in the article (0 first, 1 last), and each article's range."""

    article_ids: list[str]
    bounds: np.ndarray
    article_ranges: dict[str, range]
    ordinals: np.ndarray
    positions: np.ndarray

    @classmethod
    def of(cls, passages: Sequence[Passage], dates: Mapping[str, dt.date | None]) -> PassageColumns:
        """`dates`: each article's date. Filled article by article, not passage by passage: at 32 million
        passages a per-passage loop took seconds for each search that kept its own (bench/README.md)."""
        ids = article_ids(passages)
        ranges = article_ranges(ids)
        ordinals = np.full(len(ids), -1, dtype=np.int32)
        positions = np.zeros(len(ids), dtype=np.float32)
        for aid, span in ranges.items():
            date = dates.get(aid)
            if date is not None:
                ordinals[span.start : span.stop] = date.toordinal()
            positions[span.start : span.stop] = np.arange(len(span), dtype=np.float32) / max(len(span) - 1, 1)
        return cls(ids, passage_bounds(passages), ranges, ordinals, positions)


def write_passages(folder: Path, passages: Sequence[Passage]) -> None:
    numbers: dict[str, int] = {}
    rows = np.zeros((len(passages), 4), dtype=np.int64)
    offset = 0
    with (folder / TEXT).open("wb") as handle:
        for i, p in enumerate(passages):
            data = p.text.encode("utf-8")
            handle.write(data)
            offset += len(data)
            rows[i] = (numbers.setdefault(p.article_id, len(numbers)), p.start, p.end, offset)
    np.save(folder / ROWS, rows)
    (folder / ARTICLE_IDS).write_text(json.dumps(list(numbers), ensure_ascii=False), encoding="utf-8")


def read_jsonl_passages(path: Path) -> list[Passage]:
    """A generation's passages as built before they were mapped: one JSON line each, read into memory."""
    with path.open(encoding="utf-8") as handle:
        return [Passage(*json.loads(line)) for line in handle]


def _map(path: Path) -> mmap.mmap | bytes:
    with path.open("rb") as handle:
        if not os.fstat(handle.fileno()).st_size:
            return b""  # mmap cannot map an empty file
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def read_passages(folder: Path) -> PassageTable:
    """Map a generation's passages; ValueError (or OSError) when a file is damaged or they disagree."""
    rows = np.load(folder / ROWS, mmap_mode="r")
    ids = json.loads((folder / ARTICLE_IDS).read_text(encoding="utf-8"))
    text = _map(folder / TEXT)
    size = len(text)
    if rows.ndim != 2 or rows.shape[1] != 4 or rows.dtype != np.int64 or not isinstance(ids, list):
        raise ValueError(f"{ROWS} is not a passage table")
    if len(rows):
        if int(rows[-1, _TEXT_END]) != size:
            raise ValueError(f"{TEXT} is {size} bytes, {int(rows[-1, _TEXT_END])} when built")
        numbers = rows[:, _ARTICLE]
        ends = rows[:, _TEXT_END]
        if numbers.min() < 0 or numbers.max() >= len(ids) or ends[0] < 0 or np.any(np.diff(ends) < 0):
            raise ValueError(f"{ROWS} does not match {ARTICLE_IDS}")
    return PassageTable(rows, text, ids)
