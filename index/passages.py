"""Cut an article into passages: overlapping windows of consecutive sentences inside one paragraph.

Small windows make each passage a ready quote (the answer is shown verbatim, one to three sentences),
and the one-sentence overlap means an answer that straddles two sentences is still one passage.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from index.models import Article, Passage
from index.sentences import Span, paragraphs, sentences

TokenCounter = Callable[[str], int]
# A headline's topic is in its first words; a very long one must not crowd the passage out of the window.
TITLE_WORDS = 24
_WORD = re.compile(r"\S+")


def context_title(title: str, derived: bool) -> str | None:
    """The title worth matching against: a real headline (its first words), not one derived from the text."""
    return None if derived else " ".join(title.split()[:TITLE_WORDS])


class Titled(Protocol):
    """An article as parsed (`Article`) or as the manifest keeps it (`ArticleMeta`)."""

    @property
    def title(self) -> str: ...

    @property
    def title_derived(self) -> bool: ...


def indexed_title(article: Titled, title_context: bool) -> str | None:
    """The headline put before each of the article's passages, if any."""
    return context_title(article.title, article.title_derived) if title_context else None


def indexed_text(article: Titled, passage_text: str, title_context: bool) -> str:
    """The one text a passage is indexed under, embedded and matched by BM25 alike.

    Its article's headline gives a short passage its topic.
    """
    title = indexed_title(article, title_context)
    return f"{title}\n{passage_text}" if title else passage_text


def chunk_article(
    article: Article, sentences_per_passage: int, max_tokens: int, count_tokens: TokenCounter
) -> list[Passage]:
    """Return the article's passages in reading order; each fits `max_tokens` of the model's window."""
    text = article.text
    spans: list[Span] = []
    for p_start, p_end in paragraphs(text, article.body_start):
        units = _fit_sentences(text, sentences(text, p_start, p_end), max_tokens, count_tokens)
        spans.extend(_windows(text, units, sentences_per_passage, max_tokens, count_tokens))
    return [Passage(article.id, s, e, text[s:e]) for s, e in spans]


def _windows(
    text: str, units: list[Span], size: int, max_tokens: int, count_tokens: TokenCounter
) -> list[Span]:
    if len(units) <= size:
        whole = (units[0][0], units[-1][1]) if units else None
        if whole and count_tokens(text[whole[0] : whole[1]]) <= max_tokens:
            return [whole]
        return units
    spans: list[Span] = []
    for i in range(len(units) - size + 1):
        span = (units[i][0], units[i + size - 1][1])
        if count_tokens(text[span[0] : span[1]]) <= max_tokens:
            spans.append(span)
        else:
            spans.extend(u for u in units[i : i + size] if u not in spans)
    return spans


def _fit_sentences(text: str, spans: list[Span], max_tokens: int, count_tokens: TokenCounter) -> list[Span]:
    """Split any sentence longer than the window at word boundaries."""
    fitted: list[Span] = []
    for start, end in spans:
        if count_tokens(text[start:end]) <= max_tokens:
            fitted.append((start, end))
            continue
        fitted.extend(_split_words(text, start, end, max_tokens, count_tokens))
    return fitted


def _split_words(text: str, start: int, end: int, max_tokens: int, count_tokens: TokenCounter) -> list[Span]:
    """Cut an over-long sentence at word boundaries into pieces of about equal size, none over the limit."""
    words = [m.span() for m in _WORD.finditer(text, start, end)]
    pieces_needed = -(-count_tokens(text[start:end]) // max_tokens)
    target = min(max_tokens, -(-count_tokens(text[start:end]) // pieces_needed) + 2)
    pieces: list[Span] = []
    first: int | None = None
    last = 0
    for word_start, word_end in words:
        if first is not None and count_tokens(text[first:word_end]) > target:
            pieces.append((first, last))
            first = None
        if first is None:
            first = word_start
        last = word_end
    if first is not None:
        pieces.append((first, last))
    return pieces
