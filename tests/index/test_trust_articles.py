"""Article discovery trusts nothing from outside the articles folder and no file name (issue 9, failures 1-2)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from index.articles import load_articles

ARTICLE = "date 2024-05-01\n\nThe council approved the new harbour budget on Tuesday.\n"
SECRET = "date 2024-05-01\n\nThe embargoed merger memo says the price is 12 dollars a share.\n"


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "council.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_link_to_a_file_outside_is_skipped_with_a_warning(
    articles: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A symlink whose target lies outside the articles folder is never read, and the warning names it."""
    private = tmp_path / "private"
    private.mkdir()
    (private / "memo.txt").write_text(SECRET, encoding="utf-8")
    (articles / "memo.txt").symlink_to(private / "memo.txt")
    with caplog.at_level(logging.WARNING, logger="index.articles"):
        loaded, skipped = load_articles(articles)
    assert [a.id for a in loaded] == ["council"]
    assert [s.path for s in skipped] == ["memo.txt"] and "outside" in skipped[0].reason
    assert "memo.txt" in caplog.text and "outside" in caplog.text


def test_link_chain_leaving_the_folder_is_skipped(articles: Path, tmp_path: Path) -> None:
    """A link to a link inside that itself points outside is judged by its final target."""
    (tmp_path / "passwd.txt").write_text(SECRET, encoding="utf-8")
    (articles / "hop.txt").symlink_to(tmp_path / "passwd.txt")
    (articles / "entry.txt").symlink_to("hop.txt")
    loaded, skipped = load_articles(articles)
    assert [a.id for a in loaded] == ["council"]
    assert sorted(s.path for s in skipped) == ["entry.txt", "hop.txt"]


def test_link_inside_the_folder_is_indexed(articles: Path) -> None:
    """A symlink to another file within the articles folder stays fine."""
    (articles / "archive").mkdir()
    (articles / "archive" / "old.txt").write_text(ARTICLE.replace("Tuesday", "Monday"), encoding="utf-8")
    (articles / "latest.txt").symlink_to("archive/old.txt")
    loaded, skipped = load_articles(articles)
    assert sorted(a.id for a in loaded) == ["archive/old", "council", "latest"] and skipped == []


def test_articles_folder_reached_through_a_link_still_works(articles: Path, tmp_path: Path) -> None:
    """The articles folder itself may be a symlink (a mounted volume): its files are inside it."""
    alias = tmp_path / "mounted"
    alias.symlink_to(articles)
    loaded, skipped = load_articles(alias)
    assert [a.id for a in loaded] == ["council"] and skipped == []


def test_name_that_is_not_utf8_is_skipped_with_its_name_escaped(
    articles: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A file name with invalid UTF-8 bytes is skipped and shown escaped; the other files load."""
    bad = os.path.join(os.fsencode(articles), b"bad\xffname.txt")
    with open(bad, "wb") as handle:
        handle.write(ARTICLE.encode())
    with caplog.at_level(logging.WARNING, logger="index.articles"):
        loaded, skipped = load_articles(articles)
    assert [a.id for a in loaded] == ["council"]
    assert [s.path for s in skipped] == ["bad\\xffname.txt"]
    assert "bad\\xffname.txt" in caplog.text and "UTF-8" in skipped[0].reason
    skipped[0].path.encode("utf-8")  # printable and storable as JSON text
