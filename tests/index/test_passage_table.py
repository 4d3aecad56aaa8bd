"""Passages mapped from disk: the same passages as written, damage caught at load, older generations still served."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.service import AnswerService
from index.ann import AnnSettings
from index.models import Passage
from index.passage_table import (
    ARTICLE_IDS,
    ROWS,
    TEXT,
    PassageColumns,
    PassageTable,
    article_ids,
    article_ranges,
    passage_bounds,
    read_passages,
    write_passages,
)
from index.search import SearchConfig, Searcher
from index.store import current_path, load_index

_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@st.composite
def stored_passages(draw: st.DrawFn) -> list[Passage]:
    """Passages as a build stores them: article by article, any text (accents, CJK, emoji, control characters)."""
    passages = []
    for n in range(draw(st.integers(0, 4))):
        for _ in range(draw(st.integers(1, 4))):
            start = draw(st.integers(0, 10_000))
            passages.append(Passage(f"article-{n}-é", start, start + draw(st.integers(0, 500)), draw(_TEXT)))
    return passages


@settings(max_examples=60, deadline=None)
@given(passages=stored_passages())
def test_the_table_reads_back_what_was_written(
    passages: list[Passage], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("passages")
    write_passages(folder, passages)
    table = read_passages(folder)
    assert len(table) == len(passages)
    assert list(table) == passages
    assert table[1:3] == passages[1:3]
    if passages:
        assert table[-1] == passages[-1]
    assert article_ids(table) == article_ids(passages) == [p.article_id for p in passages]
    assert passage_bounds(table).tolist() == passage_bounds(passages).tolist()
    ranges = article_ranges(article_ids(table))
    assert [p for span in ranges.values() for p in passages[span.start : span.stop]] == passages
    assert all(passages[i].article_id == aid for aid, span in ranges.items() for i in span)


@settings(max_examples=60, deadline=None)
@given(passages=stored_passages(), dates=st.lists(st.none() | st.dates(), min_size=4, max_size=4))
def test_columns_date_and_place_each_passage(
    passages: list[Passage], dates: list[dt.date | None], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Filled article by article, the columns give each passage its article's date ordinal (-1 undated) and its
    place in the article (0 first, 1 last), the same from the passages in memory and mapped."""
    by_article = {f"article-{n}-é": date for n, date in enumerate(dates)}
    folder = tmp_path_factory.mktemp("passages")
    write_passages(folder, passages)
    for source in (passages, read_passages(folder)):
        columns = PassageColumns.of(source, by_article)
        for i, p in enumerate(passages):
            date = by_article[p.article_id]
            assert columns.ordinals[i] == (date.toordinal() if date else -1)
            mine = [j for j, q in enumerate(passages) if q.article_id == p.article_id]
            assert columns.positions[i] == pytest.approx(mine.index(i) / max(len(mine) - 1, 1))


def _written(tmp_path: Path) -> Path:
    write_passages(tmp_path, [Passage("a", 0, 5, "Hello"), Passage("b", 0, 6, "Bonjour ça va")])
    return tmp_path


def test_an_index_out_of_range_is_an_index_error(tmp_path: Path) -> None:
    table = read_passages(_written(tmp_path))
    with pytest.raises(IndexError):
        table[2]
    assert table[-2].text == "Hello"


@pytest.mark.parametrize(
    "damage",
    [
        lambda folder: (folder / TEXT).write_bytes((folder / TEXT).read_bytes()[:-3]),
        lambda folder: (folder / ARTICLE_IDS).write_text(json.dumps(["a"])),
        lambda folder: np.save(folder / ROWS, np.zeros((2, 3), dtype=np.int64)),
    ],
    ids=["text truncated", "an article id missing", "rows of another shape"],
)
def test_damage_is_caught_when_read(tmp_path: Path, damage: Callable[[Path], object]) -> None:
    folder = _written(tmp_path)
    damage(folder)
    with pytest.raises(ValueError):
        read_passages(folder)


def test_a_generation_of_passages_jsonl_still_answers(tiny_index: AnswerService) -> None:
    """An index built before the passages were mapped loads and answers as before, until the next build."""
    index_dir = tiny_index.settings.index_dir
    model = tiny_index.embedder
    loaded = load_index(index_dir, model.model_id, model.dimension, AnnSettings())
    assert isinstance(loaded.contents.passages, PassageTable)
    question = "Who speaks for the Trump campaign?"
    before = Searcher(loaded, model, SearchConfig()).ask(question).answers
    folder = current_path(index_dir)
    with (folder / "passages.jsonl").open("w", encoding="utf-8") as handle:
        for p in loaded.contents.passages:
            handle.write(json.dumps([p.article_id, p.start, p.end, p.text], ensure_ascii=False) + "\n")
    for name in (ROWS, TEXT, ARTICLE_IDS):
        (folder / name).unlink()
    legacy = load_index(index_dir, model.model_id, model.dimension, AnnSettings())
    assert isinstance(legacy.contents.passages, list)
    assert legacy.contents.passages == list(loaded.contents.passages)
    assert Searcher(legacy, model, SearchConfig()).ask(question).answers == before
