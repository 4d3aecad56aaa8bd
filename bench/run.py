#!/usr/bin/env python3
"""newsbot benchmark: one command for every figure of issues 2, 4 and 5, each beside its baseline.

    .venv/bin/python bench/run.py                                  # everything at default sizes
    .venv/bin/python bench/run.py --only quality --configs '{"lex2": {"lexical_weight": 2}}'
    .venv/bin/python bench/run.py --only ann --ann-size 100000      # quick ANN check

Sections (--only, comma-separated): quality, noanswer, latency, speed, incremental, ann.
Built indexes are cached under --work (keyed by corpus, model, quantization, chunking, ANN settings and the
build-time code in index/), so a rerun after editing ranking code skips straight to measuring.
The report goes to stdout; progress notes to stderr; --json FILE writes every figure (and per-question rows).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))

import numpy as np  # noqa: E402
from _engine import (  # noqa: E402
    WIKINEWS_QUESTIONS,
    CachedQueryEmbedder,
    ParagraphBM25,
    config_diff,
    default_settings,
    ensure_index,
    load_embedder,
    load_questions,
    make_config,
    parse_configs,
    repo_config_differs,
    sample,
    settings_with,
)
from _quality import Reply, best_threshold, evaluate, first_hit, reply_of, threshold_stats  # noqa: E402
from _util import (  # noqa: E402
    ROOT,
    f1,
    f3,
    git_describe,
    heading,
    human_bytes,
    latency_stats,
    loadavg,
    log,
    out,
    points,
    ratio,
    stopwatch,
    table,
)

SECTIONS = ("quality", "noanswer", "latency", "speed", "incremental", "ann")
SHARED = ROOT.parent / "shared" / "data"
BASELINES = ("dense-only", "bm25-only", "bm25-paragraphs")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections of {','.join(SECTIONS)}")
    p.add_argument("--sample", type=int, default=1000, help="squad-dev questions sampled (fixed seed); 0 = all")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--sets", default="squad,wikinews", help="quality data sets: squad, wikinews")
    p.add_argument(
        "--configs",
        help="SearchConfig variants to evaluate beside the default, over the same built index: a JSON or YAML "
        'string or file, {"name": {"field": value}} or [{"name": ..., "field": value}]',
    )
    p.add_argument("--work", type=Path, default=Path("/tmp/newsbot-bench"), help="cache of built indexes")
    p.add_argument("--rebuild", action="store_true", help="rebuild cached indexes even when the key matches")
    p.add_argument(
        "--no-embed-cache",
        action="store_true",
        help="build cached indexes without the on-disk cache of passage vectors (slower, exactly a fresh build)",
    )
    p.add_argument("--json", type=Path, help="write all results (with per-question rows) to this file")
    p.add_argument("--squad", type=Path, default=SHARED / "squad-dev")
    p.add_argument("--wikinews", type=Path, default=SHARED / "wikinews")
    p.add_argument("--wikinews-questions", type=Path, default=WIKINEWS_QUESTIONS)
    p.add_argument("--app-config", type=Path, help="take settings from this config.yaml (default: built-in defaults)")
    p.add_argument("--chunking", help='chunking overrides for every index built, JSON: {"sentences_per_passage": 3}')
    p.add_argument("--top-k", type=int, default=5)
    p.add_argument("--show-misses", type=int, default=0, help="print N squad questions the default misses at 5")
    p.add_argument("--threads", type=int, help="torch and FAISS threads (default: theirs, i.e. all cores)")
    p.add_argument("--latency-queries", type=int, default=240, help="distinct questions timed (200+)")
    p.add_argument("--latency-rounds", type=int, default=3, help="passes over them, systems interleaved")
    p.add_argument("--embed-n", type=int, default=2000, help="Wikinews passages embedded for throughput")
    p.add_argument("--embed-repeats", type=int, default=2, help="timed passes per embedder (ABBA order)")
    p.add_argument("--incremental-repeats", type=int, default=3, help="builds with one more article changed")
    p.add_argument(
        "--skip-full-baseline",
        action="store_true",
        help="incremental: do not time a full rebuild (minutes); compare with the cached build's record instead",
    )
    p.add_argument("--ann-size", type=int, default=1_000_000)
    p.add_argument("--ann-queries", type=int, default=200)
    p.add_argument("--ann-budget", type=float, default=600.0, help="seconds of build allowed per ANN type")
    p.add_argument("--ann-types", default="flat,hnsw,ivfpq")
    args = p.parse_args(argv)
    args.sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        p.error(f"--only: unknown section(s) {sorted(unknown)}; choose from {', '.join(SECTIONS)}")
    args.sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    return args


class Bench:
    """Lazily loaded shared state: settings, embedders, cached indexes, questions, results so far."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        settings = default_settings(args.app_config)
        if args.chunking:
            settings = settings_with(settings, chunking=json.loads(args.chunking))
        self.settings = settings
        self.base_config = settings.search.to_search_config()
        self.variants = parse_configs(args.configs)
        self.results: dict = {}
        self._embedder = None
        self._cached = None
        self._indexes: dict = {}
        self._paragraphs: dict = {}
        self.model_load_s = None

    # -- shared resources --
    @property
    def embedder(self):
        if self._embedder is None:
            self._embedder, self.model_load_s = load_embedder(self.settings)
            self._cached = CachedQueryEmbedder(self._embedder)
        return self._embedder

    @property
    def cached_embedder(self):
        self.embedder  # noqa: B018 - loads it
        return self._cached

    def index(self, name: str, embedder=None, settings=None):
        embedder = embedder or self.embedder
        settings = settings or self.settings
        key = (name, embedder.quantize)
        if key not in self._indexes:
            articles = self.args.squad / "articles" if name == "squad" else self.args.wikinews
            self._indexes[key] = ensure_index(
                self.args.work, name, articles, embedder, settings,
                rebuild=self.args.rebuild, embed_cache=not self.args.no_embed_cache,
            )  # fmt: skip
        return self._indexes[key]

    def paragraphs(self, name: str) -> ParagraphBM25:
        if name not in self._paragraphs:
            self._paragraphs[name] = ParagraphBM25(self.index(name).articles_dir)
        return self._paragraphs[name]

    def squad_questions(self):
        allq = load_questions(self.args.squad / "questions.jsonl")
        return sample(allq, self.args.sample, self.args.seed), len(allq)

    def wikinews_questions(self):
        return load_questions(self.args.wikinews_questions)

    def service(self, name: str, embedder):
        from bot.service import AnswerService

        built = self.index(name)
        settings = self.settings.model_copy(update={"articles_dir": built.articles_dir, "index_dir": built.index_dir})
        service = AnswerService(settings, embedder=embedder, progress=False)
        service.load(build_if_missing=False)
        return service

    def searcher(self, name: str, embedder, overrides: dict):
        from index.search import Searcher

        built = self.index(name)
        return Searcher(built.loaded(self.embedder, self.settings), embedder, make_config(self.base_config, overrides))

    def systems(self, name: str, embedder) -> list[tuple[str, object]]:
        """(label, ask(question) -> Reply) for the default pipeline, the baselines and the --configs variants."""
        k = self.args.top_k
        service = self.service(name, embedder)
        systems = [("default", lambda q: reply_of(service.ask(q, k)))]
        for label, overrides in (("dense-only", {"lexical_weight": 0.0}), ("bm25-only", {"dense_weight": 0.0})):
            s = self.searcher(name, embedder, overrides)
            systems.append((label, lambda q, s=s: reply_of(s.ask(q, k))))
        para = self.paragraphs(name)
        systems.append(("bm25-paragraphs", lambda q: Reply(para.ask(q, k), [], False)))
        for label, overrides in self.variants:
            s = self.searcher(name, embedder, overrides)
            systems.append((f"cfg:{label}", lambda q, s=s: reply_of(s.ask(q, k))))
        return systems


