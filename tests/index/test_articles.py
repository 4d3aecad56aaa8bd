"""Tests for reading article files: the seed format, YAML front matter, ids and bad files."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from index.articles import TITLE_CHARS, derive_title, load_articles, parse_article
from index.errors import ArticleError
from index.models import Article
from tests.shared_data import WIKINEWS, require_shared

LOGGER = "index.articles"

SEED_TEXT = (
    "  \n date 2024-08-13 Donald Trump has recounted his assassination attempt. It went on.\n\n"
    "A second paragraph.\n"
)
FRONT_MATTER = (
    "---\n"
    "title: Council approves budget\n"
    "date: '2020-03-04'\n"
    "url: https://example.org/budget\n"
    "author: Jane Reporter\n"
    "source: Wikinews\n"
    "license: CC BY 2.5\n"
    "---\n"
    "\n"
    "The council approved the budget on Tuesday.\n"
)


def write(folder: Path, rel: str, data: str | bytes) -> Path:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def parse(text: str, aid: str = "a") -> Article:
    return parse_article(text.encode("utf-8"), aid, f"{aid}.md")


# --- the seed format -----------------------------------------------------------------------------------


def test_seed_format_date_with_leading_whitespace() -> None:
    """A seed-format header after leading whitespace gives the article's date."""
    assert parse(SEED_TEXT).date == dt.date(2024, 8, 13)


def test_seed_format_text_on_date_line_starts_body() -> None:
    """Text on the date line is where the body begins."""
    article = parse(SEED_TEXT)
    assert article.text[article.body_start :].startswith("Donald Trump has recounted")


def test_seed_format_text_on_next_line() -> None:
    """A date line on its own is followed by the body on the next line."""
    article = parse("date 2021-05-06\nThe body is here.\n")
    assert article.date == dt.date(2021, 5, 6)
    assert article.text[article.body_start :] == "The body is here.\n"


def test_seed_format_has_no_url_author_or_meta() -> None:
    """The seed format carries nothing but a date and text."""
    article = parse(SEED_TEXT)
    assert (article.url, article.author, article.meta) == (None, None, {})


def test_file_without_header_is_undated() -> None:
    """Plain text with no header is an undated article whose body is the whole file."""
    article = parse("Just some text. More of it.\n")
    assert article.date is None
    assert article.body_start == 0


# --- YAML front matter ---------------------------------------------------------------------------------


def test_front_matter_fields() -> None:
    """title, url and author come from the front matter."""
    article = parse(FRONT_MATTER)
    assert (article.title, article.url, article.author) == (
        "Council approves budget",
        "https://example.org/budget",
        "Jane Reporter",
    )


def test_front_matter_title_not_derived() -> None:
    """A front-matter title is not flagged as derived."""
    assert parse(FRONT_MATTER).title_derived is False


def test_front_matter_other_keys_kept_in_meta() -> None:
    """Keys other than title, date, url and author are kept as metadata."""
    assert parse(FRONT_MATTER).meta == {"source": "Wikinews", "license": "CC BY 2.5"}


@pytest.mark.parametrize(
    ("date_line", "expected"),
    [
        ("date: '2020-03-04'", dt.date(2020, 3, 4)),
        ('date: "2020-03-04"', dt.date(2020, 3, 4)),
        ("date: 2020-03-04", dt.date(2020, 3, 4)),
        ("date: 2020-03-04 10:30:00", dt.date(2020, 3, 4)),
    ],
    ids=["single-quoted string", "double-quoted string", "yaml date", "yaml datetime"],
)
def test_front_matter_date_forms(date_line: str, expected: dt.date) -> None:
    """A front-matter date may be a string or a YAML date."""
    article = parse(f"---\ntitle: T\n{date_line}\n---\nBody.\n")
    assert article.date == expected


def test_front_matter_without_date_is_undated() -> None:
    """Front matter without a date gives an undated article."""
    assert parse("---\ntitle: T\n---\nBody.\n").date is None


def test_front_matter_body_start() -> None:
    """text[body_start:] is the body after the closing '---' line."""
    article = parse(FRONT_MATTER)
    assert article.text[article.body_start :] == "\nThe council approved the budget on Tuesday.\n"


