"""Issue 12's sizing figures: ANN recall and latency per index type and storage on clustered synthetic vectors
shaped like the real ones (bench/_ann.py), BM25 timed on resampled archives of up to 3.2 million passages
(bench/_bm25_scale.py), the mapped vectors' memory and rescoring cost (bench/_mapped.py), and a sizing table
for 10k, 100k and 1M articles from these and the Wikinews archive's measured per-passage costs.

Recall is given two ways: the index's own top 10, and the top 10 after the exact rescoring the search does
(index/search.py rescores every candidate with its stored vector; the bot takes `candidates` = 100).
"""

from __future__ import annotations

import gc
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from _ann import K, _index_bytes, exact_topk, make_queries, recall_at_k, synthetic
from _bm25_scale import bm25_at_scale, per_size
from _mapped import mapped_vectors
from _mapped_passages import READS, mapped_passages
from _names_scale import names_at_scale, print_names
from _util import f1, f3, heading, human_bytes, latency_stats, loadavg, log, out, rss_bytes, table

from index.passage_table import ARTICLE_IDS, ROWS, TEXT

CANDIDATES = 100
# What a loaded index keeps in memory per passage besides its files: the columns every search shares (article ids,
# date ordinals, places in the article, article ranges); measured at 1M passages (bench/README.md, "Date and place
# columns shared by every search").
PASSAGE_COLUMNS_BYTES = 61
PASSAGES_MAPPED = 1_000_000
# (type, storage, knob name, knob values): the query-time knob swept per built index.
SWEEP = (
    ("flat", "float16", None, (None,)),
    ("flat", "sq8", None, (None,)),
    ("hnsw", "float32", "hnsw_ef_search", (64, 128, 256, 512)),
    ("hnsw", "sq8", "hnsw_ef_search", (64, 128, 256, 512)),
    ("ivfpq", "float32", "ivf_nprobe", (16, 32, 64)),
)
ARTICLES = (10_000, 100_000, 1_000_000)
# Passes over the questions when BM25 is timed (at 1M passages and the table's sizes up to --bm25-up-to).
BM25_ROUNDS = 2
VECTOR_BYTES = 1536  # a float32 384-d vector


def ann_sweep(size: int, seed: int, queries_n: int, types: list[str], work: Path) -> dict:
    import faiss

    from index.ann import AnnSettings, build_ann, configure, search_ann

    data = synthetic(size, seed)
    queries = make_queries(data, queries_n, seed)
    truth = exact_topk(data, queries)
    rows = []
    for kind, storage, knob, values in SWEEP:
        if kind not in types:
            continue
        gc.collect()
        rss0 = rss_bytes() or 0
        t0 = time.perf_counter()
        index = build_ann(data, AnnSettings(type=kind, storage=storage))
        build_s = time.perf_counter() - t0
        size_bytes = _index_bytes(index, work)
        rss = (rss_bytes() or 0) - rss0
        log(f"sizing: {kind}/{storage} n={size:,} built in {build_s:.1f} s")
        for value in values:
            settings = AnnSettings(type=kind, storage=storage)
            if knob:
                settings = replace(settings, **{knob: value})
            configure(index, settings)
            raw = np.full((len(queries), K), -1, dtype=np.int64)
            rescored = np.full((len(queries), K), -1, dtype=np.int64)
            times = []
            for n, q in enumerate(queries):
                t1 = time.perf_counter()
                ids, _ = search_ann(index, q, CANDIDATES)
                times.append((time.perf_counter() - t1) * 1000)
                raw[n, : min(K, len(ids))] = ids[:K]
                exact = data[ids] @ q
                best = ids[np.argsort(-exact)[:K]]
                rescored[n, : len(best)] = best
            st = latency_stats(times)
            rows.append(
                {"type": kind, "storage": storage, "knob": knob, "value": value, "n": size, "build_s": build_s,
                 "index_bytes": size_bytes, "rss_delta_bytes": rss, "recall@10": recall_at_k(raw, truth),
                 "recall@10_rescored": recall_at_k(rescored, truth), "p50_ms": st["p50_ms"], "p95_ms": st["p95_ms"],
                 "nlist": int(index.nlist) if isinstance(index, faiss.IndexIVF) else None}
            )  # fmt: skip
        del index
    return {"size": size, "queries": queries_n, "rows": rows}