# ---- sections ----------------------------------------------------------------------------------------------------


def section_quality(b: Bench) -> None:
    res = b.results.setdefault("quality", {})
    for name in b.args.sets:
        if name == "squad":
            questions, total = b.squad_questions()
            title = (
                f"Quality on squad-dev: {len(questions)} of {total} questions (seed {b.args.seed}), "
                "asked of the whole archive"
            )
        elif name == "wikinews":
            questions = b.wikinews_questions()
            title = f"Quality on Wikinews: {len(questions)} own questions ({b.args.wikinews_questions.name})"
        else:
            raise SystemExit(f"--sets: unknown data set {name!r} (squad, wikinews)")
        built = b.index(name)
        runs = {}
        for label, ask in b.systems(name, b.cached_embedder):
            log(f"quality {name}: {label} ...")
            runs[label] = evaluate(ask, questions, b.args.top_k)
        heading(title)
        out(
            f"  index: {built.record['articles']} articles, {built.record['passages']:,} passages "
            f"({b.embedder.quantize}); bm25-paragraphs: {len(b.paragraphs(name).paragraphs):,} paragraphs; "
            f"top {b.args.top_k}; hit = a quote contains an answer string (ci = case-insensitive)"
        )
        print_quality(runs)
        res[name] = {
            "questions": len(questions),
            "index": built.record,
            "systems": {k: v["summary"] for k, v in runs.items()},
            "rows": {k: v["rows"] for k, v in runs.items()},
            "configs": {
                label: config_diff(make_config(b.base_config, ov), b.base_config) for label, ov in b.variants
            },
        }
        if name == "squad" and b.args.show_misses:
            print_misses(questions, runs["default"]["rows"], b.args.show_misses)


