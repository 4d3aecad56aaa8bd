"""Paragraph context for lexical matching: BM25 over the paragraphs the passages come from.

A two-sentence passage often holds the answer while the question's words sit in the sentence before it; BM25
over whole paragraphs sees both (on squad-dev five whole BM25 paragraphs hold the answer far more often than
five passages do). The paragraphs are recovered from the passages themselves: passages overlap by all but one
sentence and never cross a paragraph, so consecutive overlapping passages of one article form a paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from index.lexical import LexicalIndex
from index.models import Passage


def paragraph_groups(passages: Sequence[Passage]) -> np.ndarray:
    """Each passage's paragraph number (passages in reading order): a passage that overlaps the one before it in
    the same article continues its paragraph; any other starts the next."""
    groups = np.zeros(len(passages), dtype=np.int64)
    group = -1
    for i, passage in enumerate(passages):
        previous = passages[i - 1] if i else None
        if previous is None or previous.article_id != passage.article_id or passage.start >= previous.end:
            group += 1
        groups[i] = group
    return groups


def paragraph_texts(passages: Sequence[Passage], groups: np.ndarray) -> list[str]:
    """The text of each paragraph, pieced together from its passages (each a slice of the same article)."""
    texts: list[str] = []
    end = 0
    for i, passage in enumerate(passages):
        if i == 0 or groups[i] != groups[i - 1]:
            texts.append(passage.text)
            end = passage.end
        elif passage.end > end:
            texts[-1] += passage.text[end - passage.start :]
            end = passage.end
    return texts


class ParagraphContext:
    """BM25 over paragraphs, read per passage: a passage scores as its paragraph does.

    `headlines` maps an article to the headline its passages are indexed with (empty for none), so paragraphs
    are matched as their passages are.
    """

    def __init__(self, passages: Sequence[Passage], headlines: dict[str, str]) -> None:
        self.groups = paragraph_groups(passages)
        firsts = np.flatnonzero(np.diff(self.groups, prepend=-1))
        texts = paragraph_texts(passages, self.groups)
        heads = [headlines.get(passages[int(i)].article_id, "") for i in firsts]
        self._lexical = LexicalIndex.build([f"{h}\n{t}" if h else t for h, t in zip(heads, texts, strict=True)])

    def scores(self, query: str, mask: np.ndarray | None = None, *, expand: bool = False) -> np.ndarray:
        """Each passage's paragraph's BM25 score over the best paragraph's (0 to 1); `mask` (over passages)
        keeps only the paragraphs of the allowed passages."""
        allowed = None
        if mask is not None:
            allowed = np.zeros(self._lexical.size, dtype=bool)
            allowed[self.groups[mask]] = True
        paragraph = self._lexical.scores(query, allowed, expand=expand)
        best = float(paragraph.max()) if len(paragraph) else 0.0
        if best <= 0:
            return np.zeros(len(self.groups), dtype=np.float32)
        return (paragraph / best)[self.groups]
