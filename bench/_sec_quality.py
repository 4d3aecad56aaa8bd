"""Sections `quality` (hit@k against baselines) and `noanswer` (the no-answer threshold)."""

from __future__ import annotations

import numpy as np
from _bench import BASELINES, Bench
from _engine import (
    config_diff,
    make_config,
)
from _quality import best_threshold, evaluate, first_hit, threshold_stats
from _util import (
    f1,
    f3,
    heading,
    log,
    out,
    points,
    ratio,
    table,
)


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
            "configs": {label: config_diff(make_config(b.base_config, ov), b.base_config) for label, ov in b.variants},
        }
        if name == "squad" and b.args.show_misses:
            print_misses(questions, runs["default"]["rows"], b.args.show_misses)
    if not b.args.no_levers:
        from _cv import section_levers

        res["levers"] = section_levers(b)


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
            won = sum(1 for a, v in zip(base_rows, vrows, strict=False) if a["rank"] != 1 and v["rank"] == 1)
            lost = sum(1 for a, v in zip(base_rows, vrows, strict=False) if a["rank"] == 1 and v["rank"] != 1)
            drows.append(
                [label, points(s["hit@1"], d["hit@1"]), points(s["hit@5"], d["hit@5"]), points(s["mrr"], d["mrr"]),
                 f"{s['words'] - d['words']:+.1f}", won, lost]
            )  # fmt: skip
        out(table(["variant", "Δhit@1", "Δhit@5", "ΔMRR", "Δwords", "won", "lost"], drows))


def print_misses(questions, rows, n: int) -> None:
    out()
    out(f"  first {n} squad questions the default misses within the top 5:")
    shown = 0
    for q, r in zip(questions, rows, strict=False):
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

    heading('No-answer threshold (issue 5): "no answer" when the top answer\'s score < threshold')
    out(
        f"  unanswerable: {len(neg_top)} squad-dev questions asked of the Wikinews index; answerable: "
        f"{len(wiki_q)} Wikinews questions + {len(spos_top)} squad-dev questions on their own index"
    )
    out('  (run with min_score=-1, thresholded offline; precision/recall are of the "no answer" decision;')
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
        f'  if "no answer" means every returned quote is below the threshold (max score over the top {k}): '
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