def print_quality(runs: dict) -> None:
    cols = [
        ("hit@1", "hit@1", f3), ("hit@5", "hit@5", f3), ("MRR", "mrr", f3), ("hit@1ci", "hit@1_ci", f3),
        ("hit@5ci", "hit@5_ci", f3), ("words", "words", f1), ("words@1", "words@1", f1),
        ("no-ans", "no_answer", f3), ("dated", "dated", f3),
    ]  # fmt: skip
    rows = [[label] + [fmt(run["summary"][key]) for _, key, fmt in cols] for label, run in runs.items()]
    out(table(["system"] + [c[0] for c in cols], rows))
    out("  (words: mean words per returned quote; words@1: of the top quote; no-ans: no quote returned;")
    out("   dated: a date range was read from the question, which then filters articles by date)")
    d = runs["default"]["summary"]
    out()
    out("  default vs baselines: baseline value, default/baseline ratio, difference in points (words: in words)")
    header = ["metric", "default"]
    for base in BASELINES:
        header += [base, "ratio", "diff"]
    rows = []
    for label, key, fmt in cols[:7]:
        row = [label, fmt(d[key])]
        for base in BASELINES:
            v = runs[base]["summary"][key]
            diff = f"{d[key] - v:+.1f}" if key.startswith("words") else points(d[key], v)
            row += [fmt(v), ratio(d[key], v), diff]
        rows.append(row)
    out(table(header, rows))
    variants = [k for k in runs if k.startswith("cfg:")]
    if variants:
        out()
        out("  variants vs default (points; won/lost = questions whose hit@1 the variant gains/loses)")
        drows = []
        base_rows = runs["default"]["rows"]
        for label in variants:
            s = runs[label]["summary"]
            vrows = runs[label]["rows"]
            won = sum(1 for a, v in zip(base_rows, vrows) if a["rank"] != 1 and v["rank"] == 1)
            lost = sum(1 for a, v in zip(base_rows, vrows) if a["rank"] == 1 and v["rank"] != 1)
            drows.append(
                [label, points(s["hit@1"], d["hit@1"]), points(s["hit@5"], d["hit@5"]), points(s["mrr"], d["mrr"]),
                 f"{s['words'] - d['words']:+.1f}", won, lost]
            )  # fmt: skip
        out(table(["variant", "Δhit@1", "Δhit@5", "ΔMRR", "Δwords", "won", "lost"], drows))


def print_misses(questions, rows, n: int) -> None:
    out()
    out(f"  first {n} squad questions the default misses within the top 5:")
    shown = 0
    for q, r in zip(questions, rows):
        if r["rank"] is None:
            quote = (r["top_quote"] or "(no answer)").replace("\n", " ")
            out(f"  - {q.question}  [answers: {' | '.join(q.answers[:3])}]")
            out(f"      top: {quote[:160]}{'…' if len(quote) > 160 else ''}")
            shown += 1
            if shown >= n:
                break


