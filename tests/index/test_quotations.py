"""The quotation finder: straight and curly quotes, quotes over paragraphs, and any text at all."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.quotations import find_quotations


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotations(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win" on Friday.', ["we will win"]),
        ("She said “we will win” on Friday.", ["we will win"]),
        ('"One," he said, "two."', ["One,", "two."]),
        ("The 5'10\" player said nothing.", []),
        ('A stray " mark and no quote.', []),
        ('"123"', []),
        ('He said "never closed.\n\nNext paragraph is narrative.', []),
    ],
)
def test_quotations_found(text: str, expected: list[str]) -> None:
    """Balanced quotes are found with their words; stray marks, numbers and unclosed quotes are not."""
    assert quoted(text) == expected


def test_quote_over_paragraphs_is_one_quotation() -> None:
    """News style reopens each paragraph of a long quote and closes only the last: one quotation."""
    text = "He said:\n\n“First part of it.\n\n“Second part,” he said."
    (only,) = find_quotations(text)
    assert text[only.start : only.end] == "First part of it.\n\n“Second part,"
    assert text[only.open] == "“" and text[only.close - 1] == "”"


def test_straight_quote_over_paragraphs() -> None:
    """The same convention with straight quotes."""
    text = 'Intro "first paragraph\n\n"second paragraph" said Ann.'
    assert quoted(text) == ['first paragraph\n\n"second paragraph']


@given(st.lists(st.sampled_from(list('ab "“”„\n\t.,') + ["\n\n"])).map("".join) | st.text())
def test_any_text_gives_spans_inside_it(text: str) -> None:
    """Any text: no exception; spans ordered, inside the text, marks where they say, words with a letter."""
    last = -1
    for q in find_quotations(text):
        assert last <= q.open < q.start <= q.end < q.close <= len(text)
        assert text[q.open] in '"“„' and text[q.close - 1] in '"”'
        assert any(c.isalpha() for c in text[q.start : q.end])
        last = q.close
