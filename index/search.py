"""Answer a question: embed it, retrieve dense and lexical candidates, fuse, and choose verbatim quotes."""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

import numpy as np

from index.ann import search_ann
from index.dates import parse_date_range, period_only
from index.embed import Embedder
from index.features import CandidateInput, question_of
from index.features import features as candidate_features
from index.lexical import tokenize
from index.models import Answer, DateRange, IndexStats, SearchResult
from index.questions import check_question
from index.ranking import (
    Candidate,
    combined_order,
    cross_encoder_text,
    narrow_quote,
    order_within_articles,
    recency_factor,
    rrf_fuse,
    select_answers,
    top_ids,
)
from index.rerank import Ranker, load_ranker
from index.sentences import sentences
from index.stale import ChangedFiles
from index.store import LoadedIndex

if TYPE_CHECKING:
    from collections.abc import Sequence

log = logging.getLogger(__name__)

# Articles listed for a question that is only a period, unless the caller asks for another number.
PERIOD_LIST_LIMIT = 25


Fusion = Literal["linear", "rrf"]


class PairScorer(Protocol):
    """Scores passages against a question read together with each (`index.cross_encoder.CrossEncoder`)."""

    def scores(self, question: str, passages: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class SearchConfig:
    top_k: int = 5
    max_per_article: int = 2
    candidates: int = 100
    dense_weight: float = 1.0
    lexical_weight: float = 0.5
    rrf_k: int = 60
    fusion: Fusion = "linear"
    min_score: float = 0.35
    recency_half_life_days: float | None = 365.0
    recency_weight: float = 0.1
    duplicate_similarity: float = 0.9
    today: dt.date | None = None
    closest_titles: int = 3
    narrow_words: int = 45
    narrow_margin: int = 2
    max_from_first_article: int | None = 3
    lead_margin: float | None = 0.4
    widen_dates: bool = True
    expand_terms: bool = True
    rerank: bool = False
    rerank_depth: int = 30
    cross_encoder: bool = True
    cross_encoder_depth: int = 3
    cross_encoder_weight: float = 0.02
    cross_encoder_article_weight: float | None = 0.1
    keep_weak: bool = False


@dataclass(frozen=True)
class FirstStage:
    """The fused dense + BM25 ranking of one question, before any reranking.

    `date_range` is the filter applied; `widened_from` the dates read from the question but not applied,
    because no article from them answered (a date in a question may name the event, not the publication).
    """

    question: str
    query: str
    candidates: list[Candidate]
    date_range: DateRange | None
    widened_from: DateRange | None
    today: dt.date


class Searcher:
    """Answers questions from one loaded index; safe to share between threads (it only reads)."""

    def __init__(
        self,
        index: LoadedIndex,
        embedder: Embedder,
        config: SearchConfig,
        *,
        ranker: Ranker | None = None,
        cross_encoder: PairScorer | None = None,
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.config = config
        self.ranker = ranker if ranker is not None or not config.rerank else load_ranker()
        if cross_encoder is None and config.cross_encoder:
            from index.cross_encoder import shared_cross_encoder

            cross_encoder = shared_cross_encoder(embedder.folder)
        self.cross_encoder = cross_encoder if config.cross_encoder else None
        contents = index.contents
        self._passages = contents.passages
        self._vectors = contents.vectors
        self._articles = contents.articles
        self._titles = {aid: meta.title for aid, meta in self._articles.items()}
        self._columns = contents.columns
        self._ordinals = self._columns.ordinals
        # Recency counts from the newest article when the archive stopped before today: in an archive last
        # fed two years ago every article has aged past the half-lives and recency would no longer tell
        # this year's coverage from coverage of five years before.
        self._newest = int(self._ordinals.max()) if len(self._ordinals) else -1
        self._positions = self._columns.positions
        root = contents.manifest.articles_dir
        self._changed = ChangedFiles(Path(root) if root else None)

    def stats(self) -> IndexStats:
        return self.index.stats()

    def ask(
        self,
        question: str,
        top_k: int | None = None,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        only: np.ndarray | None = None,
    ) -> SearchResult:
        """Return up to `top_k` quotes answering `question`, or a no-answer result with the closest titles.

        Dates named in the question ("in August 2024") filter articles; `since`/`until` override them.
        `only`, a boolean mask over the passages, restricts the search to some (one speaker's, one author's).
        """
        started = time.perf_counter()
        question = check_question(question)
        today = self.config.today or dt.date.today()
        period = None if since or until else period_only(question, today)
        if period is not None:
            answers = self._period_ledes(period, top_k if top_k is not None else PERIOD_LIST_LIMIT)
            took = (time.perf_counter() - started) * 1000
            return SearchResult(question, answers, took, period, not answers, [])
        stage = self.first_stage(question, since=since, until=until, only=only)
        ranked = self.rerank(stage) if self.ranker is not None else None
        if self.cross_encoder is not None:
            ranked = self.cross_rerank(stage, ranked)
        return self.answer(stage, top_k, ranked=ranked, started=started)

    def answer(
        self,
        stage: FirstStage,
        top_k: int | None = None,
        *,
        ranked: list[Candidate] | None = None,
        started: float | None = None,
    ) -> SearchResult:
        """Choose the quotes of a ranking (`ranked`, by default the first stage's own order)."""
        started = time.perf_counter() if started is None else started
        cfg = self.config
        top_k = top_k or cfg.top_k
        ranked = stage.candidates if ranked is None else ranked
        chosen = select_answers(
            ranked,
            self._vectors,
            top_k=top_k,
            max_per_article=cfg.max_per_article,
            duplicate_similarity=cfg.duplicate_similarity,
            titles=self._titles,
            max_from_first_article=cfg.max_from_first_article,
            lead_margin=cfg.lead_margin,
        )
        terms = set(tokenize([stage.query])[0])
        # No answer when the first stage's best passage is weak (bench: F1 0.86 for this rule against 0.78 for
        # "every quote weak", at the same threshold). It is the first stage's, not the reranked first quote's, so
        # a reranker changes which quote comes first but not whether the archive answers at all.
        confident = bool(chosen) and stage.candidates[0].relevance >= cfg.min_score
        answers = [
            self._answer(c, terms) for c in chosen if confident and (c.relevance >= cfg.min_score or cfg.keep_weak)
        ]
        closest: list[str] = []
        if not answers:
            closest = _unique([self._titles[c.article_id] for c in ranked])[: cfg.closest_titles]
        took = (time.perf_counter() - started) * 1000
        log.debug("ask %r top_k=%d -> %d answers in %.1f ms", stage.question, top_k, len(answers), took)
        return SearchResult(
            stage.question, answers, took, stage.date_range, not answers, closest, widened_from=stage.widened_from
        )

    def first_stage(
        self,
        question: str,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        only: np.ndarray | None = None,
    ) -> FirstStage:
        """Embed the question and fuse dense and BM25 candidates, best first.

        Dates named in the question filter articles; when nothing from those dates clears `min_score` (or none
        is dated, as in an encyclopedia), the whole archive is searched again with the date phrase kept in the
        query. `since`/`until` are explicit filters and are never widened; `only` (a passage mask) always applies.
        """
        cfg = self.config
        today = cfg.today or dt.date.today()
        date_range, query = parse_date_range(question, today)
        explicit = bool(since or until)
        if explicit:
            date_range = DateRange(since, until)
        query = query.strip() or question
        qvec = self.embedder.encode_query(query)
        mask = self._date_mask(date_range)
        if only is not None:
            mask = only if mask is None else mask & only
        ranked = self._rank(query, qvec, mask, exact_dates=date_range is not None, today=today)
        if date_range is not None and not explicit and cfg.widen_dates and not _clears(ranked, cfg):
            query = question
            qvec = self.embedder.encode_query(query)
            ranked = self._rank(query, qvec, only, exact_dates=False, today=today)
            return FirstStage(question, query, ranked, None, date_range, today)
        return FirstStage(question, query, ranked, date_range, None, today)

    def features(self, stage: FirstStage) -> np.ndarray:
        """The second stage's features of the first `rerank_depth` candidates (`index.features.FEATURE_NAMES`)."""
        head = stage.candidates[: self.config.rerank_depth]
        question = question_of(stage.query, tokenize, self.index.lexical.idf)
        inputs = [self._candidate_input(c, stage.today) for c in head]
        return candidate_features(question, inputs, tokenize)

    def rerank(
        self, stage: FirstStage, ranker: Ranker | None = None, rows: np.ndarray | None = None
    ) -> list[Candidate]:
        """The first `rerank_depth` candidates in the ranker's order, then the rest in the first stage's.

        `rows`: the stage's `features`, when already computed.
        """
        ranker = ranker or self.ranker
        if ranker is None or not stage.candidates:
            return stage.candidates
        depth = self.config.rerank_depth
        scores = ranker.scores(self.features(stage) if rows is None else rows)
        order = np.argsort(-scores, kind="stable")
        head = [replace(stage.candidates[i], score=float(scores[i]), also_in=[]) for i in order]
        return head + stage.candidates[depth:]

    def cross_rerank(
        self, stage: FirstStage, ranked: list[Candidate] | None = None, scorer: PairScorer | None = None
    ) -> list[Candidate]:
        """The first `cross_encoder_depth` candidates reordered by their score plus the cross-encoder's.

        Scores stay the first stage's (min_score, the leading article and the reply read them); only the order
        changes. `ranked`: a ranking to reorder instead of the first stage's own.
        """
        scorer = scorer or self.cross_encoder
        ranked = stage.candidates if ranked is None else ranked
        if scorer is None or not ranked:
            return ranked
        head = ranked[: self.config.cross_encoder_depth]
        texts = [cross_encoder_text(self._titles[c.article_id], self._passages[c.index].text) for c in head]
        cross = scorer.scores(stage.question, texts)
        first = np.array([c.score for c in head], dtype=np.float32)
        order = combined_order(first, cross, self.config.cross_encoder_weight)
        inside = self.config.cross_encoder_article_weight
        if inside is not None:
            order = order_within_articles(order, [c.article_id for c in head], first + inside * cross)
        return [head[i] for i in order] + ranked[len(head) :]

    def _candidate_input(self, cand: Candidate, today: dt.date) -> CandidateInput:
        ordinal = self._ordinals[cand.index]
        return CandidateInput(
            text=self._passages[cand.index].text,
            title=self._titles[cand.article_id],
            article_id=cand.article_id,
            dense=cand.relevance,
            lexical=cand.lexical,
            first_stage=cand.score,
            age_days=float(today.toordinal() - ordinal) if ordinal >= 0 else float("inf"),
            position=float(self._positions[cand.index]),
        )

    def _period_ledes(self, period: DateRange, limit: int) -> list[Answer]:
        """The lede (first sentence) of each article dated within `period`, newest first."""
        first: dict[str, int] = {}
        for aid, span in self._columns.article_ranges.items():
            if period.contains(self._articles[aid].date):
                first[aid] = span.start
        newest = sorted(first.items(), key=lambda item: (self._ordinals[item[1]], item[0]), reverse=True)[:limit]
        answers = []
        for _, index in newest:
            text = self._passages[index].text
            # Every article of the period matches it fully: a date match, not a similarity, hence score 1.
            answers.append(self._quote(index, *sentences(text, 0, len(text))[0], 1.0))
        return answers

    def _date_mask(self, date_range: DateRange | None) -> np.ndarray | None:
        if date_range is None:
            return None
        lo = date_range.start.toordinal() if date_range.start else 0
        hi = date_range.end.toordinal() if date_range.end else 10**9
        return (self._ordinals >= lo) & (self._ordinals <= hi)

    def _rank(
        self, query: str, qvec: np.ndarray, mask: np.ndarray | None, *, exact_dates: bool, today: dt.date
    ) -> list[Candidate]:
        cfg = self.config
        n = cfg.candidates
        if mask is None:
            dense_ids, _ = search_ann(self.index.ann, qvec, n)
        else:
            # A date filter can exclude most of the archive, so the allowed passages are scored exactly.
            allowed = np.flatnonzero(mask)
            dense_ids = allowed[top_ids(self._vectors[allowed] @ qvec, n)]
        terms = self.index.lexical.terms(query, expand=cfg.expand_terms)
        # A passage sharing no term with the question (score 0, or masked out) is no lexical candidate.
        best = self.index.lexical.top(terms, n, mask)
        ids = np.union1d(dense_ids, best.ids).astype(np.int64)
        if not len(ids):
            return []
        relevance = self._vectors[ids] @ qvec
        best_lexical = float(best.scores[0]) if len(best.ids) else 0.0
        lexical_norm = self.index.lexical.scores_at(terms, best, ids, mask) / max(best_lexical, 1e-9)
        if cfg.fusion == "rrf":
            fused = rrf_fuse([(dense_ids, cfg.dense_weight), (best.ids, cfg.lexical_weight)], cfg.rrf_k)
            scores = np.array([fused.get(int(i), 0.0) for i in ids])
        else:
            scores = cfg.dense_weight * relevance + cfg.lexical_weight * lexical_norm
        if not exact_dates:
            ordinals = self._ordinals[ids]
            reference = min(today.toordinal(), self._newest) if self._newest >= 0 else today.toordinal()
            ages = np.where(ordinals >= 0, reference - ordinals, np.inf)
            scores = scores * recency_factor(ages, cfg.recency_half_life_days, cfg.recency_weight)
        order = np.argsort(-scores, kind="stable")
        return [
            self._candidate(int(ids[i]), float(scores[i]), float(relevance[i]), float(lexical_norm[i])) for i in order
        ]

    def _candidate(self, index: int, score: float, relevance: float, lexical: float) -> Candidate:
        # From the passages' columns: a mapped table would decode each of a hundred candidates' texts otherwise.
        start, end = self._columns.bounds[index].tolist()
        return Candidate(index, self._columns.article_ids[index], start, end, score, relevance, lexical)

    def _answer(self, cand: Candidate, query_terms: set[str]) -> Answer:
        text = self._passages[cand.index].text
        spans = sentences(text, 0, len(text))
        overlap = [len(query_terms.intersection(t)) for t in tokenize([text[a:b] for a, b in spans])]
        cfg = self.config
        start, end = narrow_quote(
            spans, overlap, len(text.split()), max_words=cfg.narrow_words, margin=cfg.narrow_margin
        )
        return self._quote(cand.index, start, end, cand.relevance, tuple(cand.also_in))

    def _quote(self, index: int, start: int, end: int, score: float, also_in: tuple[str, ...] = ()) -> Answer:
        """The answer quoting passage `index` from `start` to `end` (offsets into the passage's text)."""
        passage = self._passages[index]
        meta = self._articles[passage.article_id]
        return Answer(
            quote=passage.text[start:end],
            article_id=passage.article_id,
            title=meta.title,
            date=meta.date,
            url=meta.url,
            path=meta.path,
            score=score,
            start=passage.start + start,
            end=passage.start + end,
            also_in=also_in,
            stale=self.changed_since_indexing(passage.article_id),
        )

    def changed_since_indexing(self, article_id: str) -> bool:
        """Whether the article's file changed or vanished since indexing: its quotes may have moved."""
        meta = self._articles[article_id]
        return self._changed.changed(meta.path, meta.hash)


def _clears(ranked: list[Candidate], cfg: SearchConfig) -> bool:
    """Whether a ranking has a quote good enough to answer with (the no-answer rule's test)."""
    return any(c.relevance >= cfg.min_score for c in ranked[: cfg.top_k])


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