def section_noanswer(b: Bench) -> None:
    k = b.args.top_k
    squad_q, _ = b.squad_questions()
    wiki_q = b.wikinews_questions()
    emb = b.cached_embedder
    open_cfg = {"min_score": -1.0}
    wiki = b.searcher("wikinews", emb, open_cfg)
    squad = b.searcher("squad", emb, open_cfg)

    def scores(searcher, questions):
        top, best, hit = [], [], []
        for q in questions:
            r = searcher.ask(q.question, k)
            s = [float(a.score) for a in r.answers]
            top.append(s[0] if s else -np.inf)
            best.append(max(s) if s else -np.inf)
            hit.append(first_hit([a.quote for a in r.answers], q.answers, k, fold=False) is not None)
        return np.array(top), np.array(best), np.array(hit)

    log("noanswer: squad questions on the Wikinews index (unanswerable) ...")
    neg_top, neg_max, _ = scores(wiki, squad_q)
    log("noanswer: answerable questions ...")
    wpos_top, wpos_max, wpos_hit = scores(wiki, wiki_q)
    spos_top, spos_max, spos_hit = scores(squad, squad_q)
    pos_top = np.concatenate([wpos_top, spos_top])
    pos_max = np.concatenate([wpos_max, spos_max])
    pos_hit = np.concatenate([wpos_hit, spos_hit])
    current = float(b.base_config.min_score)

    heading("No-answer threshold (issue 5): \"no answer\" when the top answer's score < threshold")
    out(
        f"  unanswerable: {len(neg_top)} squad-dev questions asked of the Wikinews index; answerable: "
        f"{len(wiki_q)} Wikinews questions + {len(spos_top)} squad-dev questions on their own index"
    )
    out("  (run with min_score=-1, thresholded offline; precision/recall are of the \"no answer\" decision;")
    out("   refused: answerable questions refused; hits kept: answerable questions with a top-5 hit still answered)")
    grid = sorted(set(np.round(np.arange(0.0, 0.751, 0.05), 3).tolist()) | {round(current, 3)})
    best = best_threshold(neg_top, pos_top, pos_hit)
    rows = []
    for thr in grid:
        s = threshold_stats(neg_top, pos_top, pos_hit, thr)
        mark = " <- config" if abs(thr - current) < 1e-9 else ""
        rows.append(
            [f"{thr:.2f}{mark}", f3(s["precision"]), f3(s["recall"]), f3(s["f1"]),
             f3(s["refused_answerable"]), f3(s["hits_kept"])]
        )  # fmt: skip
    out(table(["threshold", "precision", "recall", "F1", "refused", "hits kept"], rows))
    cur = threshold_stats(neg_top, pos_top, pos_hit, current)
    cur_max = threshold_stats(neg_max, pos_max, pos_hit, current)
    best_max = best_threshold(neg_max, pos_max, pos_hit)

    def line(label, s):
        wiki_refused = float(np.mean(wpos_top < s["threshold"])) if len(wpos_top) else float("nan")
        squad_refused = float(np.mean(spos_top < s["threshold"])) if len(spos_top) else float("nan")
        return [label, f"{s['threshold']:.3f}", f3(s["precision"]), f3(s["recall"]), f3(s["f1"]),
                f3(s["refused_answerable"]), f3(wiki_refused), f3(squad_refused), f3(s["hits_kept"])]  # fmt: skip

    out()
    out(table(
        ["", "threshold", "precision", "recall", "F1", "refused", "refused wn", "refused sq", "hits kept"],
        [line("best F1", best), line("config min_score", cur)],
    ))  # fmt: skip
    out(
        f"  if \"no answer\" means every returned quote is below the threshold (max score over the top {k}): "
        f"best F1 {f3(best_max['f1'])} at {best_max['threshold']:.3f}; at config {current:.2f}: "
        f"P {f3(cur_max['precision'])} R {f3(cur_max['recall'])} F1 {f3(cur_max['f1'])}"
    )
    out(
        f"  top scores: unanswerable median {np.median(neg_top):.3f} (p95 {np.percentile(neg_top, 95):.3f}); "
        f"answerable median {np.median(pos_top):.3f} (p5 {np.percentile(pos_top, 5):.3f})"
    )
    b.results["noanswer"] = {
        "current": cur, "best": best, "current_max_rule": cur_max, "best_max_rule": best_max,
        "grid": [threshold_stats(neg_top, pos_top, pos_hit, t) for t in grid],
        "unanswerable": len(neg_top), "answerable": len(pos_top),
        "scores": {"unanswerable_top": neg_top.tolist(), "answerable_top": pos_top.tolist(),
                   "answerable_hit5": pos_hit.tolist()},
    }  # fmt: skip


