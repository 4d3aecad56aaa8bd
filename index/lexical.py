"""BM25 over passages (bm25s with a Snowball stemmer): catches names and numbers that embeddings blur."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

from index import synonyms

_STEMMER = Stemmer.Stemmer("english")
# bm25s's English list (33 words) keeps question words, which match every passage that says "who" or "did".
STOPWORDS = sorted(
    set(bm25s.stopwords.STOPWORDS_EN)
    | set("who whom whose what which when where why how did does do doing done was were is are am be been being "
          "has had have having".split())
)
# Tuned on squad-dev two-sentence passages (bench/): short passages want weaker length normalisation and
# term saturation than bm25s's defaults (k1=1.5, b=0.75).
K1 = 0.6
B = 0.5


def tokenize(texts: list[str]) -> list[list[str]]:
    """Lower-case, drop English stop words and stem, as both the index and the queries must."""
    return bm25s.tokenize(texts, stopwords=STOPWORDS, stemmer=_STEMMER, return_ids=False, show_progress=False)


class LexicalIndex:
    """A BM25 index whose document ids are passage positions."""

    def __init__(self, retriever: bm25s.BM25, size: int) -> None:
        self._retriever = retriever
        self.size = size
        # Empty when no passage holds a single indexable word (only stop words, symbols or control characters).
        self._vocab: dict[str, int] = getattr(retriever, "vocab_dict", None) or {}

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        retriever = bm25s.BM25(k1=K1, b=B)
        corpus = bm25s.tokenize(texts, stopwords=STOPWORDS, stemmer=_STEMMER, show_progress=False)
        if corpus.vocab:  # bm25s cannot index a corpus without a single term
            retriever.index(corpus, show_progress=False)
        return cls(retriever, len(texts))

    def save(self, folder: Path) -> None:
        if self._vocab:
            self._retriever.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> LexicalIndex:
        if not size or not any(folder.iterdir()):
            return cls(bm25s.BM25(), size)
        # Mapped, not read, like the vectors (index.store): the score matrix stays in the page cache, shared and
        # reclaimable (224 MiB at a million passages, bench/README.md), for the same time per question.
        return cls(bm25s.BM25.load(str(folder), mmap=True, show_progress=False, verbosity=0), size)

    def idf(self, tokens: Sequence[str]) -> list[float]:
        """BM25's rarity weight of each token (a token absent from the index counts as seen in no passage)."""
        vocab = self._vocab
        indptr = self._retriever.scores["indptr"] if vocab else np.zeros(1, dtype=np.int64)
        weights = []
        for token in tokens:
            tid = vocab.get(token)
            df = int(indptr[tid + 1] - indptr[tid]) if tid is not None else 0
            weights.append(math.log(1.0 + (self.size - df + 0.5) / (df + 0.5)))
        return weights

    def scores(self, query: str, mask: np.ndarray | None = None, *, expand: bool = False) -> np.ndarray:
        """Return one BM25 score per passage (zeros when no query term is in the index).

        `expand` also searches the relatives of the query's words (`index.synonyms`: spokesman for speaks).
        """
        terms = tokenize([query])[0]
        if expand:
            terms = synonyms.expand(terms, _expansions())
        tokens = [t for t in terms if t in self._vocab]
        if not tokens or not self.size:
            return np.zeros(self.size, dtype=np.float32)
        weights = None if mask is None else mask.astype(np.float32)
        return np.asarray(self._retriever.get_scores(tokens, weight_mask=weights), dtype=np.float32)


@cache
def _expansions() -> dict[str, tuple[str, ...]]:
    return synonyms.expansions(tokenize)