def archive_costs(b, sample_articles_n: int) -> dict:
    """Per-passage disk, memory and query costs, and the build rate, of an index of a Wikinews sample (default
    settings; building the whole archive takes many minutes on a shared machine)."""
    import shutil

    from _speed import sample_articles

    from index.build import build_index
    from index.store import current_path, load_index

    sample = sample_articles(b.args.wikinews, sample_articles_n, b.args.seed + 1, b.args.work)
    index_dir = b.args.work / "sizing-index"
    shutil.rmtree(index_dir, ignore_errors=True)
    t0 = time.perf_counter()
    ann = b.settings.index.to_ann_settings()
    summary = build_index(
        sample, index_dir, b.embedder, b.settings.chunking.to_chunk_settings(), ann, full=True, progress=False
    )
    build_s = time.perf_counter() - t0
    disk = sum(p.stat().st_size for p in current_path(index_dir).rglob("*") if p.is_file())
    bm25 = sum(p.stat().st_size for p in (current_path(index_dir) / "bm25").rglob("*") if p.is_file())
    passage_files = sum((current_path(index_dir) / name).stat().st_size for name in (ROWS, TEXT, ARTICLE_IDS))
    loaded = load_index(index_dir, b.embedder.model_id, b.embedder.dimension, ann)
    passages = len(loaded.contents.passages)
    questions = [q.question for q in b.squad_questions()[0][:100]]
    enc = []
    for q in questions:
        t0 = time.perf_counter()
        b.embedder.encode_query(q)
        enc.append((time.perf_counter() - t0) * 1000)
    shutil.rmtree(index_dir, ignore_errors=True)
    return {
        "articles": summary.added,
        "passages": passages,
        "passages_per_article": passages / max(summary.added, 1),
        "disk_per_passage": disk / passages,
        "bm25_per_passage": bm25 / passages,
        "passage_files_per_passage": passage_files / passages,
        "encode_query_p95_ms": latency_stats(enc)["p95_ms"],
        "build_rate": summary.passages / build_s,
        "build_sample": {"articles": summary.added, "passages": summary.passages, "seconds": build_s},
    }


def _ann_choice(rows: list[dict], n: int) -> dict | None:
    """The row the auto type would serve at n passages, with its default knob (extrapolated by size)."""
    from index.ann import AnnSettings, resolve

    s = resolve(AnnSettings(), n)
    default = {"hnsw": s.hnsw_ef_search, "ivfpq": s.ivf_nprobe, "flat": None}[s.type]
    for r in rows:
        if r["type"] == s.type and r["storage"] == s.storage and r["value"] == default:
            return r
    return None


def table_passages(costs: dict) -> list[int]:
    return [int(articles * costs["passages_per_article"]) for articles in ARTICLES]


