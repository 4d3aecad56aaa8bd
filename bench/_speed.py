"""Issue 12's build figures: a full build against plain fp32 `encode` of the same paragraphs, batch
independence of the vectors, and late chunking against today's windows (speed and squad-dev quality).

Builds are timed on a fixed sample of Wikinews articles (the whole archive takes minutes per system on a shared
2-core machine) and extrapolated to the archive by its paragraph count, which the table says.
"""

from __future__ import annotations

import random
import shutil
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from _build import plain_model
from _engine import CachedQueryEmbedder, ensure_index, settings_with
from _quality import evaluate, reply_of
from _util import f1, f3, heading, loadavg, log, out, points, ratio, table

PLAIN = "plain fp32 encode of the paragraphs"
# The shipped embedder (the precision `auto` chose here) over the same paragraphs: every token read once at that
# precision, so no build that embeds every passage in it can beat it (late chunking reads each token once too).
CEILING = "embedder's encode of the paragraphs (ceiling)"
# (label, chunking.late) of the systems compared; the first is today's windows.
LATE_VARIANTS = (("windows (late: none)", "none"), ("late: paragraph", "paragraph"), ("late: article", "article"))
# The other model.runtime's rows carry this prefix (see runtime_embedders).
OTHER = "{runtime}: "


def runtime_embedders(b) -> dict[str, object]:
    """The bench's embedder under "" and, when it can load, one on the other model.runtime (torch <-> openvino)
    under "<runtime>: ", same precision and threads, so both runtimes' builds are timed in the same run."""
    from index.errors import ModelError

    embedders: dict[str, object] = {"": b.embedder}
    other = "openvino" if getattr(b.embedder, "runtime", "torch") == "torch" else "torch"
    try:
        embedder = settings_with(b.settings, model={"runtime": other}).model.to_embedder()
    except ModelError as exc:
        log(f"speed: no {other} runtime ({exc})")
        return embedders
    embedders[OTHER.format(runtime=other)] = embedder
    return embedders


def sample_articles(source: Path, count: int, seed: int, work: Path) -> Path:
    """Copy a fixed random sample of `count` article files into a fresh folder."""
    files = sorted(p for p in source.rglob("*") if p.suffix in (".md", ".txt") and p.is_file())
    if not files:
        raise SystemExit(f"no article files in {source}: pass --wikinews DIR")
    picked = sorted(random.Random(seed).sample(files, min(count, len(files))))
    folder = work / "speed-sample"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for path in picked:
        shutil.copy(path, folder / path.name)
    return folder


def paragraph_texts(articles_dir: Path) -> list[str]:
    from index.articles import load_articles
    from index.sentences import paragraphs

    articles, _ = load_articles(articles_dir)
    return [a.text[s:e] for a in articles for s, e in paragraphs(a.text, a.body_start)]


def build_ratio(articles_dir: Path, embedders: dict, settings, work: Path, repeats: int) -> dict:
    """Time plain fp32 encode of the sample's paragraphs and, per runtime, its encode of the paragraphs and a full
    build per late-chunking variant, interleaved (the order reversed every other round) so background load hits
    every system alike."""
    import torch

    from index.build import build_index

    paragraphs = paragraph_texts(articles_dir)
    model = plain_model(settings)
    model.encode(paragraphs[:16], batch_size=64)
    runs = {PLAIN: (None, None)}
    for prefix, embedder in embedders.items():
        embedder.encode(paragraphs[:16])
        runs[prefix + CEILING] = (embedder, None)
        for label, late in LATE_VARIANTS:
            runs[prefix + label] = (embedder, late)
    systems = list(runs)
    threads = embedders[""].threads
    seconds: dict[str, list[float]] = {s: [] for s in systems}
    passages: dict[str, int] = {}
    for r in range(max(1, repeats)):
        for system in systems if r % 2 == 0 else systems[::-1]:
            embedder, late = runs[system]
            t0 = time.perf_counter()
            if late is not None:
                chunking = replace(settings.chunking.to_chunk_settings(), late=late)
                summary = build_index(
                    articles_dir, work / "speed-index", embedder, chunking, settings.index.to_ann_settings(),
                    full=True, progress=False,
                )  # fmt: skip
                passages[system] = summary.passages
            elif embedder is not None:
                embedder.encode(paragraphs)
            else:
                torch.set_num_threads(threads)
                model.encode(paragraphs, batch_size=64)
            seconds[system].append(time.perf_counter() - t0)
            log(f"  speed: {system}: {seconds[system][-1]:.1f} s")
    shutil.rmtree(work / "speed-index", ignore_errors=True)
    return {"paragraphs": len(paragraphs), "seconds": seconds, "passages": passages}