def section_latency(b: Bench) -> None:
    """p50/p95 of ask on Wikinews, warm, uncached query vectors, systems interleaved per question."""
    k = b.args.top_k
    raw = b.embedder
    squad_q, _ = b.squad_questions()
    wiki_q = b.wikinews_questions()
    n = max(b.args.latency_queries, len(wiki_q))
    questions = [q.question for q in wiki_q] + [q.question for q in squad_q[: n - len(wiki_q)]]
    service = b.service("wikinews", raw)
    dense = b.searcher("wikinews", raw, {"lexical_weight": 0.0})
    lexical = b.searcher("wikinews", raw, {"dense_weight": 0.0})
    para = b.paragraphs("wikinews")
    took: list[float] = []

    def ask_default(q):
        r = service.ask(q, k)
        took.append(r.took_ms)

    systems = [
        ("default (AnswerService.ask)", ask_default),
        ("dense-only", lambda q: dense.ask(q, k)),
        ("bm25-only", lambda q: lexical.ask(q, k)),
        ("bm25-paragraphs", lambda q: para.ask(q, k)),
    ]
    import faiss
    import torch

    torch_threads, faiss_threads = torch.get_num_threads(), faiss.omp_get_max_threads()
    if max(torch_threads, faiss_threads) > 1:

        def ask_one_thread(q):
            torch.set_num_threads(1)
            faiss.omp_set_num_threads(1)
            try:
                service.ask(q, k)
            finally:
                torch.set_num_threads(torch_threads)
                faiss.omp_set_num_threads(faiss_threads)

        systems.append(("default, torch+FAISS 1 thread", ask_one_thread))
    components = _latency_components(b, raw, questions)
    log(f"latency: warm-up, then {b.args.latency_rounds} rounds x {len(questions)} questions x {len(systems)}")
    for q in questions[:30]:
        for _, fn in systems + components:
            fn(q)
    took.clear()
    times: dict[str, list[float]] = {label: [] for label, _ in systems + components}
    cpu: dict[str, list[float]] = {label: [] for label, _ in systems + components}
    load_before = loadavg()
    for rnd in range(b.args.latency_rounds):
        for i, q in enumerate(questions):
            shift = (i + rnd) % len(systems)
            for label, fn in systems[shift:] + systems[:shift] + components:
                c0 = time.process_time()
                t0 = time.perf_counter()
                fn(q)
                times[label].append((time.perf_counter() - t0) * 1000)
                cpu[label].append((time.process_time() - c0) * 1000)
    stats = {label: latency_stats(v) for label, v in times.items()}
    cpu_stats = {label: latency_stats(v) for label, v in cpu.items()}
    d = stats["default (AnswerService.ask)"]
    heading("Latency of ask on Wikinews (model loaded, warm; query vectors computed every time)")
    out(
        f"  {len(questions)} questions ({len(wiki_q)} Wikinews + {len(questions) - len(wiki_q)} squad-dev) x "
        f"{b.args.latency_rounds} rounds, systems interleaved; {b.index('wikinews').record['passages']:,} passages; "
        f"load average {load_before} -> {loadavg()}"
    )
    rows = []
    for label, s in stats.items():
        if components and label == components[0][0]:
            rows.append(["components of the default, timed alone:"] + [""] * 8)
        c = cpu_stats[label]
        rows.append([label, s["n"], f1(s["p50_ms"]), f1(s["p95_ms"]), f1(s["p99_ms"]), f1(s["mean_ms"]),
                     f1(c["p50_ms"]), f1(c["p95_ms"]), ratio(d["p95_ms"], s["p95_ms"])])  # fmt: skip
    out(table(["system", "asks", "p50 ms", "p95 ms", "p99 ms", "mean ms", "cpu p50", "cpu p95", "default p95/this"], rows))
    ts = latency_stats(took)
    out(f"  default's own took_ms: p50 {f1(ts['p50_ms'])}, p95 {f1(ts['p95_ms'])} (inside Searcher.ask)")
    out(
        f"  (threads: torch {torch_threads}, FAISS {faiss_threads}; '1 thread' sets both to 1 around each call. cpu: "
        "process CPU time per call, all threads: wall well above it means waiting for a core)"
    )
    b.results["latency"] = {
        "stats": stats, "cpu": cpu_stats, "took_ms": ts, "questions": len(questions), "rounds": b.args.latency_rounds,
    }  # fmt: skip


def _latency_components(b: Bench, raw, questions: list[str]) -> list[tuple[str, object]]:
    """Parts of the default pipeline timed alone, to show where the milliseconds go (best effort)."""
    comps: list[tuple[str, object]] = [("  encode_query (model)", raw.encode_query)]
    try:
        from index.dates import parse_date_range

        today = b.base_config.today or dt.date.today()
        comps.append(("  parse_date_range", lambda q: parse_date_range(q, today)))
    except ImportError:
        pass
    loaded = b.index("wikinews").loaded(b.embedder, b.settings)
    if hasattr(loaded.lexical, "scores"):
        comps.append(("  BM25 scores over all passages", lambda q: loaded.lexical.scores(q)))
    try:
        from index.ann import search_ann

        vecs = {q: raw.encode_query(q) for q in questions}
        n = b.base_config.candidates
        comps.append((f"  FAISS search, {n} candidates", lambda q: search_ann(loaded.ann, vecs[q], n)))
    except ImportError:
        pass
    return comps