def sizing_rows(costs: dict, sweep: dict, bm25: dict) -> list[list[str]]:
    from index.ann import AnnSettings, resolve

    rows = []
    for articles, n in zip(ARTICLES, table_passages(costs), strict=True):
        kind = resolve(AnnSettings(), n).type
        ann = _ann_choice(sweep["rows"], n)
        if kind == "flat":
            # Exact search scans every vector: 1536 bytes and linear time per passage.
            ann_ms = costs.get("flat_ms_per_passage", 0.0) * n
            ann_bytes_per = VECTOR_BYTES
        elif ann is not None:
            # HNSW's search time grows ~log n and IVF's with n / nlist * nprobe; measured at the sweep's size.
            ann_ms = ann["p95_ms"] * (np.log(n) / np.log(ann["n"]) if kind == "hnsw" else np.sqrt(n / ann["n"]))
            ann_bytes_per = ann["index_bytes"] / ann["n"]
        else:
            ann_ms, ann_bytes_per = float("nan"), float("nan")
        # The sample's files: float32 vectors.npy, a flat ann.faiss (1536 bytes each) and the rest (passages,
        # BM25, manifest). A loaded index maps vectors.npy, the BM25 matrix and the vectors a flat or hnsw index
        # stores (float32 by default: index.store.load_index); an ivfpq index's codes and an hnsw graph are read.
        disk = n * (costs["disk_per_passage"] - VECTOR_BYTES + ann_bytes_per)
        mapped = n * (
            VECTOR_BYTES * (2 if kind in ("flat", "hnsw") else 1)
            + costs.get("bm25_per_passage", 0.0)
            + costs.get("passage_files_per_passage", 0.0)
        )
        resident = n * PASSAGE_COLUMNS_BYTES
        bm25_ms, measured = per_size(bm25["rows"], n)
        p95 = costs["encode_query_p95_ms"] + bm25_ms + ann_ms
        hours = n / costs["build_rate"] / 3600
        rows.append(
            [f"{articles:,}", f"{n:,}", kind, f1(hours), human_bytes(disk), human_bytes(disk - mapped + resident),
             f"{bm25_ms:.1f} ({'measured' if measured else 'extrapolated'})", f1(ann_ms), f1(p95)]
        )  # fmt: skip
    return rows