def batch_independence(embedder, articles_dir: Path, n: int) -> dict:
    """Cosine of each vector to itself embedded among other batch-mates: windows every other passage and
    one at a time, late chunking every other article."""
    from index.articles import load_articles
    from index.late_chunking import embed_articles
    from index.passages import chunk_article

    articles, _ = load_articles(articles_dir)
    jobs = [(a, chunk_article(a, 2, 240, embedder.count_tokens)) for a in articles]
    texts = [p.text for _, passages in jobs for p in passages][:n]
    full = embedder.encode(texts)
    every_other = np.sum(embedder.encode(texts[::2]) * full[::2], axis=1)
    alone = np.array([float(embedder.encode([t])[0] @ v) for t, v in zip(texts[:20], full[:20], strict=True)])
    late_all = embed_articles(embedder, jobs, True, 256, embedder.count_tokens, context="article")
    ends = np.cumsum([0] + [len(p) for _, p in jobs])
    half = embed_articles(embedder, jobs[::2], True, 256, embedder.count_tokens, context="article")
    mine = np.concatenate([late_all[ends[i] : ends[i + 1]] for i in range(0, len(jobs), 2)])
    late_cos = np.sum(half * mine, axis=1)
    return {
        "passages": len(texts),
        "windows_every_other_min": float(every_other.min()),
        "windows_alone_min": float(alone.min()),
        "late_every_other_article_min": float(late_cos.min()),
        "late_passages": int(len(late_cos)),
    }


def late_quality(b, questions) -> dict:
    """hit@1/hit@5 of the default pipeline and of dense-only on squad-dev indexes built per variant."""
    from bot.service import AnswerService

    results = {}
    for label, late in LATE_VARIANTS:
        settings = settings_with(b.settings, chunking={"late": late})
        built = ensure_index(
            b.args.work, "squad", b.args.squad / "articles", b.embedder, settings,
            rebuild=b.args.rebuild, embed_cache=not b.args.no_embed_cache,
        )  # fmt: skip
        paths = {"articles_dir": built.articles_dir, "index_dir": built.index_dir}
        row = {"build_s": built.record["seconds"], "passages": built.record["passages"]}
        for system, search in (("default", {}), ("dense-only", {"lexical_weight": 0.0})):
            s = settings_with(settings, search=search).model_copy(update=paths)
            service = AnswerService(s, embedder=CachedQueryEmbedder(b.embedder), progress=False)
            service.load(build_if_missing=False)
            log(f"  speed: quality of {label}, {system} ...")
            row[system] = evaluate(lambda q, sv=service: reply_of(sv.ask(q, b.args.top_k)), questions, b.args.top_k)[
                "summary"
            ]
        results[label] = row
    return results