def section_speed(b: Bench) -> None:
    from _build import plain_model, throughput

    built = b.index("wikinews")
    texts = built.loaded(b.embedder, b.settings).contents.indexed_texts()
    rng = np.random.default_rng(b.args.seed)
    n = min(b.args.embed_n, len(texts))
    subset = [texts[i] for i in sorted(rng.choice(len(texts), size=n, replace=False))]
    log("speed: loading plain SentenceTransformer (fp32) ...")
    model = plain_model(b.settings)

    log(f"speed: {n} passages, {b.args.embed_repeats} timed passes each, torch threads {b.embedder.threads}")
    load_before = loadavg()
    tp = throughput(subset, model, b.embedder, b.args.embed_repeats)
    del model
    # Quality of an fp32-built index vs the int8 one, default config, squad-dev sample.
    fp32_settings = settings_with(b.settings, model={"quantize": "none"})
    fp32_emb, _ = load_embedder(fp32_settings)
    fp32_built = ensure_index(
        b.args.work, "squad", b.args.squad / "articles", fp32_emb, fp32_settings,
        rebuild=b.args.rebuild, embed_cache=not b.args.no_embed_cache,
    )  # fmt: skip
    questions, _ = b.squad_questions()
    q_int8 = b.results.get("quality", {}).get("squad", {}).get("systems", {}).get("default")
    if q_int8 is None or q_int8["questions"] != len(questions):
        log("speed: quality of the int8 index ...")
        svc = b.service("squad", b.cached_embedder)
        q_int8 = evaluate(lambda q: reply_of(svc.ask(q, b.args.top_k)), questions, b.args.top_k)["summary"]
    from bot.service import AnswerService

    log("speed: quality of the fp32 index ...")
    fp32_service = AnswerService(
        fp32_settings.model_copy(update={"articles_dir": fp32_built.articles_dir, "index_dir": fp32_built.index_dir}),
        embedder=CachedQueryEmbedder(fp32_emb),
        progress=False,
    )
    fp32_service.load(build_if_missing=False)
    q_fp32 = evaluate(lambda q: reply_of(fp32_service.ask(q, b.args.top_k)), questions, b.args.top_k)["summary"]

    heading("Build throughput: embedding Wikinews passages (the texts the build embeds, headline included)")
    out(
        f"  {n} passages (fixed seed {b.args.seed}), {b.args.embed_repeats} timed passes each in ABBA order after "
        f"warm-up; torch threads {b.embedder.threads}; load average {load_before} -> {loadavg()}"
    )
    base_rate = tp["rate"]["plain_fp32"]
    rows = [
        ["plain SentenceTransformer.encode fp32, batch 64", f1(base_rate), "1.00x",
         ", ".join(f"{s:.1f}" for s in tp["runs_s"]["plain_fp32"])],
        [f"ours: Embedder ({b.embedder.quantize}) + length-sorted chunks", f1(tp["rate"]["ours"]),
         ratio(tp["rate"]["ours"], base_rate), ", ".join(f"{s:.1f}" for s in tp["runs_s"]["ours"])],
    ]  # fmt: skip
    out(table(["embedder", "passages/s", "vs plain", "passes (s)"], rows))
    out(
        f"  our vectors vs fp32: mean cosine {tp['cosine_to_fp32']['mean']:.4f} "
        f"(min {tp['cosine_to_fp32']['min']:.4f}); the same passages embedded by us again among other "
        f"batch-mates: mean cosine {tp['cosine_other_batch']['mean']:.4f} (min {tp['cosine_other_batch']['min']:.4f})"
    )
    out()
    out(f"  quality of the built index, default config, squad-dev sample of {len(questions)}:")
    rows = [
        ["fp32 index (quantize: none)", f3(q_fp32["hit@1"]), f3(q_fp32["hit@5"]), f3(q_fp32["mrr"]), ""],
        [f"{b.embedder.quantize} index", f3(q_int8["hit@1"]), f3(q_int8["hit@5"]), f3(q_int8["mrr"]),
         points(q_int8["hit@5"], q_fp32["hit@5"])],
    ]  # fmt: skip
    out(table(["index", "hit@1", "hit@5", "MRR", "hit@5 diff (pt)"], rows))
    b.results["speed"] = {
        "throughput": tp, "quality_fp32": q_fp32, "quality_ours": q_int8,
        "fp32_build": fp32_built.record, "model_load_s": b.model_load_s,
    }  # fmt: skip