def section_sizing(b) -> None:
    args = b.args
    types = [t.strip() for t in args.ann_types.split(",") if t.strip()]
    log(f"sizing: ANN sweep at {args.ann_size:,} synthetic vectors ...")
    load_before = loadavg()
    sweep = ann_sweep(args.ann_size, args.seed, args.ann_queries, types, args.work)
    log("sizing: per-passage costs of the Wikinews index ...")
    costs = archive_costs(b, args.build_articles)
    flat_ms = _flat_ms_per_passage(args.seed)
    costs["flat_ms_per_passage"] = flat_ms
    sizes = sorted({1_000_000, *(n for n in table_passages(costs) if n <= args.bm25_up_to)})
    log(f"sizing: BM25 at {', '.join(f'{n:,}' for n in sizes)} resampled passages ...")
    bm25_load = loadavg()
    bm25 = bm25_at_scale(args.wikinews, sizes, args.seed, BM25_ROUNDS)
    bm25_load = f"{bm25_load} -> {loadavg()}"
    log(f"sizing: {args.ann_size:,} vectors read and mapped ...")
    mapped_load = loadavg()
    mapped = mapped_vectors(args.ann_size, args.work, args.seed, args.ann_queries)
    mapped_load = f"{mapped_load} -> {loadavg()}"
    log(f"sizing: {PASSAGES_MAPPED:,} passages read and mapped ...")
    passages = mapped_passages(args.wikinews, PASSAGES_MAPPED, args.work, args.seed)
    log("sizing: speakers of 10,000 and 100,000 articles looked up ...")
    names = names_at_scale(args.wikinews, [10_000, 100_000], args.seed)

    heading(f"ANN recall and latency at {sweep['size']:,} synthetic 384-d vectors (issue 12)")
    out(
        f"  {sweep['queries']} queries, one at a time on 1 thread, top {CANDIDATES} candidates; recall@10 against "
        f"exact numpy; 'rescored': the top 10 after exact rescoring of the candidates, as the search does; "
        f"load average {load_before} -> {loadavg()} (machine shared)"
    )
    rows = []
    for r in sweep["rows"]:
        knob = f"{r['knob'].split('_')[-1]}={r['value']}" if r["knob"] else ""
        label = f"{r['type']} {r['storage'] if r['type'] != 'ivfpq' else 'pq48'}" + (
            f" nlist {r['nlist']}" if r["nlist"] else ""
        )
        rows.append(
            [label, knob, f1(r["build_s"]), human_bytes(r["index_bytes"]), f"{r['index_bytes'] / r['n']:.0f}",
             f"{r['p50_ms']:.2f}", f"{r['p95_ms']:.2f}", f3(r["recall@10"]), f3(r["recall@10_rescored"])]
        )  # fmt: skip
    out(table(["index", "knob", "build s", "size", "bytes/vector", "p50 ms", "p95 ms", "recall@10",
               "rescored recall@10"], rows))  # fmt: skip

    print_bm25(bm25, bm25_load)
    print_mapped(mapped, mapped_load)
    print_passages(passages)
    print_names(names)

    heading("Sizing (issue 12): the Wikinews archive's measured costs per passage, BM25 measured at scale")
    c = costs
    out(
        f"  measured on an index of a Wikinews sample: {c['articles']} articles, {c['passages']:,} passages "
        f"({c['passages_per_article']:.1f} per article); disk {human_bytes(c['disk_per_passage'])} per passage "
        f"(float32 vectors, flat); encode_query p95 {c['encode_query_p95_ms']:.1f} ms; flat scan "
        f"{flat_ms * 1e6:.0f} ns per passage; build {c['build_rate']:.1f} passages/s on this machine's 2 cores "
        f"({c['build_sample']['articles']} articles, default settings)"
    )
    out(table(["articles", "passages", "index.type auto", "build h (2 cores)", "disk", "RAM", "BM25 p95 ms",
               "ANN p95 ms", "ask p95 ms"], sizing_rows(c, sweep, bm25)))  # fmt: skip
    out(
        "  (disk: passages, BM25, float32 vectors and the ANN index, each scaled linearly; RAM: the same less"
        " vectors.npy, the BM25 matrix, the passages and a flat or hnsw index's stored vectors, which are mapped (the"
        " page cache keeps what questions read), plus the search's columns per passage; BM25: the search's BM25"
        " step above, at sizes past the measured ones on the line through the two largest; ask p95 = encode_query"
        " + BM25 + ANN p95s; hnsw time by log n and ivfpq by sqrt n from the sweep's size; build: embedding rate"
        " only)"
    )
    b.results["sizing"] = {
        "sweep": sweep, "costs": costs, "bm25": bm25, "mapped": mapped, "passages": passages, "names": names
    }  # fmt: skip


def print_bm25(bm25: dict, load: str) -> None:
    heading("BM25 at scale (issue 12): the search's BM25 step on resampled Wikinews archives")
    out(
        f"  each synthetic passage a Wikinews passage drawn at random with replacement (its BM25 tokens, counts and"
        f" length), so every term's document frequency is its Wikinews share times the size; index built from"
        f" token ids with numpy, bit-identical to bm25s's own at the real size: "
        f"{'yes' if bm25['identical_to_bm25s'] else 'NO'}; {bm25['questions']} Wikinews questions x"
        f" {bm25['rounds']} rounds, one at a time; step = the search's (index/search.py): the query's words"
        f" (tokenising, synonym expansion), the 100 best (document at a time where 'pruned', index/bm25_maxscore.py),"
        f" the scores of those and of 100 other passages; dense = the same with a score per passage (bm25s) and"
        f" top_positive, interleaved by question; same = both chose the same passages with the same scores for every"
        f" question; load average {load}"
    )
    rows = []
    for r in bm25["rows"]:
        corpus = "Wikinews (real)" if r["build_s"] is None else "resampled"
        rows.append(
            [f"{r['passages']:,}", corpus, f1(r["build_s"]), f"{r['postings']:,}", human_bytes(r["bytes"]),
             f"{r['dense_p50_ms']:.2f}", f"{r['dense_p95_ms']:.2f}", "yes" if r["pruned"] else "no",
             f"{r['p50_ms']:.2f}", f"{r['p95_ms']:.2f}", "yes" if r["same_as_dense"] else "NO"]
        )  # fmt: skip
    out(table(["passages", "corpus", "index s", "postings", "BM25 arrays", "dense p50 ms", "dense p95 ms", "pruned",
               "step p50 ms", "step p95 ms", "same"], rows))  # fmt: skip


