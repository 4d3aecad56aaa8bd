"""Issue 10's levers, each measured on questions it was not chosen or trained on.

squad-dev is split by ARTICLE into folds (`FOLDS`, fixed seed): a learned ranker is trained on the questions of
the other folds' articles and evaluated on this fold's questions, so every squad figure here is out of fold.
Every question still searches the whole 24-article index (the other articles are distractors). The Wikinews
held-out questions (`wikinews_heldout.jsonl`) are never used to choose or train anything: rankers for them
are trained on all of squad-dev, as the shipped one is.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from _engine import Question, load_questions
from _quality import Reply, evaluate, reply_of, summarize
from _util import log

FOLDS = 4
SEED = 0
HELDOUT = Path(__file__).resolve().parent / "wikinews_heldout.jsonl"
# Paraphrased news questions to choose news settings on (held-out ones are only reported).
NEWS_DEV = Path(__file__).resolve().parent / "wikinews_dev.jsonl"
SEED_QUESTION = "Who speaks for the Trump campaign?"
SEED_ANSWER = "Steven Cheung"
# Features a lever may leave out (ablation): the answer-type ones.
TYPE_FEATURES = ("type_expected", "type_match", "type_person", "type_date", "type_number", "type_place")


def article_folds(questions: Sequence[Question], folds: int = FOLDS, seed: int = SEED) -> dict[str, int]:
    """Article -> fold: the sorted article names shuffled with a fixed seed, dealt round-robin."""
    articles = sorted({q.article or "" for q in questions})
    random.Random(seed).shuffle(articles)
    return {a: i % folds for i, a in enumerate(articles)}


@dataclass
class Collected:
    """The first stage of every question over one searcher, with the second stage's features and labels."""

    stages: dict[str, object] = field(default_factory=dict)  # question text -> FirstStage
    rows: dict[str, np.ndarray] = field(default_factory=dict)  # question text -> features of the head
    labels: dict[str, np.ndarray] = field(default_factory=dict)  # ... whether each candidate holds an answer


def collect(searcher, questions: Sequence[Question], *, features: bool) -> Collected:
    out = Collected()
    depth = searcher.config.rerank_depth
    for q in questions:
        if q.question in out.stages:
            continue
        stage = searcher.first_stage(q.question)
        out.stages[q.question] = stage
        if features:
            out.rows[q.question] = searcher.features(stage)
            texts = [searcher.index.contents.passages[c.index].text for c in stage.candidates[:depth]]
            out.labels[q.question] = np.array([any(a in t for a in q.answers) for t in texts], dtype=bool)
    return out


def train_ranker(rows: list[np.ndarray], labels: list[np.ndarray], drop: Sequence[str] = ()):
    """Logistic regression over standardised features (fixed C, fixed seed; nothing tuned on held-out data).

    Only questions whose candidates hold an answer teach anything about order, so only those are used.
    """
    from sklearn.linear_model import LogisticRegression

    from index.features import FEATURE_NAMES
    from index.rerank import Ranker

    keep = [i for i, y in enumerate(labels) if y.any()]
    x = np.concatenate([rows[i] for i in keep]).astype(np.float64)
    y = np.concatenate([labels[i] for i in keep])
    dropped = [FEATURE_NAMES.index(f) for f in drop]
    x[:, dropped] = 0.0
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=1.0, max_iter=2000, random_state=SEED)
    model.fit((x - mean) / scale, y)
    coef = model.coef_[0].copy()
    coef[dropped] = 0.0
    return Ranker(FEATURE_NAMES, mean.astype(np.float32), scale.astype(np.float32), coef.astype(np.float32),
                  float(model.intercept_[0]))  # fmt: skip


@dataclass(frozen=True)
class Lever:
    """One row of the table: search settings, and whether (and on which features) a ranker is learned."""

    name: str
    overrides: dict
    rerank: bool = False
    drop: tuple[str, ...] = ()
    note: str = ""


