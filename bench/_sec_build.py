"""Sections `speed` (embedding throughput), `incremental` (rebuild times) and `ann` (FAISS index types)."""

from __future__ import annotations

import numpy as np
from _bench import Bench
from _engine import (
    CachedQueryEmbedder,
    ensure_index,
    load_embedder,
    settings_with,
)
from _quality import evaluate, reply_of
from _util import (
    f1,
    f3,
    heading,
    human_bytes,
    loadavg,
    log,
    out,
    points,
    ratio,
    table,
)


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
    res = incremental(built, emb, b.settings, b.args.work, b.args.incremental_repeats, not b.args.skip_full_baseline)
    heading("Incremental rebuild: a copy of the Wikinews archive, one article changed per build")
    measured_full = [r for r in res["rows"] if r["case"].startswith("baseline")]
    if measured_full:
        full = {"seconds": measured_full[0]["seconds"], "passages": measured_full[0]["passages"]}
        full_note = "the baseline is a full rebuild (--full) of the same copy, timed in this run"
    else:
        full = {"seconds": built.record["seconds"], "passages": built.record["passages"]}
        full_note = (
            f"baseline: the cached index's build on {built.record['built_at']} (may have used the embedding cache)"
        )
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
