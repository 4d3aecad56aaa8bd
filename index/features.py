"""Cheap features of (question, candidate passage) pairs for the learned second stage (`index.rerank`).

Pure functions: the first stage's scores come in, one row of numbers per candidate goes out. Every feature is
something a reader would check: does the passage hold the words of the question (how rare, how close together,
in one sentence), does its article's headline, does it hold the kind of thing the question asks for (a person
for "who", a date for "when", a number for "how many", a place for "where") that the question does not already
name, and how did the dense and lexical retrievers rank it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from index.sentences import sentences

# Order matters: the first pattern that matches names the question's answer type.
_QUESTION_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("number", re.compile(
        r"\bhow\s+(?:many|much|long|old|far|large|big|tall|high|often|fast|heavy|deep|wide)\b"
        r"|\bwhat\s+(?:percentage|percent|number|amount|proportion|fraction|size|age|price|speed)\b", re.I)),
    ("date", re.compile(
        r"\bwhen\b|\b(?:what|which)\s+(?:year|date|day|month|century|decade|time|period|era)\b|\bhow\s+recently\b",
        re.I)),
    ("person", re.compile(r"\bwho(?:m|se)?\b|\b(?:what|which)\s+(?:person|man|woman|name)\b", re.I)),
    ("place", re.compile(
        r"\bwhere\b|\b(?:what|which)\s+(?:country|city|town|state|place|region|continent|nation|location|"
        r"island|river|province|county|area)\b", re.I)),
)  # fmt: skip
ANSWER_TYPES = ("person", "date", "number", "place")

_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"hundreds?|thousands?|millions?|billions?|dozens?|half|twice)\b",
    re.I,
)
_DATE = re.compile(
    r"\b(?:1[0-9]|20)\d\d\b|\b\d{1,2}(?:st|nd|rd|th)\s+century\b|\b(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"yesterday|today)\b",
    re.I,
)
_NAME = re.compile(r"\b[A-Z][\w'’.-]*[a-z][\w'’-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|bin|al-\w+))*")
_PLACE = re.compile(r"\b(?:in|at|from|near|to|of)\s+(?:the\s+)?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")
_WORD = re.compile(r"[\w'’-]+")

FEATURE_NAMES = (
    "dense",               # cosine of question and passage (with its headline)
    "dense_gap",           # cosine minus the best cosine among the candidates
    "dense_rank",          # log(1 + rank) by cosine among the candidates
    "lexical",             # BM25 over the best BM25 among all passages
    "lexical_rank",        # log(1 + rank) by BM25 among the candidates
    "first_stage",         # the fused first-stage score (recency included)
    "first_stage_rank",    # log(1 + rank) in the first stage's order
    "coverage",            # share of the question's terms in the passage
    "idf_coverage",        # the same, each term weighted by its rarity in the archive
    "sentence_coverage",   # the best single sentence's rarity-weighted share
    "title_coverage",      # rarity-weighted share of question terms in the headline
    "proximity",           # matched terms / tokens spanned by the tightest window holding them all
    "shared_names",        # share of the question's capitalised names found in the passage
    "shared_numbers",      # share of the question's numbers found in the passage
    "new_names",           # log(1 + capitalised names in the passage that the question does not name)
    "type_expected",       # the question asks for a person, date, number or place
    "type_match",          # ... and the passage holds one the question does not already name
    "type_person",         # 1 when a "who" question's passage holds a new name (one feature per type lets
    "type_date",           #   the model learn how much each type's evidence is worth)
    "type_number",
    "type_place",
    "article_support",     # log(1 + other candidates from the same article)
    "article_best",        # the best cosine among the candidates of the same article
    "recency",             # 0.5 ** (age / 365 days); 0 for undated articles
    "undated",
    "words",               # passage length in words / 50
    "position",            # where the passage starts in its article body, 0 (lead) to 1 (end)
)  # fmt: skip

Tokenizer = Callable[[list[str]], list[list[str]]]


@dataclass(frozen=True)
class Question:
    """What the features need of a question, computed once per question."""

    terms: tuple[str, ...]
    weights: tuple[float, ...]  # rarity (BM25 idf) of each term, same order
    answer_type: str | None
    words: frozenset[str]  # lower-cased words of the question
    names: frozenset[str]  # lower-cased capitalised words (not the first word)
    numbers: frozenset[str]


@dataclass(frozen=True)
class CandidateInput:
    """One first-stage candidate: its text, its article, and the first stage's scores for it."""

    text: str
    title: str
    article_id: str
    dense: float
    lexical: float
    first_stage: float
    age_days: float  # inf when the article is undated
    position: float


def answer_type(question: str) -> str | None:
    """The kind of thing the question asks for: person, date, number, place, or None."""
    for name, pattern in _QUESTION_TYPES:
        if pattern.search(question):
            return name
    return None


def question_of(text: str, tokenize: Tokenizer, idf: Callable[[Sequence[str]], Sequence[float]]) -> Question:
    terms = tuple(dict.fromkeys(tokenize([text])[0]))
    words = [w.lower() for w in _WORD.findall(text)]
    capitalised = [w.lower() for w in _WORD.findall(text)[1:] if w[:1].isupper()]
    return Question(
        terms=terms,
        weights=tuple(float(w) for w in idf(terms)),
        answer_type=answer_type(text),
        words=frozenset(words),
        names=frozenset(capitalised),
        numbers=frozenset(w for w in words if any(c.isdigit() for c in w)),
    )


