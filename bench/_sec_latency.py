"""Section `latency`: time per question, split into its components."""

from __future__ import annotations

import datetime as dt
import time

from _bench import Bench
from _util import (
    f1,
    heading,
    latency_stats,
    loadavg,
    log,
    out,
    ratio,
    table,
)


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
    for label, overrides in b.variants:
        s = b.searcher("wikinews", raw, overrides)
        systems.append((f"cfg:{label}", lambda q, s=s: s.ask(q, k)))
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
    out(
        table(
            ["system", "asks", "p50 ms", "p95 ms", "p99 ms", "mean ms", "cpu p50", "cpu p95", "default p95/this"], rows
        )
    )
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