def test_front_matter_crlf_line_endings() -> None:
    """Front matter with Windows line endings parses."""
    article = parse("---\r\ntitle: T\r\ndate: 2020-01-02\r\n---\r\nBody.\r\n")
    assert (article.title, article.date) == ("T", dt.date(2020, 1, 2))


def test_body_start_is_offset_into_whole_file() -> None:
    """text is the whole decoded file, so offsets are offsets into the file."""
    article = parse(FRONT_MATTER)
    assert article.text == FRONT_MATTER


# --- derived titles ------------------------------------------------------------------------------------


def test_derived_title_is_flagged() -> None:
    """An article without a title gets a derived one, flagged as such."""
    article = parse(SEED_TEXT)
    assert article.title_derived is True


def test_derived_title_is_first_sentence() -> None:
    """The derived title is the body's first sentence."""
    assert parse(SEED_TEXT).title == "Donald Trump has recounted his assassination attempt."


def test_derived_title_is_shortened() -> None:
    """A long first sentence is shortened on a word boundary and marked with an ellipsis."""
    body = "The city council met on Tuesday evening " + "and talked about the budget " * 10 + "at length."
    title = derive_title(body)
    assert len(title) <= TITLE_CHARS
    assert title.endswith("…")
    assert body.startswith(title[:-1])
    assert body[len(title) - 1] == " "


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Mr. Smith went home today. He slept.", "Mr. Smith went home today."),
        ("The U.S. Senate voted on Tuesday. More followed.", "The U.S. Senate voted on Tuesday."),
    ],
    ids=["Mr.", "U.S."],
)
def test_derived_title_survives_abbreviations(body: str, expected: str) -> None:
    """An abbreviation in the first sentence does not cut the derived title short."""
    assert derive_title(body) == expected


# --- ids and discovery ---------------------------------------------------------------------------------


def test_ids_are_relative_paths_without_extension(tmp_path: Path) -> None:
    """Ids are paths relative to the folder, without extension, found recursively."""
    write(tmp_path, "top.txt", "date 2024-01-01 Top story.\n")
    write(tmp_path, "politics/2024/vote.md", FRONT_MATTER)
    articles, _ = load_articles(tmp_path)
    assert sorted(a.id for a in articles) == ["politics/2024/vote", "top"]


def test_article_path_keeps_extension(tmp_path: Path) -> None:
    """An article's path is the relative path including its extension."""
    write(tmp_path, "politics/vote.md", FRONT_MATTER)
    articles, _ = load_articles(tmp_path)
    assert [a.path for a in articles] == ["politics/vote.md"]


def test_ids_are_stable_across_loads(tmp_path: Path) -> None:
    """Loading the same folder twice gives the same ids in the same order."""
    for name in ("b.txt", "a.md", "c/d.txt"):
        write(tmp_path, name, "date 2024-01-01 Some text.\n")
    first = [a.id for a in load_articles(tmp_path)[0]]
    second = [a.id for a in load_articles(tmp_path)[0]]
    assert first == second == ["a", "b", "c/d"]


def test_ids_do_not_depend_on_folder_location(tmp_path: Path) -> None:
    """The same tree under two different roots gives the same ids."""
    for root in (tmp_path / "one", tmp_path / "deeper" / "two"):
        write(root, "x/y.txt", "date 2024-01-01 Some text.\n")
    ids_one = [a.id for a in load_articles(tmp_path / "one")[0]]
    ids_two = [a.id for a in load_articles(tmp_path / "deeper" / "two")[0]]
    assert ids_one == ids_two == ["x/y"]


def test_hidden_folders_and_files_ignored(tmp_path: Path) -> None:
    """Files in hidden folders and hidden files are not articles."""
    write(tmp_path, "visible.txt", "date 2024-01-01 Visible.\n")
    write(tmp_path, ".git/notes.txt", "date 2024-01-01 Hidden folder.\n")
    write(tmp_path, "sub/.cache/x.md", FRONT_MATTER)
    write(tmp_path, ".hidden.txt", "date 2024-01-01 Hidden file.\n")
    articles, skipped = load_articles(tmp_path)
    assert [a.id for a in articles] == ["visible"]
    assert skipped == []


