"""Find quotations in article text: straight and curly double quotes, including quotes that run over paragraphs.

News style opens every paragraph of a long quotation again and closes only the last one:

    “First paragraph of the quote.

    “Second paragraph,” she said.

so an unclosed quote continues when the next paragraph opens with a quote mark; otherwise it is dropped as
unbalanced. Single quotes are left alone: they are apostrophes far more often than quotations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_MARKS = "“„"
CLOSE_MARKS = "”"
STRAIGHT = '"'
# A paragraph break: a newline, optional blanks, another newline.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")


@dataclass(frozen=True)
class QuoteSpan:
    """The quoted words are text[start:end]; the marks sit at `open` and `close - 1` (`close` is past it)."""

    open: int
    start: int
    end: int
    close: int


def find_quotations(text: str, start: int = 0, end: int | None = None) -> list[QuoteSpan]:
    """Return every balanced quotation in text[start:end], in order, each with at least one letter inside."""
    end = len(text) if end is None else end
    spans: list[QuoteSpan] = []
    opened: int | None = None
    pos = start
    while pos < end:
        ch = text[pos]
        if ch == "\n" and opened is not None:
            brk = _PARAGRAPH_BREAK.match(text, pos, end)
            if brk:
                nxt = _skip_blanks(text, brk.end(), end)
                if nxt < end and _opens(text, nxt, start):
                    # The quotation continues in the next paragraph: skip its repeated opening mark.
                    pos = nxt + 1
                    continue
                opened = None
                pos = brk.end()
                continue
        if ch in OPEN_MARKS or (ch == STRAIGHT and opened is None and _opens(text, pos, start)):
            opened = pos
        elif (ch in CLOSE_MARKS or ch == STRAIGHT) and opened is not None:
            if any(c.isalpha() for c in text[opened + 1 : pos]):
                spans.append(QuoteSpan(opened, opened + 1, pos, pos + 1))
            opened = None
        pos += 1
    return spans


def _opens(text: str, pos: int, floor: int) -> bool:
    """Whether the mark at `pos` opens a quotation: curly opening, or straight after a space and before a word."""
    ch = text[pos]
    if ch in OPEN_MARKS:
        return True
    if ch != STRAIGHT:
        return False
    before = text[pos - 1] if pos > floor else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:/") and not after.isspace()


def _skip_blanks(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] in " \t\r\n":
        pos += 1
    return pos


# "I", "my", "we" and their kin: the quoted words are someone's own.
_FIRST_PERSON = re.compile(
    r"\b(?:I|I['’](?:m|ve|d|ll)|[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Ww]e|[Ww]e['’](?:re|ve|d|ll)|us|[Oo]urs?|[Oo]urselves)\b"
)


def in_first_person(quoted: str) -> bool:
    """Whether a quotation speaks in the first person: someone's own words, not a title or a term in scare quotes."""
    return _FIRST_PERSON.search(quoted) is not None


def title_like(quoted: str) -> bool:
    """"All I Want for Christmas Is You": a title of a work, most of its longer words capitalised; a sentence that
    ends in its mark is none ("The future of the CentOS Project is CentOS Stream.")."""
    if re.search(r"[.!?]\W*$", quoted) and len(quoted.split()) >= 5:
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", quoted) if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) * 2 > len(words)
