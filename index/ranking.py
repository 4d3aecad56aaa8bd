"""Pure ranking steps: fuse dense and lexical rankings, then choose non-overlapping, diverse quotes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Candidate:
    """A passage in the running for an answer; `relevance` is its cosine similarity to the question,
    `lexical` its BM25 score over the best passage's."""

    index: int
    article_id: str
    start: int
    end: int
    score: float
    relevance: float
    lexical: float = 0.0
    also_in: list[str] = field(default_factory=list)


def top_ids(scores: np.ndarray, k: int) -> np.ndarray:
    """Return the ids of the k highest scores, best first."""
    k = min(k, len(scores))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    part = np.argpartition(-scores, k - 1)[:k]
    return part[np.argsort(-scores[part], kind="stable")]


# Every this many scores are sampled for a lower bound on the k-th best (`top_positive`).
_SAMPLE_STRIDE = 64


def top_positive(scores: np.ndarray, k: int) -> np.ndarray:
    """Return the ids of the k highest positive scores, best first, equal scores by id.

    BM25 gives a positive score to every passage sharing a word with the question: a million at 3.2 million
    passages. Selecting among all of them cost more than scoring them (bench/README.md, section `ann`), so the
    k-th best of a strided sample, a lower bound on the k-th best of all, keeps only the few scores above it.
    """
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    sample = scores[::_SAMPLE_STRIDE]
    sample = sample[sample > 0]
    if len(sample) >= k:
        floor = np.partition(sample, len(sample) - k)[len(sample) - k]
        ids = np.flatnonzero(scores >= floor)
    else:
        ids = np.flatnonzero(scores > 0)
    return ids[np.lexsort((ids, -scores[ids]))[:k]]


def rrf_fuse(rankings: Sequence[tuple[np.ndarray, float]], k: int) -> dict[int, float]:
    """Weighted reciprocal-rank fusion: each ranking adds weight / (k + rank) to its ids."""
    fused: dict[int, float] = {}
    for ids, weight in rankings:
        if weight <= 0:
            continue
        for rank, pid in enumerate(ids.tolist(), start=1):
            fused[pid] = fused.get(pid, 0.0) + weight / (k + rank)
    return fused


def overlaps(a: Candidate, b: Candidate) -> bool:
    return a.article_id == b.article_id and a.start < b.end and b.start < a.end


def select_answers(
    ranked: list[Candidate],
    vectors: np.ndarray,
    *,
    top_k: int,
    max_per_article: int,
    duplicate_similarity: float,
    titles: dict[str, str],
    max_from_first_article: int | None = None,
    lead_margin: float | None = None,
) -> list[Candidate]:
    """Walk the ranking best first, keeping quotes that overlap no kept quote.

    A passage nearly identical to a kept one from another article (an update, a wire copy) is folded into
    it as "also in" instead of taking a slot; at most `max_per_article` quotes come from one article, except
    the first quote's article, which may give `max_from_first_article` (when one article carries the answer,
    its third passage is often the one that holds it), or every slot when it leads every other article's best
    passage by `lead_margin` of score (then the other articles are unlikely to hold the answer).
    """
    first_cap = max_from_first_article
    if lead_margin is not None and article_lead(ranked) >= lead_margin:
        first_cap = top_k
    chosen: list[Candidate] = []
    per_article: dict[str, int] = {}
    for cand in ranked:
        cap = max_per_article
        if chosen and cand.article_id == chosen[0].article_id and first_cap is not None:
            cap = first_cap
        if len(chosen) == top_k:
            break
        if any(overlaps(cand, kept) for kept in chosen):
            continue
        twin = _near_duplicate(cand, chosen, vectors, duplicate_similarity)
        if twin is not None:
            title = titles.get(cand.article_id, cand.article_id)
            if cand.article_id != twin.article_id and title not in twin.also_in:
                twin.also_in.append(title)
            continue
        if per_article.get(cand.article_id, 0) >= cap:
            continue
        per_article[cand.article_id] = per_article.get(cand.article_id, 0) + 1
        chosen.append(cand)
    return chosen


def article_lead(ranked: list[Candidate]) -> float:
    """How far the first passage's article's best score is above any other article's (inf: one article).

    Its best, not the first passage's own score: a second stage may put a lower-scored passage of the same
    article first, and the lead says how clearly the article, not the passage, wins.
    """
    if not ranked:
        return 0.0
    first = ranked[0].article_id
    own = max(c.score for c in ranked if c.article_id == first)
    others = [c.score for c in ranked if c.article_id != first]
    return own - max(others) if others else float("inf")


def cross_encoder_text(title: str, text: str) -> str:
    """What the cross-encoder reads of a passage: its article's title, then the passage."""
    return f"{title}: {text}" if title else text


def combined_order(first_stage: np.ndarray, cross: np.ndarray, weight: float) -> np.ndarray:
    """The order of candidates by first-stage score plus `weight` times the cross-encoder's score, best first.

    Both count: on squad-dev out of fold the cross-encoder alone ranks the answering passage first less often
    than the sum does (bench/README.md), since the first stage knows the article and the words it shares.
    Ties keep the first stage's order.
    """
    return np.argsort(-(first_stage + weight * cross), kind="stable")


def order_within_articles(order: np.ndarray, articles: Sequence[str], score: np.ndarray) -> np.ndarray:
    """`order` with each article's passages moved, among the places that article holds, into descending `score`
    (ties keep `order`'s).

    Which article comes first stays the combined score's call, where the first stage's view of the whole archive
    (and the recency of an article) counts; which of one article's passages answers is the question the
    cross-encoder reads both texts for, so within an article its score may weigh more (bench/README.md).
    """
    out = order.copy()
    for article in set(articles):
        places = [i for i, j in enumerate(order) if articles[j] == article]
        out[places] = sorted((int(order[i]) for i in places), key=lambda j: -float(score[j]))
    return out


def _near_duplicate(
    cand: Candidate, chosen: list[Candidate], vectors: np.ndarray, threshold: float
) -> Candidate | None:
    if not chosen:
        return None
    kept = np.stack([vectors[c.index] for c in chosen])
    sims = kept @ vectors[cand.index]
    best = int(np.argmax(sims))
    return chosen[best] if sims[best] >= threshold else None


def recency_factor(age_days: np.ndarray, half_life_days: float | None, weight: float) -> np.ndarray:
    """Multiplier in [1 - weight, 1]: newer articles win near-ties without burying an older exact match.

    An article loses half of `weight` after one half-life; an undated one (age inf) loses all of it.
    """
    if half_life_days is None or weight <= 0:
        return np.ones_like(age_days, dtype=np.float32)
    decay = np.power(0.5, np.clip(age_days, 0, None) / half_life_days)
    return (1.0 - weight * (1.0 - decay)).astype(np.float32)


def narrow_quote(
    spans: list[tuple[int, int]], overlap: list[int], words: int, *, max_words: int, margin: int
) -> tuple[int, int]:
    """Keep only the sentence that shares clearly more query terms than the others, when the quote is long.

    `spans` are the quote's sentences, `overlap` the number of query terms each contains. Measured on
    squad-dev (bench/), trimming only quotes over `max_words` and only on a clear `margin` shortens quotes
    without losing many answers.
    """
    whole = (spans[0][0], spans[-1][1])
    if len(spans) < 2 or words <= max_words:
        return whole
    best = max(range(len(spans)), key=overlap.__getitem__)
    runner_up = max(o for i, o in enumerate(overlap) if i != best)
    return spans[best] if overlap[best] - runner_up >= margin else whole
