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
from index.passages import indexed_text
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
) -> list[Segment]:
    """Group the article's passages (in reading order) into segments that fit `max_tokens`, each inside one
    paragraph (`context` paragraph) or spanning as many paragraphs as fit (`article`)."""
    text = article.text
    prefix = len(indexed_text(article, "", title_context))
    segments: list[Segment] = []
    order = sorted(range(len(passages)), key=lambda i: passages[i].start)
    cursor = 0
    blocks = paragraphs(text, article.body_start) if context == "paragraph" else [(article.body_start, len(text))]
    for _, p_end in blocks:
        members: list[int] = []
        while cursor < len(order) and passages[order[cursor]].start < p_end:
            members.append(order[cursor])
            cursor += 1
        segments.extend(_fit(article, passages, members, title_context, prefix, max_tokens, count_tokens))
    return segments


def _fit(
    article: Article,
    passages: Sequence[Passage],
    members: list[int],
    title_context: bool,
    prefix: int,
    max_tokens: int,
    count_tokens: TokenCounter,
) -> list[Segment]:
    def segment(group: list[int]) -> Segment:
        start = passages[group[0]].start
        end = max(passages[i].end for i in group)
        return Segment(indexed_text(article, article.text[start:end], title_context), start, prefix, tuple(group))

    if not members:
        return []
    whole = segment(members)
    if count_tokens(whole.text) <= max_tokens:
        return [whole]
    out: list[Segment] = []
    group: list[int] = []
    for i in members:
        if group and count_tokens(segment([*group, i]).text) > max_tokens:
            out.append(segment(group))
            group = []
        group.append(i)
    out.append(segment(group))
    return out


def pool(tokens: np.ndarray, offsets: np.ndarray, start: int, end: int) -> np.ndarray:
    """Mean of the token vectors whose characters lie inside [start, end) (special tokens have empty spans)."""
    inside = (offsets[:, 0] >= start) & (offsets[:, 1] <= end) & (offsets[:, 1] > offsets[:, 0])
    chosen = tokens[inside] if inside.any() else tokens
    vector = chosen.mean(axis=0)
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def embed_articles(
    embedder: TokenEmbedder,
    articles: Sequence[tuple[Article, Sequence[Passage]]],
    title_context: bool,
    max_tokens: int,
    count_tokens: TokenCounter,
    *,
    context: str = "paragraph",
    progress: bool = False,
) -> np.ndarray:
    """Vectors of every (article, passages)'s passages, concatenated in the order given."""
    planned: list[tuple[Segment, list[int], list[tuple[int, int]]]] = []
    base = 0
    for article, passages in articles:
        for segment in plan_segments(article, passages, title_context, max_tokens, count_tokens, context):
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
            for (_, ids, spans), (tokens, offsets) in zip(
                chunk, embedder.token_vectors([segment.text for segment, _, _ in chunk]), strict=True
            ):
                for i, (start, end) in zip(ids, spans, strict=True):
                    vectors[i] = pool(tokens, offsets, start, end)
                bar.update(len(ids))
    return vectors
