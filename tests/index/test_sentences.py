"""Tests for splitting article text into paragraphs and sentences with character offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.articles import parse_article
from index.sentences import paragraphs, sentences

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_ff470f0c3d23d7a6.txt"


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentences(text, 0, len(text))]


def split_paragraphs(text: str) -> list[str]:
    return [text[s:e] for s, e in paragraphs(text)]


SENTENCE_CASES: list[tuple[str, list[str]]] = [
    ("Mr. Smith went home. He slept.", ["Mr. Smith went home.", "He slept."]),
    ("Dr. Jones met Mrs. Lee. They talked.", ["Dr. Jones met Mrs. Lee.", "They talked."]),
    (
        "Dr. Jones met the U.S. ambassador. They talked.",
        ["Dr. Jones met the U.S. ambassador.", "They talked."],
    ),
    ("The U.S. economy grew. Jobs rose.", ["The U.S. economy grew.", "Jobs rose."]),
    ("Gen. Smith arrived. Col. Brown followed.", ["Gen. Smith arrived.", "Col. Brown followed."]),
    ("J. R. R. Tolkien wrote books. He died in 1973.", ["J. R. R. Tolkien wrote books.", "He died in 1973."]),
    (
        "She met John F. Kennedy Jr. at the party. It was fun.",
        ["She met John F. Kennedy Jr. at the party.", "It was fun."],
    ),
    ("Inflation rose 3.5 percent. Prices climbed.", ["Inflation rose 3.5 percent.", "Prices climbed."]),
    ("The fund lost $1.2 billion. Investors fled.", ["The fund lost $1.2 billion.", "Investors fled."]),
    ("He arrived at 3. Then he left.", ["He arrived at 3.", "Then he left."]),
    ('"We will win." She said it twice.', ['"We will win."', "She said it twice."]),
    ("He said \u201cyes.\u201d Then he left.", ["He said \u201cyes.\u201d", "Then he left."]),
    ("He said 'yes.' Then he left.", ["He said 'yes.'", "Then he left."]),
    ("(This is an aside.) Next one.", ["(This is an aside.)", "Next one."]),
    ("Ask him \u201cwhy?\u201d He will answer.", ["Ask him \u201cwhy?\u201d", "He will answer."]),
    ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
    ("Wait!!! Really?! Yes.", ["Wait!!!", "Really?!", "Yes."]),
    ("He paused... Then he spoke.", ["He paused...", "Then he spoke."]),
    ("He paused\u2026 Then he spoke.", ["He paused\u2026", "Then he spoke."]),
    ("It grew in 1999. \"Quotes open\" it.", ["It grew in 1999.", '"Quotes open" it.']),
    ("A sentence.\nNext line here.", ["A sentence.", "Next line here."]),
    ("  Leading space. Trailing space.  ", ["Leading space.", "Trailing space."]),
    ("No final stop here", ["No final stop here"]),
    ("version 2.0 is lower case. then more.", ["version 2.0 is lower case. then more."]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCE_CASES, ids=[c[0][:30] for c in SENTENCE_CASES])
def test_sentence_splitting(text: str, expected: list[str]) -> None:
    """Sentences end at . ! ? and ellipses, not at abbreviations, initials or decimals."""
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said no. Then he left.", ["He said no.", "Then he left."]),
        ("The council voted no. The measure failed.", ["The council voted no.", "The measure failed."]),
    ],
    ids=["said no", "voted no"],
)
def test_word_no_ends_sentence(text: str, expected: list[str]) -> None:
    """The word 'no' at the end of a sentence is not the abbreviation 'No.'."""
    assert split(text) == expected


def test_sentences_respect_bounds() -> None:
    """Sentences are found only inside text[start:end], with offsets into the whole text."""
    text = "Outside. Inside one. Inside two. Outside again."
    start = text.index("Inside one")
    end = text.index(" Outside again")
    assert [text[s:e] for s, e in sentences(text, start, end)] == ["Inside one.", "Inside two."]


PARAGRAPH_CASES: list[tuple[str, list[str]]] = [
    ("One. Two.\n\nThree.", ["One. Two.", "Three."]),
    ("One.\n  \n\t\n\nTwo.", ["One.", "Two."]),
    ("Line one\nline two.\n\nNext.", ["Line one\nline two.", "Next."]),
    ("\n\n  Padded.  \n\n", ["Padded."]),
    ("Intro text.\n\nShifting loyalties\n\nBody text.", ["Intro text.", "Shifting loyalties", "Body text."]),
    ("", []),
    ("   \n\n  ", []),
]


@pytest.mark.parametrize(("text", "expected"), PARAGRAPH_CASES, ids=[repr(c[0][:20]) for c in PARAGRAPH_CASES])
def test_paragraph_splitting(text: str, expected: list[str]) -> None:
    """Paragraphs are separated by blank lines; a subheading line alone is its own paragraph."""
    assert split_paragraphs(text) == expected


def test_crlf_blank_line_separates_paragraphs() -> None:
    """A blank line with Windows line endings separates paragraphs."""
    assert split_paragraphs("Windows one.\r\n\r\nWindows two.") == ["Windows one.", "Windows two."]


def test_paragraphs_from_start_offset() -> None:
    """paragraphs(text, start) ignores text before start and keeps whole-text offsets."""
    text = "header line\n\nFirst.\n\nSecond."
    start = text.index("First")
    assert [text[s:e] for s, e in paragraphs(text, start)] == ["First.", "Second."]


# --- offsets over real articles ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_spans(seed_text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    article = parse_article(seed_text.encode("utf-8"), "seed", SEED.name)
    paras = paragraphs(seed_text, article.body_start)
    sents = [span for p in paras for span in sentences(seed_text, *p)]
    return paras, sents


ALL_CASE_TEXTS = [c[0] for c in SENTENCE_CASES] + [c[0] for c in PARAGRAPH_CASES]


@pytest.mark.parametrize("text", ALL_CASE_TEXTS, ids=[repr(t[:20]) for t in ALL_CASE_TEXTS])
def test_every_span_is_stripped(text: str) -> None:
    """No paragraph or sentence span starts or ends with whitespace or is empty."""
    spans = list(paragraphs(text))
    spans += [s for p in paragraphs(text) for s in sentences(text, *p)]
    assert all(e > s and not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)


def test_seed_spans_are_stripped(seed_text: str, seed_spans: tuple) -> None:
    """Every paragraph and sentence span of the seed article is stripped and non-empty."""
    paras, sents = seed_spans
    for s, e in paras + sents:
        assert e > s
        assert seed_text[s:e] == seed_text[s:e].strip()


def test_seed_sentences_round_trip(seed_text: str, seed_spans: tuple) -> None:
    """Sentence spans are ordered, disjoint and, with the whitespace between them, rebuild each paragraph."""
    paras, _ = seed_spans
    for p_start, p_end in paras:
        sents = sentences(seed_text, p_start, p_end)
        assert sents[0][0] == p_start and sents[-1][1] == p_end
        for (_, prev_end), (next_start, _) in zip(sents, sents[1:]):
            assert prev_end <= next_start
            assert seed_text[prev_end:next_start].isspace()


def test_seed_subheading_is_own_paragraph(seed_text: str, seed_spans: tuple) -> None:
    """The seed's 'Shifting loyalties' subheading is a paragraph of its own."""
    paras, _ = seed_spans
    assert "Shifting loyalties" in [seed_text[s:e] for s, e in paras]


def test_seed_statement_sentence(seed_text: str, seed_spans: tuple) -> None:
    """Exactly one seed sentence starts with the Cheung statement, and it is one whole sentence."""
    _, sents = seed_spans
    texts = [seed_text[s:e] for s, e in sents]
    matches = [t for t in texts if t.startswith("In a statement, Trump campaign spokesman Steven Cheung")]
    assert matches == [
        "In a statement, Trump campaign spokesman Steven Cheung urged the EU to \"mind their own business "
        'instead of trying to meddle in the US Presidential election."'
    ]


def test_seed_first_sentence_after_date_header(seed_text: str, seed_spans: tuple) -> None:
    """The seed's first sentence starts after the date header, on the date line."""
    _, sents = seed_spans
    s, e = sents[0]
    assert seed_text[s:e].startswith("Donald Trump has recounted his assassination attempt")
