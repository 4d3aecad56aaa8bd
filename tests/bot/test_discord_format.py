"""Tests for the Discord rendering of answers: plain function calls, no Discord."""

from __future__ import annotations

import datetime as dt

import discord
import pytest

from bot.discord_format import (
    DESCRIPTION_LIMIT,
    EMBED_LIMIT,
    FOOTER_LIMIT,
    MESSAGE_LIMIT,
    TITLE_LIMIT,
    clip,
    duration,
    escaped,
    message,
    result_embed,
    share,
    status_embed,
)
from bot.formatting import NO_ANSWER
from index.models import Answer, DateRange, IndexStats, SearchResult

CHEUNG = (
    "In a statement, Trump campaign spokesman Steven Cheung urged the EU to \"mind their own business "
    'instead of trying to meddle in the US Presidential election."'
)
STATS = IndexStats(articles=6, passages=48, model="all-MiniLM-L6-v2", built_at="2024-08-14T09:30:00+00:00",
                   index_type="flat")


def answer(**changes: object) -> Answer:
    fields: dict[str, object] = {
        "quote": CHEUNG, "article_id": "000", "title": "Donald Trump has recounted his assassination attempt",
        "date": dt.date(2024, 8, 13), "url": None, "path": "000.txt", "score": 0.8123, "start": 0, "end": 1,
    }
    fields.update(changes)
    return Answer(**fields)  # type: ignore[arg-type]


def embed_for(*answers: Answer, question: str = "Who speaks for the Trump campaign?", **changes: object
              ) -> discord.Embed:
    return result_embed(SearchResult(question, list(answers), 12.0, **changes), STATS)  # type: ignore[arg-type]


def assert_within_limits(embed: discord.Embed) -> None:
    assert len(embed.title or "") <= TITLE_LIMIT
    assert len(embed.description or "") <= DESCRIPTION_LIMIT
    assert len(embed.footer.text or "") <= FOOTER_LIMIT
    assert len(embed) <= EMBED_LIMIT


def test_answer_is_a_block_quote_over_its_source() -> None:
    """Each answer is a '> ' quote line followed by '— title · date · score'."""
    lines = (embed_for(answer()).description or "").splitlines()
    assert lines[0] == "> " + CHEUNG
    title = "**Donald Trump has recounted his assassination attempt**"
    assert lines[1] == f"— {title} · `000.txt` · 2024-08-13 · score 0.81"


def test_title_is_a_link_when_the_article_has_a_url() -> None:
    """A web address turns the title into a masked link; brackets in the title cannot break it."""
    text = embed_for(answer(title="Vote [updated]", url="https://example.com/a_(b)")).description or ""
    assert "[Vote \\[updated\\]](https://example.com/a_%28b%29)" in text


def test_non_web_url_is_not_linked() -> None:
    """Only http(s) addresses become links."""
    text = embed_for(answer(url="javascript:alert(1)")).description or ""
    assert "](" not in text and "**Donald Trump" in text


def test_undated_article_says_so() -> None:
    """An article without a date shows 'undated' instead."""
    assert "· undated ·" in (embed_for(answer(date=None)).description or "")


def test_markdown_in_quotes_and_titles_is_escaped() -> None:
    """Discord markdown characters in quotes and titles are shown literally."""
    text = embed_for(answer(quote="a *bold* claim, __under__ ~~struck~~ `code`", title="The *best* _title_"))
    description = text.description or ""
    assert "\\*bold\\*" in description and "\\_\\_under\\_\\_" in description and "\\`code\\`" in description
    assert "The \\*best\\* \\_title\\_" in description


def test_question_is_the_title_and_footer_names_the_index() -> None:
    """The embed's title is the question; its footer gives the article count and the build date."""
    embed = embed_for(answer())
    assert embed.title == "Who speaks for the Trump campaign?"
    assert embed.footer.text == "6 articles indexed · updated 2024-08-14"


@pytest.mark.parametrize(("articles", "counted"), [(1, "1 article"), (0, "0 articles"), (2, "2 articles")])
def test_footer_counts_articles_in_singular_and_plural(articles: int, counted: str) -> None:
    """One article is '1 article indexed', never '1 articles'."""
    stats = IndexStats(articles, 3, "m", "2024-08-14T09:30:00+00:00", "flat")
    footer = result_embed(SearchResult("q", [answer()], 1.0), stats).footer.text
    assert footer == f"{counted} indexed · updated 2024-08-14"


def test_also_in_lists_the_other_articles() -> None:
    """A quote found in several articles names the others."""
    text = embed_for(answer(also_in=("Second story", "Third story"))).description or ""
    assert "also in: Second story; Third story" in text