def section_incremental(b: Bench) -> None:
    from _build import incremental

    built = b.index("wikinews")
    emb = b.embedder
    log("incremental: copying the Wikinews archive and its index ...")
    res = incremental(
        built, emb, b.settings, b.args.work, b.args.incremental_repeats, not b.args.skip_full_baseline
    )
    heading("Incremental rebuild: a copy of the Wikinews archive, one article changed per build")
    measured_full = [r for r in res["rows"] if r["case"].startswith("baseline")]
    if measured_full:
        full = {"seconds": measured_full[0]["seconds"], "passages": measured_full[0]["passages"]}
        full_note = "the baseline is a full rebuild (--full) of the same copy, timed in this run"
    else:
        full = {"seconds": built.record["seconds"], "passages": built.record["passages"]}
        full_note = f"baseline: the cached index's build on {built.record['built_at']} (may have used the embedding cache)"
    out(
        f"  {res['articles']} articles, {full['passages']:,} passages; time of build_index (model already loaded; "
        f"loading it took {f1(b.model_load_s)} s in this run); {full_note}"
    )
    phases = ["read", "load old", "chunk", "embed", "write"]
    rows = []
    for r in res["rows"]:
        rest = r["seconds"] - sum(r["phases"].get(p, 0.0) for p in phases)
        rows.append(
            [r["case"], f"{r['seconds']:.2f}", r["embedded"], r["passages"], ratio(full["seconds"], r["seconds"])]
            + [f"{r['phases'].get(p, 0.0):.2f}" for p in phases] + [f"{rest:.2f}"]
        )  # fmt: skip
    if not measured_full:
        rows.append(
            [f"baseline: cached build ({built.record['built_at']})", f"{full['seconds']:.2f}",
             built.record["embedded"], full["passages"], "1.00x"] + [""] * (len(phases) + 1)
        )  # fmt: skip
    out(table(["case", "seconds", "embedded", "passages", "speed-up"] + [f"{p} s" for p in phases] + ["other s"], rows))
    changed = [r["seconds"] for r in res["rows"] if r["case"].startswith("1 changed")]
    out(f"  one article changed: median {np.median(changed):.2f} s, max {max(changed):.2f} s")
    res["median_changed_s"] = float(np.median(changed))
    res["full_build"] = full
    b.results["incremental"] = res


def section_ann(b: Bench) -> None:
    from _ann import run_ann

    types = [t.strip() for t in b.args.ann_types.split(",") if t.strip()]
    res = run_ann(b.args.ann_size, b.args.seed, b.args.ann_queries, b.args.ann_budget, types, b.args.work)
    heading(f"ANN scale: synthetic 384-d unit vectors (clustered), up to {res['size']:,}; index.ann.build_ann")
    sh = res["shape"]
    out(
        f"  sizes {', '.join(f'{s:,}' for s in res['sizes'])}; {res['queries']} queries (perturbed data points), "
        f"searched one at a time for top 10; recall@10 vs exact (numpy); FAISS threads {res['threads']};"
    )
    out(
        f"  data (hierarchical gaussian mixture calibrated on the Wikinews vectors): random-pair cosine "
        f"{sh['random_pair_cos_mean']:.2f}; a query's 2nd/10th/100th nearest {sh['query_nn2_cos_mean']:.2f}/"
        f"{sh['query_nn10_cos_mean']:.2f}/{sh['query_nn100_cos_mean']:.2f}; default AnnSettings per type; build "
        f"budget {b.args.ann_budget:.0f} s per type"
    )
    flat = {r["n"]: r for r in res["rows"] if r["type"] == "flat"}
    rows = []
    for r in res["rows"]:
        base = flat.get(r["n"])
        rows.append(
            [r["type"] + (f" (nlist {r['nlist']})" if r.get("nlist") else ""), f"{r['n']:,}", f1(r["build_s"]),
             human_bytes(r["index_bytes"]), human_bytes(r.get("rss_delta_bytes")),
             f"{r['search_p50_ms']:.2f}", f"{r['search_p95_ms']:.2f}",
             ratio(base["search_p95_ms"], r["search_p95_ms"]) if base else "-",
             f"{r['search_p50_ms_1thread']:.2f}", f"{r['search_p95_ms_1thread']:.2f}", f3(r["recall@10"])]
        )  # fmt: skip
    out(table(["index", "vectors", "build s", "index size", "RSS delta", "p50 ms", "p95 ms", "p95 vs flat",
               "1-thread p50", "1-thread p95", "recall@10"], rows))  # fmt: skip
    out("  (p50/p95: FAISS's default threads; 1-thread: faiss.omp_set_num_threads(1), often faster for one query")
    out("   on a busy machine; RSS delta: resident memory added by the build, index size: faiss.write_index bytes)")
    for note in res["notes"]:
        out(f"  note: {note}")
    b.results["ann"] = res


# ---- summary -----------------------------------------------------------------------------------------------------


