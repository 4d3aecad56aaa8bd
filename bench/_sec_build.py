"""Section `incremental` (rebuild times); `speed` and `ann` are in _speed.py and _sizing.py."""

from __future__ import annotations

import numpy as np
from _bench import Bench
from _util import (
    f1,
    heading,
    log,
    out,
    ratio,
    table,
)


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
