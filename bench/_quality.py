"""Scoring answers against answer strings: hit@1, hit@5, MRR, quote length, and no-answer thresholds."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from _engine import Question


@dataclass
class Reply:
    """What one system returned for one question: quotes best first, and the top answer's score."""

    quotes: list[str]
    scores: list[float]
    no_answer: bool
    date_range: str | None = None


def reply_of(result) -> Reply:
    """Convert a SearchResult."""
    dr = result.date_range
    return Reply(
        [a.quote for a in result.answers],
        [float(a.score) for a in result.answers],
        bool(result.no_answer),
        None if dr is None else f"{dr.start}..{dr.end}",
    )


def first_hit(quotes: Sequence[str], answers: Sequence[str], k: int, *, fold: bool) -> int | None:
    """1-based rank of the first quote (within k) that contains an answer string, else None."""
    if fold:
        answers = [a.casefold() for a in answers]
    for rank, quote in enumerate(quotes[:k], start=1):
        text = quote.casefold() if fold else quote
        if any(a in text for a in answers):
            return rank
    return None


def evaluate(ask: Callable[[str], Reply], questions: Sequence[Question], k: int = 5) -> dict:
    """Ask every question; return summary metrics and one row per question."""
    rows = []
    started = time.perf_counter()
    for q in questions:
        t0 = time.perf_counter()
        reply = ask(q.question)
        ms = (time.perf_counter() - t0) * 1000
        rank = first_hit(reply.quotes, q.answers, k, fold=False)
        rank_ci = first_hit(reply.quotes, q.answers, k, fold=True)
        rows.append(
            {
                "id": q.id,
                "rank": rank,
                "rank_ci": rank_ci,
                "n_quotes": len(reply.quotes[:k]),
                "words": [len(x.split()) for x in reply.quotes[:k]],
                "top_score": reply.scores[0] if reply.scores else None,
                "max_score": max(reply.scores) if reply.scores else None,
                "no_answer": reply.no_answer,
                "date_range": reply.date_range,
                "top_quote": reply.quotes[0] if reply.quotes else None,
                "ms": ms,
            }
        )
    summary = summarize(rows, k)
    summary["seconds"] = time.perf_counter() - started
    return {"summary": summary, "rows": rows}


def summarize(rows: list[dict], k: int = 5) -> dict:
    n = max(len(rows), 1)

    def rate(pred) -> float:
        return sum(1 for r in rows if pred(r)) / n

    all_words = [w for r in rows for w in r["words"]]
    top_words = [r["words"][0] for r in rows if r["words"]]
    return {
        "questions": len(rows),
        "hit@1": rate(lambda r: r["rank"] == 1),
        "hit@5": rate(lambda r: r["rank"] is not None and r["rank"] <= k),
        "mrr": sum(1 / r["rank"] for r in rows if r["rank"]) / n,
        "hit@1_ci": rate(lambda r: r["rank_ci"] == 1),
        "hit@5_ci": rate(lambda r: r["rank_ci"] is not None and r["rank_ci"] <= k),
        "mrr_ci": sum(1 / r["rank_ci"] for r in rows if r["rank_ci"]) / n,
        "words": float(np.mean(all_words)) if all_words else float("nan"),
        "words@1": float(np.mean(top_words)) if top_words else float("nan"),
        "no_answer": rate(lambda r: r["no_answer"]),
        "dated": rate(lambda r: r["date_range"] is not None),
        "ms_p50": float(np.percentile([r["ms"] for r in rows], 50)) if rows else float("nan"),
    }


# ---- no-answer threshold ---------------------------------------------------------------------------------------


def threshold_stats(neg: np.ndarray, pos: np.ndarray, pos_hit: np.ndarray, thr: float) -> dict:
    """"No answer" is predicted when the score is below `thr`.

    neg: scores of unanswerable questions (the positives of the "no answer" class); pos: answerable ones;
    pos_hit: for each answerable question, whether its top 5 contained the answer.
    """
    tp = int(np.sum(neg < thr))
    fp = int(np.sum(pos < thr))
    fn = len(neg) - tp
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / len(neg) if len(neg) else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    kept_hits = int(np.sum((pos >= thr) & pos_hit))
    return {
        "threshold": float(thr),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "refused_answerable": fp / len(pos) if len(pos) else float("nan"),
        "hits_kept": kept_hits / max(int(np.sum(pos_hit)), 1),
    }


def best_threshold(neg: np.ndarray, pos: np.ndarray, pos_hit: np.ndarray) -> dict:
    """The threshold with the highest F1, searched over midpoints between observed scores."""
    values = np.unique(np.concatenate([neg, pos]))
    values = values[np.isfinite(values)]
    if not len(values):
        return threshold_stats(neg, pos, pos_hit, 0.0)
    candidates = np.concatenate([[values[0] - 1e-6], (values[:-1] + values[1:]) / 2, [values[-1] + 1e-6]])
    best = None
    for thr in candidates:
        stats = threshold_stats(neg, pos, pos_hit, float(thr))
        if best is None or stats["f1"] > best["f1"] + 1e-12:
            best = stats
    return best