def section_speed(b) -> None:
    args = b.args
    sample = sample_articles(args.wikinews, args.build_articles, args.seed, args.work)
    log(f"speed: build ratio on {args.build_articles} Wikinews articles, {args.embed_repeats} rounds ...")
    embedders = runtime_embedders(b)
    load_before = loadavg()
    ratio_res = build_ratio(sample, embedders, b.settings, args.work, args.embed_repeats)
    load_after = loadavg()
    log("speed: batch independence ...")
    indeps = {prefix: batch_independence(e, sample, args.embed_n) for prefix, e in embedders.items()}
    indep = indeps[""]
    questions, _ = b.squad_questions()
    quality = late_quality(b, questions)
    archive_paragraphs = len(paragraph_texts(args.wikinews))

    heading("Build speed (issue 12): full build_index vs plain fp32 SentenceTransformer.encode of the paragraphs")
    n_par = ratio_res["paragraphs"]
    out(
        f"  {args.build_articles} Wikinews articles (fixed seed {args.seed}), {n_par} paragraphs; "
        f"{args.embed_repeats} rounds, systems interleaved (order reversed every other round); model loaded; "
        f"embedder {b.embedder.quantize} on {b.embedder.device}, runtime {getattr(b.embedder, 'runtime', 'torch')} "
        f"(rows prefixed 'openvino: '/'torch: ' use the other runtime, same precision), threads {b.embedder.threads}; "
        f"load average {load_before} -> {load_after} (machine shared with other developers)"
    )
    secs = {k: float(np.median(v)) for k, v in ratio_res["seconds"].items()}
    base = secs[PLAIN]
    scale = archive_paragraphs / max(n_par, 1)
    rows = []
    for system, s in secs.items():
        rows.append(
            [system, ratio_res["passages"].get(system, n_par), f1(s), ratio(base, s), f1(s * scale),
             ", ".join(f"{x:.1f}" for x in ratio_res["seconds"][system])]
        )  # fmt: skip
    out(table(["system", "texts", "median s", "speed vs plain", "archive s (extrapolated)", "runs s"], rows))
    out(
        f"  archive: {archive_paragraphs:,} paragraphs; extrapolated = median x {scale:.1f} (paragraph count ratio); "
        "goal: a build >= 2.5x plain"
    )
    out()
    for prefix, ind in indeps.items():
        runtime = prefix.rstrip(": ") or getattr(b.embedder, "runtime", "torch")
        out(
            f"  batch independence ({b.embedder.quantize}, {runtime}): {ind['passages']} window passages, cosine of "
            f"each vector to itself among other batch-mates: every other passage min "
            f"{ind['windows_every_other_min']:.6f}, embedded alone min {ind['windows_alone_min']:.6f}; late (article) "
            f"every other article's {ind['late_passages']} passages min {ind['late_every_other_article_min']:.6f} "
            "(goal >= 0.9999)"
        )
    out()
    out(f"  late chunking vs windows, squad-dev ({len(questions)} questions, seed {args.seed}), whole archive index:")
    base_q = quality[LATE_VARIANTS[0][0]]
    rows = []
    for label, row in quality.items():
        d, dense = row["default"], row["dense-only"]
        rows.append(
            [label, f"{row['passages']:,}", f1(row["build_s"]), f3(d["hit@1"]), f3(d["hit@5"]), f3(d["mrr"]),
             points(d["hit@1"], base_q["default"]["hit@1"]), f3(dense["hit@1"]), f3(dense["hit@5"]),
             points(dense["hit@1"], base_q["dense-only"]["hit@1"])]
        )  # fmt: skip
    out(table(["vectors", "passages", "build s", "hit@1", "hit@5", "MRR", "hit@1 diff", "dense hit@1", "dense hit@5",
               "dense diff"], rows))  # fmt: skip
    out("  (build s: the cached index's build time, possibly in another run; diff in points against windows)")
    b.results["speed"] = {
        "build": ratio_res, "median_s": secs, "archive_paragraphs": archive_paragraphs,
        "batch_independence": indep, "batch_independence_by_runtime": indeps, "late_quality": quality,
    }  # fmt: skip


def goals(results: dict) -> list[tuple[str, str, str, bool]]:
    """(goal, measured, target, met) rows for the summary table."""
    s = results["speed"]
    secs = s["median_s"]
    base = secs[PLAIN]
    rows = []
    for system, seconds in secs.items():
        if system.endswith(tuple(label for label, _ in LATE_VARIANTS)):
            x = base / seconds
            rows.append((f"full build vs plain fp32, {system}", f"{x:.2f}x", ">= 2.5x", x >= 2.5))
    by_runtime = s.get("batch_independence_by_runtime", {"": s["batch_independence"]})
    for prefix, ind in by_runtime.items():
        worst = min(v for k, v in ind.items() if k.endswith("_min"))
        name = f"{prefix}vector independent of its batch (min cosine)"
        rows.append((name, f"{worst:.6f}", ">= 0.9999", worst >= 0.9999))
    return rows
