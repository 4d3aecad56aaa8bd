"""Cut an article into passages: overlapping windows of consecutive sentences inside one paragraph.

Small windows make each passage a ready quote (the answer is shown verbatim, one to three sentences),
and the one-sentence overlap means an answer that straddles two sentences is still one passage.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import Protocol

from index.models import Article, Passage
from index.sentences import Span, paragraphs, sentences

TokenCounter = Callable[[str], int]
# Each text's token ids and their character spans, without [CLS]/[SEP] and untruncated: the embedder's one
# batched call of its fast tokenizer (`Embedder.tokenize`).
Tokenize = Callable[[list[str]], list[tuple[list[int], list[tuple[int, int]]]]]
SpanCounter = Callable[[int, int], int]
# Characters BERT's tokenizer keeps as whitespace, so a token always ends before one and starts after one,
# whatever the text around. Not every str.isspace() character: its normaliser deletes control characters
# (\f, \v, \x1c-\x1f, \x85), which joins their neighbours into one word.
SEPARATORS = frozenset(" \t\n\r\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))))
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


def passage_room(article: Titled, title_context: bool, limit: int, count_tokens: TokenCounter) -> int:
    """The model tokens left to a passage of this article once its indexed headline is put before it."""
    title = indexed_title(article, title_context)
    return limit - (count_tokens(title) - 1 if title else 0)


def indexed_text(article: Titled, passage_text: str, title_context: bool) -> str:
    """The one text a passage is indexed under, embedded and matched by BM25 alike.

    Its article's headline gives a short passage its topic.
    """
    title = indexed_title(article, title_context)
    return f"{title}\n{passage_text}" if title else passage_text


class ArticleTokens:
    """One tokenisation of an article's paragraphs, which counts the tokens of a span of its text (and gives the
    span's tokens) without tokenising it again.

    Exact: a span whose two ends meet a paragraph's edge or a `SEPARATORS` character has the tokens of the
    paragraphs that lie inside it (BERT's tokenizer reads a word on its own, and the text between paragraphs
    holds whitespace only); any other span is counted by `count_tokens` on its text, as before.
    """

    def __init__(self, text: str, blocks: Sequence[Span], tokenize: Tokenize, count_tokens: TokenCounter) -> None:
        self.text = text
        self.count_tokens = count_tokens
        self._starts = {s for s, _ in blocks}
        self._ends = {e for _, e in blocks}
        self._first = blocks[0][0] if blocks else 0
        self._last = blocks[-1][1] if blocks else 0
        self.ids: list[int] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        encoded = tokenize([text[s:e] for s, e in blocks]) if blocks else []
        for (shift, _), (ids, offsets) in zip(blocks, encoded, strict=True):
            self.ids.extend(ids)
            self.starts.extend(s + shift for s, _ in offsets)
            self.ends.extend(e + shift for _, e in offsets)

    @classmethod
    def of(cls, article: Article, tokenize: Tokenize, count_tokens: TokenCounter) -> ArticleTokens:
        return cls(article.text, paragraphs(article.text, article.body_start), tokenize, count_tokens)

    def clean(self, start: int, end: int) -> bool:
        """Whether text[start:end] tokenises into exactly the tokens of the paragraphs inside it."""
        text = self.text
        return (
            self._first <= start <= end <= self._last
            and (start in self._starts or text[start - 1] in SEPARATORS)
            and (end in self._ends or text[end] in SEPARATORS)
        )

    def inside(self, start: int, end: int) -> tuple[int, int]:
        """The range of tokens inside [start, end) of a clean span."""
        return bisect_left(self.starts, start), bisect_right(self.ends, end)

    def count(self, start: int, end: int) -> int:
        """count_tokens(text[start:end]): the span's tokens plus [CLS] and [SEP]."""
        if self.clean(start, end):
            first, last = self.inside(start, end)
            return 2 + max(last - first, 0)
        return self.count_tokens(self.text[start:end])


def span_counter(text: str, count_tokens: TokenCounter, tokens: ArticleTokens | None) -> SpanCounter:
    """count_tokens(text[start:end]) as a function of (start, end): from `tokens` when given."""
    if tokens is not None:
        return tokens.count
    return lambda start, end: count_tokens(text[start:end])


def chunk_article(
    article: Article,
    sentences_per_passage: int,
    max_tokens: int,
    count_tokens: TokenCounter,
    tokens: ArticleTokens | None = None,
) -> list[Passage]:
    """Return the article's passages in reading order; each fits `max_tokens` of the model's window.

    `tokens` (the article's paragraphs tokenised once) counts tokens without tokenising each candidate span; the
    passages are the same with or without it.
    """
    text = article.text
    count = span_counter(text, count_tokens, tokens)
    spans: list[Span] = []
    for p_start, p_end in paragraphs(text, article.body_start):
        units = _fit_sentences(text, sentences(text, p_start, p_end), max_tokens, count)
        spans.extend(_windows(units, sentences_per_passage, max_tokens, count))
    return [Passage(article.id, s, e, text[s:e]) for s, e in spans]


def _windows(units: list[Span], size: int, max_tokens: int, count: SpanCounter) -> list[Span]:
    if len(units) <= size:
        whole = (units[0][0], units[-1][1]) if units else None
        if whole and count(whole[0], whole[1]) <= max_tokens:
            return [whole]
        return units
    spans: list[Span] = []
    for i in range(len(units) - size + 1):
        span = (units[i][0], units[i + size - 1][1])
        if count(span[0], span[1]) <= max_tokens:
            spans.append(span)
        else:
            spans.extend(u for u in units[i : i + size] if u not in spans)
    return spans


def _fit_sentences(text: str, spans: list[Span], max_tokens: int, count: SpanCounter) -> list[Span]:
    """Split any sentence longer than the window at word boundaries."""
    fitted: list[Span] = []
    for start, end in spans:
        if count(start, end) <= max_tokens:
            fitted.append((start, end))
            continue
        fitted.extend(_split_words(text, start, end, max_tokens, count))
    return fitted


def _split_words(text: str, start: int, end: int, max_tokens: int, count: SpanCounter) -> list[Span]:
    """Cut an over-long sentence at word boundaries into pieces of about equal size, none over the limit."""
    words = [m.span() for m in _WORD.finditer(text, start, end)]
    pieces_needed = -(-count(start, end) // max_tokens)
    target = min(max_tokens, -(-count(start, end) // pieces_needed) + 2)
    pieces: list[Span] = []
    first: int | None = None
    last = 0
    for word_start, word_end in words:
        if first is not None and count(first, word_end) > target:
            pieces.append((first, last))
            first = None
        if first is None:
            first = word_start
        last = word_end
    if first is not None:
        pieces.append((first, last))
    return pieces
