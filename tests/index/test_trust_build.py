"""Builds that trust nothing outside the archive and lose no index (issue 9)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.service import AnswerService
from index.errors import NewsIndexError
from index.store import current_path, read_manifest

MEMO = "date 2024-05-01\n\nThe embargoed Halvorsen merger memo sets the share price at 12 kroner.\n"


def test_memo_linked_from_outside_is_never_quoted(tiny_index: AnswerService, seed_articles: Path) -> None:
    """A private file symlinked into the articles folder is not indexed, so no answer can quote it."""
    private = seed_articles.parent / "private-memo.txt"
    private.write_text(MEMO, encoding="utf-8")
    (seed_articles / "memo.txt").symlink_to(private)
    summary = tiny_index.rebuild()
    assert summary.skipped == 1
    assert "memo" not in read_manifest(tiny_index.settings.index_dir).articles
    answers = tiny_index.ask("What share price does the Halvorsen merger memo set?").answers
    assert all("Halvorsen" not in a.quote for a in answers)


def test_file_name_that_is_not_utf8_does_not_block_the_build(tiny_index: AnswerService, seed_articles: Path) -> None:
    """A build goes on past a file whose name is not valid UTF-8, and counts it as skipped."""
    with open(os.path.join(os.fsencode(seed_articles), b"bad\xffname.txt"), "wb") as handle:
        handle.write(MEMO.encode())
    summary = tiny_index.rebuild()
    assert (summary.skipped, summary.added) == (1, 0)
    assert "Halvorsen" not in (tiny_index.settings.index_dir / "current" / "passages.txt").read_text("utf-8")


def _article(number: int) -> str:
    return f"date 2024-06-{number + 1:02}\n\nThe harbour ferry number {number} was repainted blue and green.\n"


def test_build_over_an_empty_folder_refuses_and_keeps_the_index(
    tiny_index: AnswerService, seed_articles: Path
) -> None:
    """An emptied (or unmounted) articles folder does not wipe the index: the build refuses with one line."""
    index_dir = tiny_index.settings.index_dir
    before = current_path(index_dir)
    for path in seed_articles.iterdir():
        path.unlink()
    with pytest.raises(NewsIndexError, match="--allow-shrink") as refused:
        tiny_index.rebuild()
    assert "\n" not in str(refused.value) and "1 of 1" in str(refused.value)
    assert current_path(index_dir) == before
    assert "Steven Cheung" in tiny_index.ask("Who speaks for the Trump campaign?").answers[0].quote


def test_build_from_another_folder(tiny_index: AnswerService, tmp_path: Path) -> None:
    """Switching to another folder of articles is deliberate; switching to an empty one (a wrong path) is refused."""
    empty = tmp_path / "mistyped"
    empty.mkdir()
    other = tmp_path / "newsroom"
    other.mkdir()
    (other / "ferry-0.txt").write_text(_article(0), encoding="utf-8")
    settings = tiny_index.settings
    with pytest.raises(NewsIndexError, match="--allow-shrink"):
        AnswerService(settings.model_copy(update={"articles_dir": empty}), embedder=tiny_index.embedder,
                      progress=False).rebuild()
    moved = AnswerService(settings.model_copy(update={"articles_dir": other}), embedder=tiny_index.embedder,
                          progress=False)
    assert moved.rebuild().removed == 1


def test_removing_more_than_the_allowed_share_needs_allow_shrink(
    tiny_index: AnswerService, seed_articles: Path
) -> None:
    """Removing 3 of 4 articles is refused by default (limit: half) and goes through with allow_shrink."""
    for number in range(3):
        (seed_articles / f"ferry-{number}.txt").write_text(_article(number), encoding="utf-8")
    tiny_index.rebuild()
    for number in range(3):
        (seed_articles / f"ferry-{number}.txt").unlink()
    with pytest.raises(NewsIndexError, match="3 of 4"):
        tiny_index.rebuild()
    assert len(read_manifest(tiny_index.settings.index_dir).articles) == 4
    summary = tiny_index.rebuild(allow_shrink=True)
    assert (summary.removed, len(read_manifest(tiny_index.settings.index_dir).articles)) == (3, 1)


def test_previous_generations_are_kept_and_rollback_swaps_back(
    tiny_index: AnswerService, seed_articles: Path
) -> None:
    """keep_generations (default 2) old indexes stay on disk; rollback makes the previous one current again."""
    from index.store import rollback

    index_dir = tiny_index.settings.index_dir
    first = current_path(index_dir)
    (seed_articles / "ferry-0.txt").write_text(_article(0), encoding="utf-8")
    tiny_index.rebuild()
    second = current_path(index_dir)
    (seed_articles / "ferry-1.txt").write_text(_article(1), encoding="utf-8")
    tiny_index.rebuild()
    third = current_path(index_dir)
    assert sorted(p.name for p in (index_dir / "generations").iterdir()) == sorted([second.name, third.name])
    assert first.name not in {second.name, third.name}

    assert rollback(index_dir) == second
    assert current_path(index_dir) == second
    assert len(read_manifest(index_dir).articles) == 2
    assert "quotations.jsonl" in read_manifest(index_dir).files  # each generation keeps its own speakers
    with pytest.raises(NewsIndexError, match="no earlier generation"):
        rollback(index_dir)

