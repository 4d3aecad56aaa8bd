"""Issue 12: BM25 query time measured on synthetic archives of millions of passages, not extrapolated.

Each synthetic passage is a Wikinews passage drawn at random (with replacement): its BM25 tokens, their counts
and its length are a real passage's, so every term's document frequency is its Wikinews share times the size,
and the query's posting lists grow as a news archive's common words do. Rare terms (names) grow as fast, which
overstates their lists; they are short at any size. The index is built from token ids with numpy, computing
bm25s's own scores (`bm25s.BM25.index`, method lucene), and checked bit for bit against bm25s at the real size;
queries then run through the search's own code (`LexicalIndex.terms`, `top`, `scores_at`), beside the dense step
(bm25s's score per passage and `top_positive`), checked to agree.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np
from _util import latency_stats, log

from index import bm25_maxscore
from index.lexical import K1, B, LexicalIndex, tokenize
from index.models import Article, Passage
from index.ranking import top_positive

CANDIDATES = 100
HERE = Path(__file__).resolve().parent
# Every Wikinews question the bench holds: dev, held-out and the first set.
QUESTION_FILES = ("wikinews_dev.jsonl", "wikinews_heldout.jsonl", "wikinews_questions.jsonl")


@dataclass(frozen=True)
class Postings:
    """A corpus's passages as sorted (term id, count) lists, CSR over passages, and each passage's length."""

    ptr: np.ndarray  # int64, passages + 1
    terms: np.ndarray  # int32
    counts: np.ndarray  # float32, as bm25s counts them
    lengths: np.ndarray  # int64: tokens per passage, repeats included


def wikinews_passages(wikinews: Path) -> list[tuple[Article, Passage]]:
    """The archive's passages with their articles, chunked as a default build chunks them.

    Counts tokens with the model's tokenizer alone: the passages are the build's without loading the model.
    """
    from transformers import AutoTokenizer

    from index.articles import load_articles
    from index.embed import default_model_path
    from index.passages import chunk_article, passage_room

    tokenizer = AutoTokenizer.from_pretrained(str(default_model_path()))

    def count(text: str) -> int:
        return len(tokenizer(text, add_special_tokens=True, truncation=False, verbose=False)["input_ids"])

    articles, _ = load_articles(wikinews)
    return [
        (article, p)
        for article in articles
        for p in chunk_article(article, 2, passage_room(article, True, 256, count), count)
    ]


def wikinews_texts(wikinews: Path) -> list[str]:
    """The indexed texts (headline + passage) of the archive's passages."""
    from index.passages import indexed_text

    return [indexed_text(article, p.text, True) for article, p in wikinews_passages(wikinews)]


def postings(texts: list[str], vocab: dict[str, int]) -> Postings:
    ptr, terms, counts, lengths = [0], [], [], []
    for tokens in tokenize(texts):
        ids, tf = np.unique([vocab[t] for t in tokens], return_counts=True)
        terms.append(ids)
        counts.append(tf)
        ptr.append(ptr[-1] + len(ids))
        lengths.append(len(tokens))
    return Postings(
        np.array(ptr, dtype=np.int64),
        np.concatenate(terms).astype(np.int32),
        np.concatenate(counts).astype(np.float32),
        np.array(lengths, dtype=np.int64),
    )


def resampled_index(real: Postings, vocab: dict[str, int], sources: np.ndarray) -> LexicalIndex:
    """The BM25 index bm25s would build of the corpus whose passage i is real passage `sources[i]`."""
    n = len(sources)
    per_doc = np.diff(real.ptr)[sources]
    lengths = real.lengths[sources]
    avg_len = lengths.mean()
    # Each posting as one int64 key (term, passage, real posting): sorting it gives bm25s's CSC order.
    doc_bits, pos_bits = int(n).bit_length(), int(len(real.terms)).bit_length()
    assert int(len(vocab)).bit_length() + doc_bits + pos_bits < 63
    keys = np.empty(int(per_doc.sum()), dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(per_doc)])
    for lo in range(0, n, 500_000):
        hi = min(n, lo + 500_000)
        size = per_doc[lo:hi]
        docs = np.repeat(np.arange(lo, hi, dtype=np.int64), size)
        pos = np.arange(starts[lo], starts[hi]) - np.repeat(starts[lo:hi] - real.ptr[sources[lo:hi]], size)
        keys[starts[lo] : starts[hi]] = (
            (real.terms[pos].astype(np.int64) << (doc_bits + pos_bits)) | (docs << pos_bits) | pos
        )
    keys.sort()
    data = np.empty(len(keys), dtype=np.float32)
    indices = np.empty(len(keys), dtype=np.int32)
    term_of = np.empty(len(keys), dtype=np.int32)
    for lo in range(0, len(keys), 10_000_000):
        chunk = keys[lo : lo + 10_000_000]
        term_of[lo : lo + len(chunk)] = chunk >> (doc_bits + pos_bits)
        indices[lo : lo + len(chunk)] = (chunk >> pos_bits) & ((1 << doc_bits) - 1)
    # bm25s has a column per term its corpus holds (its vocabulary also maps "" to an unused last id).
    df = np.bincount(term_of, minlength=int(real.terms.max()) + 1)
    idf = np.array([math.log(1 + (n - d + 0.5) / (d + 0.5)) if d else 0.0 for d in df.tolist()], dtype=np.float32)
    for lo in range(0, len(keys), 10_000_000):
        chunk = keys[lo : lo + 10_000_000]
        pos = chunk & ((1 << pos_bits) - 1)
        tf = real.counts[pos]
        length = lengths[indices[lo : lo + len(chunk)]]
        # bm25s: tf / (k1 * ((1 - b) + b * l_d / l_avg) + tf), times the float32 idf, in float64.
        tfc = tf / (K1 * ((1 - B) + B * length / avg_len) + tf)
        data[lo : lo + len(chunk)] = idf[term_of[lo : lo + len(chunk)]] * tfc
    del keys, term_of
    retriever = bm25s.BM25(k1=K1, b=B)
    retriever.scores = {
        "data": data,
        "indices": indices,
        "indptr": np.concatenate([[0], np.cumsum(df)]).astype(np.int64),
        "num_docs": n,
    }
    retriever.vocab_dict = vocab
    retriever.nonoccurrence_array = None  # method lucene has none
    return LexicalIndex(retriever, n)


