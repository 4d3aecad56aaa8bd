"""Late chunking (Günther et al., 2024): read each paragraph once, then pool every passage from its own tokens.

The passages (and so the quotes) stay today's overlapping sentence windows; only their vectors change. The
model reads the article's headline and a whole paragraph, and a passage's vector is the mean of the contextual
token vectors that fall inside its characters. Each token goes through the model once instead of once per
window holding it, and each vector has seen its paragraph. A paragraph longer than the model's window is cut
into segments of whole passages (consecutive segments share the passage's sentences that overlap).

`article` context packs consecutive paragraphs into one segment while they fit: the headline is read once per
segment instead of once per paragraph and the batches carry no padding to speak of (faster), and a passage's
vector has seen its neighbouring paragraphs too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np
from tqdm import tqdm

from index.models import Article, Passage
from index.passages import ArticleTokens, SpanCounter, indexed_text, indexed_title
from index.sentences import paragraphs

TokenCounter = Callable[[str], int]
# Segments handed to the model per call: the progress bar's step.
CHUNK = 256
LateChunking = Literal["none", "paragraph", "article"]
CONTEXTS = ("paragraph", "article")


class TokenEmbedder(Protocol):
    dimension: int

    def token_vectors(self, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]: ...


@dataclass(frozen=True)
class Segment:
    """What the model reads once: `text` is the headline prefix plus article.text[start:...]."""

    text: str
    start: int
    prefix: int
    passages: tuple[int, ...]


def plan_segments(
    article: Article,
    passages: Sequence[Passage],
    title_context: bool,
    max_tokens: int,
    count_tokens: TokenCounter,
    context: str = "paragraph",
    tokens: ArticleTokens | None = None,
) -> list[Segment]:
    """Group the article's passages (in reading order) into segments that fit `max_tokens`, each inside one
    paragraph (`context` paragraph) or spanning as many paragraphs as fit (`article`).

    `tokens` (the article's paragraphs tokenised once) counts a candidate segment's tokens without tokenising
    it; the segments are the same with or without it."""
    text = article.text
    prefix = len(indexed_text(article, "", title_context))
    count = segment_counter(article, title_context, count_tokens, tokens)
    segments: list[Segment] = []
    order = sorted(range(len(passages)), key=lambda i: passages[i].start)
    cursor = 0
    blocks = paragraphs(text, article.body_start) if context == "paragraph" else [(article.body_start, len(text))]
    for _, p_end in blocks:
        members: list[int] = []
        while cursor < len(order) and passages[order[cursor]].start < p_end:
            members.append(order[cursor])
            cursor += 1
        segments.extend(_fit(article, passages, members, title_context, prefix, max_tokens, count))
    return segments


def segment_counter(
    article: Article, title_context: bool, count_tokens: TokenCounter, tokens: ArticleTokens | None
) -> SpanCounter:
    """count_tokens(indexed_text(article, article.text[start:end], title_context)) as a function of (start, end).

    With `tokens`, a clean span (ArticleTokens.clean) adds its paragraphs' tokens to the headline's: the line
    break after the headline always ends a token, so the headline tokenises as it does alone."""

    def tokenised(start: int, end: int) -> int:
        return count_tokens(indexed_text(article, article.text[start:end], title_context))

    if tokens is None:
        return tokenised
    title = indexed_title(article, title_context)
    base = count_tokens(title) if title else 2

    def counted(start: int, end: int) -> int:
        if tokens.clean(start, end):
            first, last = tokens.inside(start, end)
            return base + max(last - first, 0)
        return tokenised(start, end)

    return counted


def _fit(
    article: Article,
    passages: Sequence[Passage],
    members: list[int],
    title_context: bool,
    prefix: int,
    max_tokens: int,
    count: SpanCounter,
) -> list[Segment]:
    """Consecutive passages while they fit; a group's segment runs from its first passage's start to the
    furthest end of its passages."""

    def segment(group: list[int], end: int) -> Segment:
        start = passages[group[0]].start
        return Segment(indexed_text(article, article.text[start:end], title_context), start, prefix, tuple(group))

    if not members:
        return []
    end = max(passages[i].end for i in members)
    if count(passages[members[0]].start, end) <= max_tokens:
        return [segment(members, end)]
    out: list[Segment] = []
    group: list[int] = []
    group_end = 0
    for i in members:
        end = max(group_end, passages[i].end)
        if group and count(passages[group[0]].start, end) > max_tokens:
            out.append(segment(group, group_end))
            group = []
            end = passages[i].end
        group.append(i)
        group_end = end
    out.append(segment(group, group_end))
    return out


def pool(tokens: np.ndarray, offsets: np.ndarray, start: int, end: int) -> np.ndarray:
    """Mean of the token vectors whose characters lie inside [start, end) (special tokens have empty spans)."""
    inside = (offsets[:, 0] >= start) & (offsets[:, 1] <= end) & (offsets[:, 1] > offsets[:, 0])
    chosen = tokens[inside] if inside.any() else tokens
    vector = chosen.mean(axis=0)
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def pool_spans(tokens: np.ndarray, offsets: np.ndarray, spans: Sequence[tuple[int, int]]) -> np.ndarray:
    """`pool` of every span, the same bits, finding each span's tokens by binary search instead of a mask.

    The tokens with characters are in reading order (starts and ends both ascending), so those inside a span
    are the run after the last one starting before it and up to the last one ending inside it; a tokenisation
    out of order falls back to `pool`."""
    out = np.empty((len(spans), tokens.shape[1]), dtype=np.float32)
    if not spans:
        return out
    real = np.flatnonzero(offsets[:, 1] > offsets[:, 0])
    starts, ends = offsets[real, 0], offsets[real, 1]
    if np.any(starts[1:] < starts[:-1]) or np.any(ends[1:] < ends[:-1]):
        for k, (start, end) in enumerate(spans):
            out[k] = pool(tokens, offsets, start, end)
        return out
    bounds = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    firsts = np.searchsorted(starts, bounds[:, 0], side="left").tolist()
    lasts = np.searchsorted(ends, bounds[:, 1], side="right").tolist()
    rows = real.tolist()
    for k, (first, last) in enumerate(zip(firsts, lasts, strict=True)):
        if last <= first:
            chosen = tokens
        elif rows[last - 1] - rows[first] == last - 1 - first:
            chosen = tokens[rows[first] : rows[last - 1] + 1]
        else:
            chosen = tokens[real[first:last]]
        vector = chosen.mean(axis=0)
        out[k] = vector / max(float(np.linalg.norm(vector)), 1e-12)
    return out


def embed_articles(
    embedder: TokenEmbedder,
    articles: Sequence[tuple[Article, Sequence[Passage]]],
    title_context: bool,
    max_tokens: int,
    count_tokens: TokenCounter,
    *,
    context: str = "paragraph",
    progress: bool = False,
    tokens: Sequence[ArticleTokens | None] | None = None,
) -> np.ndarray:
    """Vectors of every (article, passages)'s passages, concatenated in the order given.

    `tokens`: each article's ArticleTokens (or None), to plan its segments without tokenising them."""
    planned: list[tuple[Segment, list[int], list[tuple[int, int]]]] = []
    base = 0
    tables = tokens if tokens is not None else [None] * len(articles)
    for (article, passages), table in zip(articles, tables, strict=True):
        for segment in plan_segments(article, passages, title_context, max_tokens, count_tokens, context, table):
            shift = segment.prefix - segment.start
            spans = [(passages[i].start + shift, passages[i].end + shift) for i in segment.passages]
            planned.append((segment, [base + i for i in segment.passages], spans))
        base += len(passages)
    vectors = np.zeros((base, embedder.dimension), dtype=np.float32)
    # Longest first in chunks, so the bar moves steadily and each chunk's batches carry little padding.
    planned.sort(key=lambda item: -len(item[0].text))
    with tqdm(total=base, desc="Embedding passages (late)", unit="passage", disable=not progress or not base) as bar:
        for first in range(0, len(planned), CHUNK):
            chunk = planned[first : first + CHUNK]
            for (_, ids, spans), (vectors_of_tokens, offsets) in zip(
                chunk, embedder.token_vectors([segment.text for segment, _, _ in chunk]), strict=True
            ):
                vectors[ids] = pool_spans(vectors_of_tokens, offsets, spans)
                bar.update(len(ids))
    return vectors