def test_other_extensions_ignored(tmp_path: Path) -> None:
    """Only .txt and .md files are read."""
    write(tmp_path, "story.txt", "date 2024-01-01 Story.\n")
    write(tmp_path, "image.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tmp_path, "notes.json", '{"a": 1}')
    articles, skipped = load_articles(tmp_path)
    assert [a.id for a in articles] == ["story"]
    assert skipped == []


def test_content_hash_changes_with_content() -> None:
    """The content hash follows the file's bytes."""
    one = parse_article(b"date 2024-01-01 One.\n", "a", "a.txt")
    same = parse_article(b"date 2024-01-01 One.\n", "b", "b.txt")
    other = parse_article(b"date 2024-01-01 Two.\n", "a", "a.txt")
    assert one.content_hash == same.content_hash != other.content_hash


def test_missing_folder_raises_naming_it(tmp_path: Path) -> None:
    """A missing articles folder raises ArticleError naming the folder."""
    missing = tmp_path / "no-such-articles"
    with pytest.raises(ArticleError, match="no-such-articles"):
        load_articles(missing)


# --- bad files -----------------------------------------------------------------------------------------

BAD_FILES: list[tuple[str, bytes, str]] = [
    ("latin1.txt", "date 2024-01-01 Caf\u00e9 society.\n".encode("latin-1"), "not UTF-8"),
    ("empty.txt", b"", "empty"),
    ("blank.md", b"  \n\n\t \n", "empty"),
    ("broken.md", b"---\ntitle: [unclosed\ndate: 2020-01-01\n---\nBody.\n", "broken YAML"),
    ("unclosed.md", b"---\ntitle: T\ndate: 2020-01-01\nBody with no closing line.\n", "never closed"),
    ("feb30-yaml.md", b"---\ntitle: T\ndate: 2024-02-30\n---\nBody.\n", "impossible date"),
    ("feb30-string.md", b"---\ntitle: T\ndate: '2024-02-30'\n---\nBody.\n", "impossible date"),
    ("feb30-seed.txt", b"date 2024-02-30 Body text.\n", "impossible date"),
    ("binary.txt", b"date 2024-01-01 \x00\x01\x02\x00binary", "binary"),
    ("list.md", b"---\n- one\n- two\n---\nBody.\n", "not a mapping"),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_skipped_with_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, data: bytes, reason: str
) -> None:
    """A bad file is skipped with exactly one warning naming the file and the reason."""
    write(tmp_path, name, data)
    write(tmp_path, "good.txt", "date 2024-01-01 A good article.\n")
    write(tmp_path, "also/good.md", FRONT_MATTER)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        articles, skipped = load_articles(tmp_path)
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert name in warnings[0].getMessage()
    assert reason in warnings[0].getMessage()
    assert [(s.path, reason in s.reason) for s in skipped] == [(name, True)]
    assert sorted(a.id for a in articles) == ["also/good", "good"]


def test_good_files_load_without_warnings(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A folder of good files loads with no warning."""
    write(tmp_path, "good.txt", SEED_TEXT)
    write(tmp_path, "good.md", FRONT_MATTER)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        articles, skipped = load_articles(tmp_path)
    assert len(articles) == 2
    assert skipped == []
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n", b"abc\x00", "\u00e9".encode("latin-1"), b"---\nx: 1\n", b"---\n- a\n---\nB.\n"],
    ids=["empty", "blank", "nul", "latin1", "unclosed", "list"],
)
def test_parse_article_raises_article_error(data: bytes) -> None:
    """parse_article raises ArticleError, never another exception, for a bad file."""
    with pytest.raises(ArticleError):
        parse_article(data, "x", "x.md")


# --- the Wikinews archive ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wikinews() -> list[Article]:
    articles, skipped = load_articles(require_shared(WIKINEWS))
    assert skipped == []
    return articles


def test_wikinews_all_parse(wikinews: list[Article]) -> None:
    """All 293 Wikinews articles parse."""
    assert len(wikinews) == 293


def test_wikinews_dates_in_range(wikinews: list[Article]) -> None:
    """Every Wikinews article has a date in 2019 or 2020."""
    assert all(a.date is not None and 2019 <= a.date.year <= 2020 for a in wikinews)


def test_wikinews_urls(wikinews: list[Article]) -> None:
    """Every Wikinews article has a Wikinews url."""
    assert all(a.url and a.url.startswith("https://en.wikinews.org/") for a in wikinews)


def test_wikinews_titles_from_front_matter(wikinews: list[Article]) -> None:
    """Every Wikinews article has its own title, not a derived one."""
    assert all(a.title and not a.title_derived for a in wikinews)