def test_date_range_is_described() -> None:
    """A question limited to dates says which dates were searched."""
    text = embed_for(answer(), date_range=DateRange(dt.date(2024, 8, 1), dt.date(2024, 8, 31))).description or ""
    assert text.startswith("_Searching articles from 2024-08-01 to 2024-08-31_")


def test_no_answer_says_so_plainly_with_closest_titles() -> None:
    """Nothing above the threshold: a plain sentence and the closest titles, no quotes."""
    text = embed_for(no_answer=True, closest=["Flood meeting", "Gull Island"]).description or ""
    assert text.splitlines() == [NO_ANSWER, "Closest articles: Flood meeting; Gull Island"]


def test_everyone_is_quoted_verbatim() -> None:
    """'@everyone' is kept as written: the reply's allowed mentions, not the text, stop the ping."""
    assert '"@everyone please come"' in (embed_for(answer(quote='"@everyone please come"')).description or "")


HUGE = "word " * 2000
TRICKY = "*_~|`" * 1200


@pytest.mark.parametrize(
    ("answers", "question"),
    [
        ([answer(quote=HUGE)], "short"),
        ([answer(quote=HUGE, title=f"Title {i}") for i in range(10)], "short"),
        ([answer(quote=TRICKY, title=TRICKY[:600]) for _ in range(10)], TRICKY),
        ([answer(title="T" * 1000, url="https://example.com/" + "p" * 400, also_in=("x" * 500,) * 5)] * 10, "q" * 900),
        ([answer(quote="short one")] * 3 + [answer(quote=HUGE)], "mixed"),
    ],
    ids=["one-long-quote", "ten-long-quotes", "markdown-everywhere", "long-sources", "mixed"],
)
def test_embed_stays_within_discord_limits(answers: list[Answer], question: str) -> None:
    """However long the question, quotes, titles and urls, the embed fits, trimmed with an ellipsis."""
    embed = embed_for(*answers, question=question)
    assert_within_limits(embed)
    assert "…" in (embed.description or "")
    assert (embed.description or "").startswith("> ")


def test_short_quotes_are_not_trimmed_to_make_room() -> None:
    """Room is shared: short quotes stay whole and the long one gets the rest."""
    text = embed_for(*[answer(quote="short one")] * 3, answer(quote=HUGE)).description or ""
    assert text.count("> short one\n") == 3


def test_no_answer_with_long_titles_stays_within_limits() -> None:
    """The no-answer message is trimmed too."""
    assert_within_limits(embed_for(no_answer=True, closest=["t" * 3000] * 5, question="q" * 500))


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("exactly ten", 11, "exactly ten"),
        ("one two three four five", 16, "one two three…"),
        ("abcdefghijklmnop", 5, "abcd…"),
        ("anything", 0, ""),
    ],
)
def test_clip(text: str, limit: int, expected: str) -> None:
    """Clipping keeps short text, prefers word boundaries and always ends long text with an ellipsis."""
    assert clip(text, limit) == expected


def test_escaped_text_fits_its_limit() -> None:
    """Escaping can double the length; the raw text is cut so the escaped form still fits."""
    out = escaped("*" * 100, 51)
    assert len(out) <= 51 and out.endswith("…")


def test_message_fits_2000_characters() -> None:
    """Plain messages are cut to Discord's 2,000 characters."""
    assert len(message("x " * 3000)) <= MESSAGE_LIMIT


def test_share_gives_short_texts_their_length() -> None:
    """Short texts keep their length; long ones split the rest evenly."""
    assert share([10, 1000, 1000], 310) == [10, 150, 150]
    assert share([5, 5], 100) == [5, 5]
    assert share([100], -5) == [0]


def test_status_embed_shows_counts_model_build_and_uptime() -> None:
    """/status: articles, passages, model, index type, last build and uptime."""
    fields = {f.name: f.value for f in status_embed(STATS, 3725).fields}
    assert fields["Articles"] == "6" and fields["Passages"] == "48"
    assert fields["Model"] == "all-MiniLM-L6-v2" and fields["Index type"] == "flat"
    assert fields["Last build"] == "2024-08-14 09:30 UTC" and fields["Uptime"] == "1 h 2 min"


@pytest.mark.parametrize(
    ("seconds", "expected"), [(40, "40 s"), (432, "7 min 12 s"), (7500, "2 h 5 min"), (3 * 86400 + 4 * 3600, "3 d 4 h")]
)
def test_duration(seconds: float, expected: str) -> None:
    """Durations read as the two largest units."""
    assert duration(seconds) == expected
