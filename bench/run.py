#!/usr/bin/env python3
"""newsbot benchmark: one command for every figure of issues 2, 4 and 5, each beside its baseline.

    .venv/bin/python bench/run.py                                  # everything at default sizes
    .venv/bin/python bench/run.py --only quality --configs '{"lex2": {"lexical_weight": 2}}'
    .venv/bin/python bench/run.py --only ann --ann-size 100000      # quick ANN check

Sections (--only, comma-separated): quality, noanswer, latency, speed, incremental, ann, attribution.
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
from _bench import SECTIONS, SHARED, Bench  # noqa: E402
from _engine import (  # noqa: E402
    WIKINEWS_QUESTIONS,
    repo_config_differs,
)
from _sec_attribution import section_attribution  # noqa: E402
from _sec_build import section_incremental  # noqa: E402
from _sec_latency import section_latency  # noqa: E402
from _sec_quality import section_noanswer, section_quality  # noqa: E402
from _sizing import section_sizing  # noqa: E402
from _speed import goals as speed_goals  # noqa: E402
from _speed import section_speed  # noqa: E402
from _util import (  # noqa: E402
    f1,
    f3,
    git_describe,
    heading,
    loadavg,
    log,
    out,
    stopwatch,
    table,
)

from index.precision import cpu_has_native_bf16  # noqa: E402

RUNNERS = {
    "quality": section_quality,
    "noanswer": section_noanswer,
    "latency": section_latency,
    "speed": section_speed,
    "incremental": section_incremental,
    "ann": section_sizing,
    "attribution": section_attribution,
}


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
    p.add_argument("--seeds", type=Path, default=HERE.parent / "seeds", help="the shipped seeds (seed question)")
    p.add_argument("--cv-sample", type=int, default=2000, help="squad-dev questions for issue 10's levers; 0 = all")
    p.add_argument("--no-levers", action="store_true", help="quality: skip issue 10's lever table (minutes)")
    p.add_argument("--app-config", type=Path, help="take settings from this config.yaml (default: built-in defaults)")
    p.add_argument("--chunking", help='chunking overrides for every index built, JSON: {"sentences_per_passage": 3}')
    p.add_argument("--top-k", type=int, default=5)
    p.add_argument("--show-misses", type=int, default=0, help="print N squad questions the default misses at 5")
    p.add_argument("--threads", type=int, help="torch and FAISS threads (default: theirs, i.e. all cores)")
    p.add_argument("--latency-queries", type=int, default=240, help="distinct questions timed (200+)")
    p.add_argument("--latency-rounds", type=int, default=3, help="passes over them, systems interleaved")
    p.add_argument("--embed-n", type=int, default=2000, help="Wikinews passages embedded for throughput")
    p.add_argument("--embed-repeats", type=int, default=2, help="timed passes per embedder (ABBA order)")
    p.add_argument("--build-articles", type=int, default=25, help="Wikinews articles the build-speed test builds")
    p.add_argument("--incremental-repeats", type=int, default=3, help="builds with one more article changed")
    p.add_argument(
        "--skip-full-baseline",
        action="store_true",
        help="incremental: do not time a full rebuild (minutes); compare with the cached build's record instead",
    )
    p.add_argument("--ann-size", type=int, default=1_000_000)
    p.add_argument("--ann-queries", type=int, default=200)
    p.add_argument("--ann-types", default="flat,hnsw,ivfpq")
    p.add_argument(
        "--bm25-up-to",
        type=int,
        default=4_000_000,
        help="ann: the sizing table's archives of up to this many passages get BM25 measured, larger ones "
        "extrapolated (33000000 measures the 1M-article row: about 20 GB of memory)",
    )
    args = p.parse_args(argv)
    args.sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        p.error(f"--only: unknown section(s) {sorted(unknown)}; choose from {', '.join(SECTIONS)}")
    args.sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    return args


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
        for name, value, target, ok in speed_goals(r):
            goal(name, value, target, ok)
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
        f"  machine: {os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}, "
        f"{'native bf16 (AVX-512 BF16 or AMX)' if cpu_has_native_bf16() else 'no native bf16 (`auto` runs float32)'}; "
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
            RUNNERS[section](b)
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