def same_index(ours: LexicalIndex, theirs: LexicalIndex) -> bool:
    a, b = ours._retriever.scores, theirs._retriever.scores
    return all(np.array_equal(a[k], b[k]) for k in ("data", "indices", "indptr")) and a["num_docs"] == b["num_docs"]


def search_lexical(lexical: LexicalIndex, query: str, others: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """What `index.search.Searcher._rank` does with BM25: the query's words, the top candidates (document at a
    time from `PRUNED_FROM` passages when numba is installed), then the scores of those and of the dense
    candidates (`others`: as many passages at random)."""
    terms = lexical.terms(query, expand=True)
    top = lexical.top(terms, CANDIDATES)
    return top.ids, lexical.scores_at(terms, top, np.union1d(top.ids, others))


def dense_lexical(lexical: LexicalIndex, query: str, others: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The same with a score per passage (bm25s) at any size: the step before `index.bm25_maxscore`."""
    scores = lexical.scores(query, expand=True)
    ids = top_positive(scores, CANDIDATES)
    return ids, scores[np.union1d(ids, others)]


def questions() -> list[str]:
    return [json.loads(line)["question"] for name in QUESTION_FILES for line in (HERE / name).open(encoding="utf-8")]


def measure(lexical: LexicalIndex, asked: list[str], rounds: int, seed: int) -> dict:
    """p50/p95 of the search's BM25 step and of the dense step, interleaved by question, and whether the two
    chose the same passages with the same scores for every question."""
    rng = np.random.default_rng(seed)
    others = {q: np.unique(rng.integers(lexical.size, size=CANDIDATES)) for q in asked}
    same = all(
        all(np.array_equal(a, b) for a, b in zip(search_lexical(lexical, q, others[q]),
                                                dense_lexical(lexical, q, others[q]), strict=True))
        for q in asked
    )  # fmt: skip
    now: list[float] = []
    before: list[float] = []
    for _ in range(rounds):
        for q in asked:
            for fn, times in ((search_lexical, now), (dense_lexical, before)):
                t0 = time.perf_counter()
                fn(lexical, q, others[q])
                times.append((time.perf_counter() - t0) * 1000)
    step, dense = latency_stats(now), latency_stats(before)
    arrays = lexical._retriever.scores
    return {
        "passages": lexical.size,
        "postings": len(arrays["data"]),
        "bytes": sum(arrays[k].nbytes for k in ("data", "indices", "indptr")),
        "pruned": bm25_maxscore.available() and lexical.size >= lexical.pruned_from,
        "same_as_dense": same,
        "p50_ms": step["p50_ms"],
        "p95_ms": step["p95_ms"],
        "dense_p50_ms": dense["p50_ms"],
        "dense_p95_ms": dense["p95_ms"],
    }


def bm25_at_scale(wikinews: Path, sizes: list[int], seed: int, rounds: int) -> dict:
    """The search's BM25 step timed on the real archive and on resampled archives of `sizes` passages."""
    texts = wikinews_texts(wikinews)
    real = LexicalIndex.build(texts)
    vocab = real._vocab
    real_postings = postings(texts, vocab)
    identical = same_index(resampled_index(real_postings, vocab, np.arange(len(texts))), real)
    asked = questions()
    rows = [{**measure(real, asked, rounds, seed), "build_s": None}]
    rng = np.random.default_rng(seed)
    for n in sizes:
        t0 = time.perf_counter()
        lexical = resampled_index(real_postings, vocab, rng.integers(len(texts), size=n))
        build_s = time.perf_counter() - t0
        log(f"bm25 scale: {n:,} passages indexed in {build_s:.1f} s")
        rows.append({**measure(lexical, asked, rounds, seed), "build_s": build_s})
        del lexical
    return {"identical_to_bm25s": identical, "questions": len(asked), "rounds": rounds, "rows": rows}


def per_size(rows: list[dict], n: int) -> tuple[float, bool]:
    """BM25 p95 at n passages: measured if a row has n, else on the line through the 1M point and the largest
    measured (proportional to the largest when that is the 1M point)."""
    for row in rows:
        if row["passages"] == n:
            return row["p95_ms"], True
    top = max(rows, key=lambda r: r["passages"])
    base = min((r for r in rows if r["passages"] >= 1_000_000), key=lambda r: r["passages"])
    if base is top:
        return top["p95_ms"] * n / top["passages"], False
    slope = (top["p95_ms"] - base["p95_ms"]) / (top["passages"] - base["passages"])
    return top["p95_ms"] + slope * (n - top["passages"]), False
