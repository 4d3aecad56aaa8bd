"""BM25 over passages (bm25s with a Snowball stemmer): catches names and numbers that embeddings blur."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

from index import bm25_maxscore, synonyms
from index.ranking import top_positive

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


# From this many passages the k best are found document at a time (index.bm25_maxscore) when numba is installed:
# below it a score per passage costs no more (bench/README.md, "BM25 document at a time").
PRUNED_FROM = 10_000_000


@dataclass(frozen=True)
class QueryTerms:
    """A query's indexed words in the query's order (a repeated word counts again, as in bm25s): each one's token
    id and where its postings lie in the score matrix."""

    ids: list[int]
    starts: np.ndarray
    ends: np.ndarray


@dataclass(frozen=True)
class LexicalTop:
    """The k best passages of a query, best first, and their scores; `every`: the score of every passage, where
    the dense path computed them (the search reads other candidates' scores there)."""

    ids: np.ndarray
    scores: np.ndarray
    every: np.ndarray | None = None


class LexicalIndex:
    """A BM25 index whose document ids are passage positions."""

    def __init__(self, retriever: bm25s.BM25, size: int) -> None:
        self._retriever = retriever
        self.size = size
        # Empty when no passage holds a single indexable word (only stop words, symbols or control characters).
        self._vocab: dict[str, int] = getattr(retriever, "vocab_dict", None) or {}
        self._uppers: dict[int, float] = {}
        self.pruned_from = PRUNED_FROM

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

    def terms(self, query: str, *, expand: bool = False) -> QueryTerms:
        """The query's indexed words (`expand`: and their relatives, `index.synonyms`)."""
        words = tokenize([query])[0]
        if expand:
            words = synonyms.expand(words, _expansions())
        ids = [self._vocab[w] for w in words if w in self._vocab] if self.size else []
        indptr = self._retriever.scores["indptr"] if ids else np.zeros(1, dtype=np.int64)
        starts = np.array([indptr[t] for t in ids], dtype=np.int64)
        ends = np.array([indptr[t + 1] for t in ids], dtype=np.int64)
        return QueryTerms(ids, starts, ends)

    def top(self, terms: QueryTerms, k: int, mask: np.ndarray | None = None) -> LexicalTop:
        """The passages of the k best positive scores (best first, equal scores by id) and their scores."""
        if not terms.ids:
            return LexicalTop(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32))
        arrays = self._retriever.scores
        if k > 0 and bm25_maxscore.available() and self.size >= self.pruned_from:
            return LexicalTop(*bm25_maxscore.top_k(arrays["data"], arrays["indices"], terms.starts, terms.ends,
                                                   self._upper_values(terms), k, mask))  # fmt: skip
        scores = self._every(terms, mask)
        ids = top_positive(scores, k)
        return LexicalTop(ids, scores[ids], scores)

    def _every(self, terms: QueryTerms, mask: np.ndarray | None) -> np.ndarray:
        """One score per passage, bm25s's (zero where `mask` is False)."""
        if not terms.ids:
            return np.zeros(self.size, dtype=np.float32)
        weights = None if mask is None else mask.astype(np.float32)
        return np.asarray(self._retriever.get_scores_from_ids(terms.ids, weight_mask=weights), dtype=np.float32)

    def _upper_values(self, terms: QueryTerms) -> np.ndarray:
        """Each word's largest value, read once per word and kept (a pass over a common word's postings)."""
        data = self._retriever.scores["data"]
        for t, lo, hi in zip(terms.ids, terms.starts.tolist(), terms.ends.tolist(), strict=True):
            if t not in self._uppers:
                self._uppers[t] = float(data[lo:hi].max()) if hi > lo else 0.0
        return np.array([self._uppers[t] for t in terms.ids], dtype=np.float64)

    def scores_at(
        self, terms: QueryTerms, top: LexicalTop, ids: np.ndarray, mask: np.ndarray | None = None
    ) -> np.ndarray:
        """The scores of the passages `ids` (ascending, unique), zero where `mask` is False: read from `top`'s
        every score when it has them (the dense path), else looked up word by word (after the pruned one)."""
        if top.every is not None:
            return top.every[ids]
        if not terms.ids:
            return np.zeros(len(ids), dtype=np.float32)
        arrays = self._retriever.scores
        out = bm25_maxscore.scores_of(arrays["data"], arrays["indices"], terms.starts, terms.ends, ids)
        return out if mask is None else out * mask[ids]

    def scores(self, query: str, mask: np.ndarray | None = None, *, expand: bool = False) -> np.ndarray:
        """Return one BM25 score per passage (zeros when no query term is in the index).

        `expand` also searches the relatives of the query's words (`index.synonyms`: spokesman for speaks).
        """
        return self._every(self.terms(query, expand=expand), mask)


@cache
def _expansions() -> dict[str, tuple[str, ...]]:
    return synonyms.expansions(tokenize)
