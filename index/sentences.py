"""Split article text into paragraphs and sentences, keeping character offsets.

A hand-written splitter: the libraries available offline either lose offsets, need data downloaded from a
hub (nltk's punkt) or are too slow for a large archive (pysbd), and news prose needs only a few rules:
abbreviations, initials, decimals and closing quotes.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

_PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t\r]*\n\s*")
# A sentence ends at . ! ? (or …) plus any closing quotes/brackets, followed by whitespace.
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_NEXT_START = re.compile(r"\s+[\"'“‘(\[]?[A-Z0-9À-Þ]")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt insp
    vs etc inc ltd co corp dept est fig approx vol ed eds jan feb mar apr jun jul aug sep sept oct
    nov dec u.s u.k u.n e.g i.e a.m p.m al""".split()
)

# "No. 5" abbreviates "number", but "He said no." ends a sentence.
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos"})
_DIGIT_NEXT = re.compile(r"\s*\d")


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Return the spans of non-blank paragraphs in text[start:end], stripped of surrounding whitespace."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    pos = start
    for brk in _PARAGRAPH_BREAK.finditer(text, start, end):
        _append_stripped(text, pos, brk.start(), spans)
        pos = brk.end()
    _append_stripped(text, pos, end, spans)
    return spans


def sentences(text: str, start: int, end: int) -> list[Span]:
    """Return sentence spans inside one paragraph text[start:end]."""
    spans: list[Span] = []
    pos = start
    for match in _END.finditer(text, start, end):
        stop = match.end()
        if not _NEXT_START.match(text, stop, end) or _is_abbreviation(text, pos, match.start(), match.group()):
            continue
        _append_stripped(text, pos, stop, spans)
        pos = stop
    _append_stripped(text, pos, end, spans)
    return spans


def _is_abbreviation(text: str, sentence_start: int, dot: int, mark: str) -> bool:
    if not mark.startswith("."):
        return False
    word_start = dot
    while word_start > sentence_start and not text[word_start - 1].isspace() and text[word_start - 1] not in "(\"“":
        word_start -= 1
    word = text[word_start:dot].lower()
    if not word:
        return False
    if word in _NUMBER_ABBREVIATIONS:
        return bool(_DIGIT_NEXT.match(text, dot + 1))
    if word in _ABBREVIATIONS:
        return True
    # A single initial ("J. Smith") or a dotted acronym ("U.S.") is not a sentence end.
    return len(word) == 1 and word.isalpha() or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def _append_stripped(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