def print_passages(p: dict) -> None:
    heading(f"Passages read vs mapped (issue 12): {p['n']:,} Wikinews passages resampled, a fresh process each")
    rows = [
        [label, f"{p[mode]['load_s']:.2f}", f"{p[mode]['load_with_columns_s']:.2f}", human_bytes(p[mode]["rss_bytes"]),
         f"{p[mode]['rss_bytes'] / p['n']:.0f}", f"{p[mode]['reads_ms']:.2f}"]
        for mode, label in (("jsonl", "passages.jsonl read (before)"), ("mapped", "passages mapped (now)"))
    ]  # fmt: skip
    out(table(["passages", "load s", "+ columns s", "RSS", "RSS bytes/passage", f"{READS} passages ms"], rows))
    files = ", ".join(f"{name} {human_bytes(size)}" for name, size in p["files"].items())
    out(f"  files: {files}; RSS: resident memory after loading and making the search's per-passage columns")


def print_mapped(m: dict, load: str) -> None:
    heading(f"Vectors read vs mapped (issue 12): {m['n']:,} float32 384-d vectors, {human_bytes(m['bytes'])}")
    out(
        f"  rescoring: vectors[ids] @ qvec for {m['questions']} questions of ~200 random rows (the search's union"
        f" of 100 dense and 100 BM25 candidates); RSS: anonymous / file-backed (page cache, shared, reclaimable);"
        f" cold: the file dropped from the page cache (posix_fadvise DONTNEED) before loading or before each"
        f" question; warm: the file in the page cache; load average {load}"
    )
    anon, file = m["mapped_rss_after"]["RssAnon"], m["mapped_rss_after"]["RssFile"]
    rows = [
        ["np.load (before)", f"{m['read_s']:.2f}", human_bytes(m["read_rss"]["RssAnon"]), "-",
         f"{m['in_ram']['p50_ms']:.2f} / {m['in_ram']['p95_ms']:.2f}"],
        ["index.store.map_vectors (after), first questions", f"{m['mapped_s']:.4f}",
         human_bytes(m["mapped_rss"]["RssAnon"]), f"{human_bytes(anon)} / {human_bytes(file)}",
         f"{m['cold_first']['p50_ms']:.2f} / {m['cold_first']['p95_ms']:.2f}"],
        ["map_vectors, warm", "", "", "", f"{m['warm']['p50_ms']:.2f} / {m['warm']['p95_ms']:.2f}"],
        ["map_vectors, cold each question", "", "", "", f"{m['cold']['p50_ms']:.2f} / {m['cold']['p95_ms']:.2f}"],
        ["mapped without MADV_RANDOM, cold each question", "", "", "",
         f"{m['cold_no_advice']['p50_ms']:.2f} / {m['cold_no_advice']['p95_ms']:.2f}"],
    ]  # fmt: skip
    out(table(["vectors", "load s (cold)", "RSS added at load", "RSS added by the questions",
               "rescoring p50 / p95 ms"], rows))  # fmt: skip


def _flat_ms_per_passage(seed: int) -> float:
    """One-thread exact scan time per vector, measured at 200,000 vectors."""
    from index.ann import AnnSettings, build_ann, search_ann

    data = synthetic(200_000, seed)
    index = build_ann(data, AnnSettings(type="flat"))
    times = []
    for q in make_queries(data, 50, seed):
        t0 = time.perf_counter()
        search_ann(index, q, CANDIDATES)
        times.append((time.perf_counter() - t0) * 1000)
    return latency_stats(times)["p95_ms"] / len(data)