def print_goals(b: Bench) -> None:
    r = b.results
    rows = []

    def goal(name, value, target, ok):
        rows.append([name, value, target, "yes" if ok else "NO"])

    for name in ("squad", "wikinews"):
        sysq = r.get("quality", {}).get(name, {}).get("systems")
        if not sysq:
            continue
        d = sysq["default"]
        goal(f"{name} hit@1", f3(d["hit@1"]), ">= 0.80", d["hit@1"] >= 0.80)
        goal(f"{name} hit@5", f3(d["hit@5"]), ">= 0.95", d["hit@5"] >= 0.95)
        goal(f"{name} words per quote", f1(d["words"]), "<= 45", d["words"] <= 45)
        for base in ("dense-only", "bm25-only"):
            diff = d["hit@1"] - sysq[base]["hit@1"]
            goal(f"{name} hit@1 over {base}", f"{100 * diff:+.1f} pt", ">= +5 pt", diff >= 0.05)
    if "speed" in r:
        s = r["speed"]
        x = s["throughput"]["rate"]["ours"] / s["throughput"]["rate"]["plain_fp32"]
        goal("build throughput vs plain fp32", f"{x:.2f}x", ">= 2x", x >= 2)
        diff = s["quality_ours"]["hit@5"] - s["quality_fp32"]["hit@5"]
        goal("hit@5, int8 vs fp32 index", f"{100 * diff:+.1f} pt", "within 1 pt", abs(diff) <= 0.01 + 1e-9)
    if "incremental" in r:
        m = r["incremental"]["median_changed_s"]
        goal("incremental rebuild, 1 article", f"{m:.2f} s", "< 2 s + model load", m < 2)
    if "latency" in r:
        p95 = r["latency"]["stats"]["default (AnswerService.ask)"]["p95_ms"]
        goal("ask p95 on Wikinews", f"{p95:.1f} ms", "< 30 ms", p95 < 30)
    if "noanswer" in r:
        c = r["noanswer"]["current"]
        best = r["noanswer"]["best"]
        rows.append(
            ["no-answer at config min_score", f"F1 {f3(c['f1'])}", f"best F1 {f3(best['f1'])} at "
             f"{best['threshold']:.3f}", "-"]
        )  # fmt: skip
    if rows:
        heading("Goals (issue 4; issue 5's threshold for reference)")
        out(table(["goal", "measured", "target", "met"], rows))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.threads:
        import faiss
        import torch

        torch.set_num_threads(args.threads)
        faiss.omp_set_num_threads(args.threads)
    import logging

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    started = time.perf_counter()
    b = Bench(args)
    command = " ".join(shlex.quote(a) for a in [".venv/bin/python", "bench/run.py", *(argv or sys.argv[1:])])
    out(f"newsbot benchmark  {dt.datetime.now().isoformat(timespec='seconds')}  commit {git_describe()}")
    out(f"  command: {command}")
    out(
        f"  machine: {os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}; "
        f"load average at start {loadavg()}"
    )
    cfg_line = ", ".join(f"{k}={v}" for k, v in vars(b.base_config).items())
    out(f"  default SearchConfig ({'built-in defaults' if not args.app_config else args.app_config}): {cfg_line}")
    drift = repo_config_differs(b.settings)
    if drift:
        out(f"  warning: config.yaml's search settings differ from these: {drift} (value here, in config.yaml)")
    for label, overrides in b.variants:
        out(f"  variant cfg:{label}: {overrides}")
    timings: dict[str, float] = {}
    for section in SECTIONS:
        if section not in args.sections:
            continue
        log(f"section {section} ...")
        with stopwatch() as took:
            globals()[f"section_{section}"](b)
        timings[section] = took()
        log(f"section {section} took {took():.0f} s")
    print_goals(b)
    heading("Section runtimes (including any index builds and model loads they triggered)")
    out(table(["section", "seconds"], [[k, f"{v:.0f}"] for k, v in timings.items()] + [
        ["total", f"{time.perf_counter() - started:.0f}"]]))  # fmt: skip
    out(f"  load average at end {loadavg()}")
    if args.json:
        b.results["meta"] = {
            "date": dt.datetime.now().isoformat(timespec="seconds"), "command": command, "commit": git_describe(),
            "section_seconds": timings, "default_config": {k: str(v) for k, v in vars(b.base_config).items()},
            "variants": dict(b.variants), "model_load_s": b.model_load_s,
        }  # fmt: skip
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(_finite(b.results), indent=1, default=_json_default))
        log(f"wrote {args.json}")
    return 0


def _finite(value):
    """JSON has no infinities or NaN: write null for them."""
    if isinstance(value, float) and not np.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def _json_default(value):
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, dt.date | Path):
        return str(value)
    return repr(value)


if __name__ == "__main__":
    raise SystemExit(main())
