"""Tests for the plain-text rendering of answers."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.formatting import NO_ANSWER, render_result
from index.models import Answer, DateRange, SearchResult

CHEUNG = (
    "In a statement, Trump campaign spokesman Steven Cheung urged the EU to \"mind their own business "
    'instead of trying to meddle in the US Presidential election."'
)


def answer(**changes: object) -> Answer:
    fields: dict[str, object] = {
        "quote": CHEUNG,
        "article_id": "000_ff470f0c3d23d7a6",
        "title": "Donald Trump has recounted his assassination attempt",
        "date": dt.date(2024, 8, 13),
        "url": None,
        "path": "000_ff470f0c3d23d7a6.txt",
        "score": 0.8123,
        "start": 3310,
        "end": 3450,
    }
    fields.update(changes)
    return Answer(**fields)  # type: ignore[arg-type]


def render(*answers: Answer, **changes: object) -> str:
    return render_result(SearchResult("Who speaks for the Trump campaign?", list(answers), 12.5, **changes))


def quote_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("> ")]


def test_quote_is_block_quote() -> None:
    """The quote is shown as '> ' block-quote lines holding its words in order."""
    lines = quote_lines(render(answer()))
    assert lines
    assert " ".join(line[2:] for line in lines).split() == CHEUNG.split()


@pytest.mark.parametrize("width", [40, 60, 88])
def test_quote_lines_fit_width(width: int) -> None:
    """A long quote is wrapped into block-quote lines no wider than the width."""
    text = render_result(SearchResult("q", [answer()], 1.0), width=width)
    lines = quote_lines(text)
    assert len(lines) > 1
    assert all(len(line) <= width for line in lines)


def test_multiline_quote_collapsed_into_block_quote() -> None:
    """A quote with line breaks is shown only as block-quote lines, none bare."""
    text = render(answer(quote="First line of the quote\nsecond line of it."))
    assert quote_lines(text) == ["> First line of the quote second line of it."]


def test_title_shown() -> None:
    """The article's title is shown with the quote."""
    assert "Donald Trump has recounted his assassination attempt" in render(answer())


def test_date_shown() -> None:
    """The article's date is shown as YYYY-MM-DD."""
    assert "2024-08-13" in render(answer())


def test_undated() -> None:
    """An article without a date is shown as undated."""
    assert "undated" in render(answer(date=None))


def test_dated_article_not_undated() -> None:
    """A dated article is not called undated."""
    assert "undated" not in render(answer())


def test_url_shown_instead_of_path() -> None:
    """An article with a url shows the url, not its path."""
    text = render(answer(url="https://example.org/story"))
    assert "https://example.org/story" in text
    assert "000_ff470f0c3d23d7a6.txt" not in text


def test_path_shown_without_url() -> None:
    """An article without a url shows its path."""
    assert "000_ff470f0c3d23d7a6.txt" in render(answer(url=None))


def test_source_line_follows_quote() -> None:
    """The source line comes right after the quote's last block-quote line."""
    lines = render(answer(url="https://example.org/story")).splitlines()
    last_quote = max(i for i, line in enumerate(lines) if line.startswith("> "))
    source = lines[last_quote + 1]
    assert "Donald Trump has recounted" in source
    assert "2024-08-13" in source
    assert "https://example.org/story" in source


def test_score_shown() -> None:
    """Each answer shows its score to two decimals."""
    assert "0.81" in render(answer())


def test_answers_in_order() -> None:
    """Several answers are shown in the given order, each with its own source."""
    first = answer(quote="The first quote.", title="First title")
    second = answer(quote="The second quote.", title="Second title", date=None)
    text = render(first, second)
    assert text.index("> The first quote.") < text.index("First title") < text.index("> The second quote.")
    assert text.index("> The second quote.") < text.index("Second title")


def test_also_in_shown() -> None:
    """Articles folded in as near-duplicates are listed as 'also in'."""
    text = render(answer(also_in=("Wire copy of the story", "Local reprint")))
    assert "also in: Wire copy of the story; Local reprint" in text


def test_no_also_in_line_without_duplicates() -> None:
    """Without near-duplicates there is no 'also in' line."""
    assert "also in" not in render(answer())


def test_score_on_source_line_with_also_in() -> None:
    """With near-duplicates the score stays on the source line, not on the 'also in' line."""
    lines = render(answer(also_in=("Wire copy",))).splitlines()
    also = next(line for line in lines if "also in" in line)
    source = next(line for line in lines if "2024-08-13" in line)
    assert "score" not in also
    assert "(score 0.81)" in source


def test_no_answer_message() -> None:
    """With no answer the message says nothing in the archive answers."""
    text = render(no_answer=True, closest=["Council approves budget"])
    assert NO_ANSWER == "Nothing in the archive answers that."
    assert NO_ANSWER in text


def test_no_answer_shows_closest_titles() -> None:
    """With no answer the closest articles' titles are listed."""
    text = render(no_answer=True, closest=["Council approves budget", "Mayor resigns"])
    assert "Council approves budget" in text
    assert "Mayor resigns" in text


def test_no_answer_without_closest() -> None:
    """With no answer and nothing close, only the message is shown."""
    assert render(no_answer=True) == NO_ANSWER


def test_no_answer_shows_no_quotes() -> None:
    """A no-answer result shows no block quotes."""
    assert quote_lines(render(no_answer=True, closest=["A title"])) == []


@pytest.mark.parametrize(
    ("date_range", "line"),
    [
        (DateRange(dt.date(2024, 8, 1), dt.date(2024, 8, 31)), "Searching articles from 2024-08-01 to 2024-08-31"),
        (DateRange(dt.date(2024, 1, 1), None), "Searching articles from 2024-01-01 on"),
        (DateRange(None, dt.date(2020, 12, 31)), "Searching articles up to 2020-12-31"),
    ],
    ids=["both ends", "from", "up to"],
)
def test_date_range_line(date_range: DateRange, line: str) -> None:
    """A date range read from the question is shown as the first line."""
    text = render(answer(), date_range=date_range)
    assert text.splitlines()[0] == f"({line})"


def test_date_range_with_no_answer() -> None:
    """The date range line is shown above the no-answer message too."""
    text = render(no_answer=True, date_range=DateRange(dt.date(2024, 1, 1), None))
    assert text.splitlines() == ["(Searching articles from 2024-01-01 on)", NO_ANSWER]


def test_no_date_range_line_when_unset() -> None:
    """Without a date range there is no 'Searching articles' line."""
    assert "Searching articles" not in render(answer())


def test_no_trailing_whitespace() -> None:
    """The rendered text does not end with blank lines."""
    text = render(answer(), answer(quote="Another one.", start=0, end=12))
    assert text == text.rstrip()