# Main's pipeline, spelled out so the rows stay comparable whatever the shipped defaults become.
TODAY = {
    "widen_dates": False, "expand_terms": False, "max_from_first_article": None, "keep_weak": False,
    "lead_margin": None, "cross_encoder": False, "cross_encoder_article_weight": None,
}  # fmt: skip
KEPT = {**TODAY, "widen_dates": True, "expand_terms": True, "max_from_first_article": 3}
# Margins tried for lever 3's leading article; one is chosen on the 'choose' folds and reported on the others.
LEAD_MARGINS = (0.25, 0.4, 0.55)
LEAD = {**KEPT, "lead_margin": 0.4}
# The cross-encoder (lever 1): how many of the first stage's candidates it reads and its score's weight. On the
# 'choose' folds 0.03-0.05 score best, but lose the seed question's spokesman; 0.02 keeps him. Reading the top 3
# first-quotes as well as the top 5 there, at 0.65x the time (bench/README.md).
# "alone" orders those candidates by the cross-encoder's score only.
CROSS = {**LEAD, "cross_encoder": True, "cross_encoder_depth": 3, "cross_encoder_weight": 0.02}
CROSS_WEIGHTS = (0.03, 0.05, 0.1)
# Its weight within one article (which of an article's passages answers), the articles' order left to 0.02: 0.1
# ships, chosen on the 'choose' folds (no loss) and the news dev questions (+2 of 60) with the spokesman kept.
CROSS_ARTICLE_WEIGHTS = (0.05, 0.1, 0.2, 1000.0)
SHIPPED_ARTICLE_WEIGHT = 0.1


def _with(**changes: object) -> dict:
    return {**TODAY, **changes}


LEVERS = (
    Lever("today (main)", TODAY, note="the pipeline on main"),
    Lever("5 dates widen", _with(widen_dates=True), note="a date filter that leaves no answer searches all"),
    Lever("5 keep weak quotes", _with(keep_weak=True), note="min_score decides no-answer only, drops no quote"),
    Lever("3 first article x3", _with(max_from_first_article=3), note="the first quote's article may give 3"),
    Lever("3 first article x5", _with(max_from_first_article=5), note="... or all 5"),
    Lever("4 expand terms", _with(expand_terms=True), note="BM25 also searches word families (spokesman)"),
    Lever("1 LTR, no types", TODAY, rerank=True, drop=TYPE_FEATURES, note="logistic regression, no answer types"),
    Lever("1+2 LTR + types", TODAY, rerank=True, note="logistic regression with answer-type features"),
    Lever("kept: 5+3+4", KEPT, note="shipped: widen dates + first article x3 + expand"),
    Lever("kept, first x5", {**KEPT, "max_from_first_article": 5}, note="shipped but first article x5"),
    Lever("kept + 1+2 LTR", KEPT, rerank=True, note="shipped + LTR with types (rerank: true)"),
    *(
        Lever(f"kept, lead {m:g}", {**KEPT, "lead_margin": m}, note=f"first article fills all 5 when it leads by {m:g}")
        for m in LEAD_MARGINS
    ),
    Lever("lead + 1 CE", CROSS, note="the cross-encoder reads the top 3, adds 0.02 x its score"),
    Lever("lead + 1 CE d5", {**CROSS, "cross_encoder_depth": 5}, note="... reads the top 5"),
    Lever("lead + 1 CE d10", {**CROSS, "cross_encoder_depth": 10}, note="... reads the top 10"),
    *(
        Lever(f"lead + 1 CE w{w:g}", {**CROSS, "cross_encoder_weight": w}, note=f"... adds {w:g} x its score")
        for w in CROSS_WEIGHTS
    ),
    Lever("lead + 1 CE alone", {**CROSS, "cross_encoder_weight": 1000.0}, note="top 3 in the cross-encoder's order"),
    *(
        Lever(f"lead + 1 CE in-article w{w:g}" + (" (shipped)" if w == SHIPPED_ARTICLE_WEIGHT else ""),
              {**CROSS, "cross_encoder_article_weight": w},
              note=("shipped: " if w == SHIPPED_ARTICLE_WEIGHT else "... ") + f"{w:g} x its score within one article")
        for w in CROSS_ARTICLE_WEIGHTS
    ),
)