def features(question: Question, candidates: Sequence[CandidateInput], tokenize: Tokenizer) -> np.ndarray:
    """One row of `FEATURE_NAMES` per candidate (float32)."""
    n = len(candidates)
    rows = np.zeros((n, len(FEATURE_NAMES)), dtype=np.float32)
    if not n:
        return rows
    dense = np.array([c.dense for c in candidates], dtype=np.float32)
    lexical = np.array([c.lexical for c in candidates], dtype=np.float32)
    first = np.array([c.first_stage for c in candidates], dtype=np.float32)
    col = {name: i for i, name in enumerate(FEATURE_NAMES)}
    rows[:, col["dense"]] = dense
    rows[:, col["dense_gap"]] = dense - dense.max()
    rows[:, col["dense_rank"]] = np.log1p(_ranks(dense))
    rows[:, col["lexical"]] = lexical
    rows[:, col["lexical_rank"]] = np.log1p(_ranks(lexical))
    rows[:, col["first_stage"]] = first
    rows[:, col["first_stage_rank"]] = np.log1p(_ranks(first))

    # Tokenise every sentence and headline of every candidate in one call (the tokenizer is the slow part).
    spans = [sentences(c.text, 0, len(c.text)) or [(0, len(c.text))] for c in candidates]
    texts = [c.text[a:b] for c, s in zip(candidates, spans, strict=True) for a, b in s]
    texts += [c.title for c in candidates]
    tokens = tokenize(texts)
    titles = tokens[len(texts) - n :]
    weights = dict(zip(question.terms, question.weights, strict=True))
    nterms = max(len(question.terms), 1)
    support: dict[str, list[int]] = {}
    for i, c in enumerate(candidates):
        support.setdefault(c.article_id, []).append(i)

    pos = 0
    for i, c in enumerate(candidates):
        sent_tokens = tokens[pos : pos + len(spans[i])]
        pos += len(spans[i])
        flat = [t for s in sent_tokens for t in s]
        present = weights.keys() & set(flat)
        rows[i, col["coverage"]] = len(present) / nterms
        rows[i, col["idf_coverage"]] = idf_coverage(weights, flat)
        rows[i, col["sentence_coverage"]] = max((idf_coverage(weights, s) for s in sent_tokens), default=0.0)
        rows[i, col["title_coverage"]] = idf_coverage(weights, titles[i])
        rows[i, col["proximity"]] = _proximity(flat, present)
        evidence = type_evidence(c.text, question)
        rows[i, col["shared_names"]] = _share(question.names, evidence["words"])
        rows[i, col["shared_numbers"]] = _share(question.numbers, evidence["words"])
        rows[i, col["new_names"]] = math.log1p(evidence["new_names"])
        if question.answer_type is not None:
            rows[i, col["type_expected"]] = 1.0
            found = float(evidence[question.answer_type] > 0)
            rows[i, col["type_match"]] = found
            rows[i, col[f"type_{question.answer_type}"]] = found
        mates = support[c.article_id]
        rows[i, col["article_support"]] = math.log1p(len(mates) - 1)
        rows[i, col["article_best"]] = max(dense[j] for j in mates)
        dated = math.isfinite(c.age_days)
        rows[i, col["recency"]] = 0.5 ** (max(c.age_days, 0.0) / 365.0) if dated else 0.0
        rows[i, col["undated"]] = 0.0 if dated else 1.0
        rows[i, col["words"]] = len(c.text.split()) / 50.0
        rows[i, col["position"]] = c.position
    return rows


def idf_coverage(weights: Mapping[str, float], tokens: Iterable[str]) -> float:
    """The share of the query terms' rarity (`weights`: term -> BM25 idf) that `tokens` hold; 0 for no terms."""
    total = sum(weights.values())
    if not total:
        return 0.0
    present = weights.keys() & set(tokens)
    return sum(weights[t] for t in present) / total


def type_evidence(text: str, question: Question) -> dict:
    """Counts of things in `text` of each answer type that the question does not already name."""
    words = {w.lower() for w in _WORD.findall(text)}
    known = question.words

    def new(found: list[str]) -> int:
        return sum(1 for f in found if not set(_WORD.findall(f.lower())) <= known)

    names = [m.group() for m in _NAME.finditer(text) if not _sentence_start(text, m.start())]
    return {
        "words": words,
        "new_names": new(names),
        "person": new(names),
        "date": new([m.group() for m in _DATE.finditer(text)]),
        "number": new([m.group() for m in _NUMBER.finditer(text) if not _DATE.fullmatch(m.group())]),
        "place": new([m.group(1) for m in _PLACE.finditer(text)]),
    }


def _sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before[-1] in ".!?\"“"


def _share(wanted: frozenset[str], words: set[str]) -> float:
    return len(wanted & words) / len(wanted) if wanted else 0.0


def _ranks(values: np.ndarray) -> np.ndarray:
    """0 for the largest value, 1 for the next, ... (ties keep input order)."""
    order = np.argsort(-values, kind="stable")
    ranks = np.empty(len(values), dtype=np.float32)
    ranks[order] = np.arange(len(values), dtype=np.float32)
    return ranks


def _proximity(tokens: list[str], present: set[str]) -> float:
    """Matched terms over the length of the shortest token window holding each of them once (1 = adjacent)."""
    if not present:
        return 0.0
    if len(present) == 1:
        return 1.0
    need = len(present)
    counts: dict[str, int] = {}
    best = len(tokens)
    left = 0
    have = 0
    for right, tok in enumerate(tokens):
        if tok not in present:
            continue
        counts[tok] = counts.get(tok, 0) + 1
        if counts[tok] == 1:
            have += 1
        while have == need:
            if tokens[left] in present:
                best = min(best, right - left + 1)
                counts[tokens[left]] -= 1
                if counts[tokens[left]] == 0:
                    have -= 1
            left += 1
    return need / best