def _first_stage_key(overrides: dict) -> tuple:
    return (overrides.get("widen_dates", True), overrides.get("expand_terms", False))


def run_levers(
    make_searcher: Callable[[str, dict], object],
    squad: Sequence[Question],
    heldout: Sequence[Question],
    seed_searcher: Callable[[dict], object] | None,
    k: int,
    levers: Sequence[Lever] = LEVERS,
) -> list[dict]:
    """Evaluate each lever: squad out of fold, Wikinews held-out, and the seed question."""
    folds = article_folds(squad)
    fold_of = {q.question: folds[q.article or ""] for q in squad}
    # Settings without training (a margin, a cap) are chosen on the first half of the folds, reported on the rest.
    choose_half = {q.id: folds[q.article or ""] < FOLDS // 2 for q in squad}
    cache: dict[tuple, tuple[Collected, Collected]] = {}
    results = []
    for lever in levers:
        sq_searcher = make_searcher("squad", lever.overrides)
        wn_searcher = make_searcher("wikinews", lever.overrides)
        key = _first_stage_key(lever.overrides)
        if key not in cache:
            log(f"levers: first stage {key} over {len(squad)} squad + {len(heldout)} held-out questions ...")
            cache[key] = (collect(sq_searcher, squad, features=True), collect(wn_searcher, heldout, features=True))
        sq, wn = cache[key]
        log(f"levers: {lever.name} ...")
        full = None
        sq_rankers: dict[str, object] = {}
        if lever.rerank:
            fold_rankers = {}
            for f in range(FOLDS):
                train = [q.question for q in squad if fold_of[q.question] != f]
                fold_rankers[f] = train_ranker([sq.rows[t] for t in train], [sq.labels[t] for t in train], lever.drop)
            full = train_ranker(list(sq.rows.values()), list(sq.labels.values()), lever.drop)
            sq_rankers = {text: fold_rankers[fold] for text, fold in fold_of.items()}
        wn_rankers = dict.fromkeys(wn.stages, full)
        row = {"lever": lever.name, "note": lever.note, "overrides": lever.overrides, "rerank": lever.rerank,
               "drop": list(lever.drop)}  # fmt: skip
        row["squad"] = evaluate(_asker(sq_searcher, sq, sq_rankers, k, []), squad, k)
        for half, wanted in (("choose", True), ("report", False)):
            picked = [r for r in row["squad"]["rows"] if choose_half[r["id"]] is wanted]
            row[f"squad_{half}"] = summarize(picked, k)
        news_articles: list[int] = []
        row["heldout"] = evaluate(_asker(wn_searcher, wn, wn_rankers, k, news_articles), heldout, k)
        row["news_articles"] = float(np.mean(news_articles)) if news_articles else float("nan")
        if seed_searcher is not None:
            s = seed_searcher(lever.overrides)
            if full is not None:
                s = replace_ranker(s, full)
            result = s.ask(SEED_QUESTION, k)
            row["seed_first"] = result.answers[0].quote if result.answers else None
        results.append(row)
    return results


def _asker(searcher, data: Collected, rankers: dict, k: int, articles: list[int]) -> Callable[[str], Reply]:
    """ask(question) over collected first stages, reranked by each question's ranker (None: not reranked).

    `articles` receives the number of distinct articles quoted per answer (what a per-article cap costs).
    """

    def ask(text: str) -> Reply:
        stage = data.stages[text]
        ranker = rankers.get(text)
        ranked = searcher.rerank(stage, ranker, data.rows[text]) if ranker is not None else None
        if searcher.cross_encoder is not None:
            ranked = searcher.cross_rerank(stage, ranked)
        result = searcher.answer(stage, k, ranked=ranked)
        if result.answers:
            articles.append(len({a.article_id for a in result.answers}))
        return reply_of(result)

    return ask


def replace_ranker(searcher, ranker):
    from index.search import Searcher

    return Searcher(searcher.index, searcher.embedder, replace(searcher.config, rerank=True), ranker=ranker)


def heldout_questions(path: Path = HELDOUT) -> list[Question]:
    return load_questions(path)


# ---- the report section (called from run.py's quality section) ------------------------------------------------


def newsroom_corpus(work: Path, seeds: Path, wikinews: Path) -> Path:
    """seeds/ + the Wikinews archive in one folder under the bench's work folder (copied, never into the repo)."""
    import shutil

    folder = work / "corpora" / "newsroom"
    wanted = {p.name: p for p in [*seeds.iterdir(), *wikinews.iterdir()] if p.is_file()}
    if folder.is_dir() and sorted(p.name for p in folder.iterdir()) == sorted(wanted):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, path in wanted.items():
        shutil.copyfile(path, folder / name)
    return folder


class QueryVectorCache:
    """Question vectors kept on disk between bench runs (quality only; keyed by model and embedding code)."""

    def __init__(self, work: Path, embedder) -> None:
        import hashlib

        import index.embed

        code = hashlib.sha256(Path(index.embed.__file__).read_bytes()).hexdigest()[:12]
        self.path = work / "queries" / f"{embedder.quantize}-{code}.npz"

    def fill(self, cached) -> None:
        if self.path.is_file():
            data = np.load(self.path, allow_pickle=False)
            cached._cache.update(zip(data["texts"].tolist(), data["vectors"], strict=True))

    def save(self, cached) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        texts = list(cached._cache)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, texts=np.array(texts), vectors=np.stack([cached._cache[t] for t in texts]))
        tmp.replace(self.path)


@dataclass
class SquadFirstStage:
    """The shipped settings' first stage over squad-dev's cached index, question vectors kept on disk: what the
    trained stages learn from (bench/train_ranker.py, bench/cross_encoder_data.py). Both second stages are off,
    so the training candidates never depend on an earlier model."""

    settings: Any
    loaded: Any
    searcher: Any
    cached: Any
    vectors: QueryVectorCache

    def save_vectors(self) -> None:
        self.vectors.save(self.cached)


def squad_first_stage(work: Path, squad: Path) -> SquadFirstStage:
    from _engine import CachedQueryEmbedder, default_settings, ensure_index, load_embedder

    from index.search import Searcher

    settings = default_settings(None)
    embedder, _ = load_embedder(settings)
    cached = CachedQueryEmbedder(embedder)
    vectors = QueryVectorCache(work, embedder)
    vectors.fill(cached)
    built = ensure_index(work, "squad", squad / "articles", embedder, settings, rebuild=False)
    loaded = built.loaded(embedder, settings)
    config = replace(settings.search.to_search_config(), rerank=False, cross_encoder=False)
    return SquadFirstStage(settings, loaded, Searcher(loaded, cached, config), cached, vectors)


def section_levers(b) -> dict:
    """Print the lever table: squad-dev out of fold, Wikinews held-out, the seed question."""
    from _engine import ensure_index, load_questions, make_config, sample
    from _util import f1, f3, out, table

    from index.search import Searcher

    k = b.args.top_k
    squad = load_questions(b.args.squad / "questions.jsonl")
    if b.args.cv_sample:
        squad = sample(squad, b.args.cv_sample, b.args.seed)
    heldout = heldout_questions()
    own = load_questions(b.args.wikinews_questions)
    dev = load_questions(NEWS_DEV)
    newsroom = ensure_index(
        b.args.work, "newsroom", newsroom_corpus(b.args.work, b.args.seeds, b.args.wikinews), b.embedder, b.settings,
        rebuild=False, embed_cache=not b.args.no_embed_cache,
    )  # fmt: skip

    def make(name: str, overrides: dict):
        built = b.index(name)
        loaded = built.loaded(b.embedder, b.settings)
        config = make_config(b.base_config, {**overrides, "rerank": False})
        cross = b.cross_encoder_for(name) if config.cross_encoder else None
        return Searcher(loaded, b.cached_embedder, config, cross_encoder=cross)

    def seed(overrides: dict):
        loaded = newsroom.loaded(b.embedder, b.settings)
        return Searcher(loaded, b.cached_embedder, make_config(b.base_config, {**overrides, "rerank": False}))

    cache = QueryVectorCache(b.args.work, b.embedder)
    cache.fill(b.cached_embedder)
    results = run_levers(make, squad, [*heldout, *own, *dev], seed, k)
    cache.save(b.cached_embedder)
    n_held, n_own = len(heldout), len(own)
    for row in results:
        rows = row["heldout"]["rows"]
        row["heldout_only"] = summarize(rows[:n_held], k)
        row["own"] = summarize(rows[n_held : n_held + n_own], k)
        row["news_dev"] = summarize(rows[n_held + n_own :], k)
    from _util import heading

    heading(f"Issue 10 levers: squad-dev out of fold ({FOLDS} folds by article), Wikinews held-out")
    out(
        f"  squad-dev: {len(squad)} questions, {FOLDS} folds of its 24 articles (seed {SEED}); a learned ranker is"
        " trained on 3 folds' questions and scored on the 4th's (CV), every question asked of the whole index"
    )
    out(
        f"  Wikinews held-out: {n_held} paraphrased questions ({HELDOUT.name}), never used to choose or train;"
        f" own: the {len(own)} older bench questions; dev: {len(dev)} paraphrased ones ({NEWS_DEV.name}) to choose"
        f" news settings on; seed: '{SEED_QUESTION}' over seeds/ + Wikinews"
    )
    cols = []
    for row in results:
        s, h, o, d = row["squad"]["summary"], row["heldout_only"], row["own"], row["news_dev"]
        first = row.get("seed_first") or ""
        cols.append([
            row["lever"], f3(s["hit@1"]), f3(s["hit@5"]), f1(s["words"]), f3(s["no_answer"]),
            f3(h["hit@1"]), f3(h["hit@5"]), f1(h["words"]), f3(o["hit@1"]), f3(d["hit@1"]), f3(d["hit@5"]),
            f1(row["news_articles"]),
            "yes" if SEED_ANSWER in first else "no", row["note"],
        ])  # fmt: skip
    out(table(
        ["lever", "CV hit@1", "CV hit@5", "words", "no-ans", "held hit@1", "held hit@5", "words", "own hit@1",
         "dev hit@1", "dev hit@5", "articles", "Cheung 1st", "notes"], cols,
    ))  # fmt: skip
    out("  (CV: squad-dev, out of fold; held: Wikinews held-out; hit@1: the first quote holds an answer string;")
    out("   hit@5: an answer among the returned quotes; words: mean words per returned quote;")
    n_news = n_held + n_own + len(dev)
    out(f"   dev: the news dev questions; articles: distinct articles quoted per answer on the {n_news} Wikinews")
    out("   questions, what a looser cap costs)")
    halves = [
        [row["lever"], *(f3(row[f"squad_{h}"][m]) for h in ("choose", "report") for m in ("hit@1", "hit@5"))]
        for row in results
    ]
    out(table(["lever", "choose hit@1", "choose hit@5", "report hit@1", "report hit@5"], halves))
    out(f"  (squad-dev split by fold: settings without training are chosen on folds 0-{FOLDS // 2 - 1} ('choose') and")
    out("   reported on the others ('report'), which no choice looked at)")
    return {r["lever"]: {k2: v for k2, v in r.items() if k2 not in ("squad", "heldout")} | {
        "squad": r["squad"]["summary"]} for r in results}  # fmt: skip
