"""Issue 12: finding a person among the archive's speakers at scale. Before, each lookup compared the name with
every speaker (`same_person`), and mapping surname-only speakers to full names compared every pair; now both read
one surname's bucket (`index.names.NameIndex`). Speakers are the Wikinews archive's, recombined (a real given name
with a real surname) to the archive's rate of distinct speakers per article."""

from __future__ import annotations

import random
import time
from collections import Counter
from pathlib import Path

from index.names import NameIndex, same_person
from index.people_search import _full_names

LOOKUPS = 100
SCANNED = 10  # lookups and surname-only names timed by the old scan, then extrapolated


def wikinews_speakers(wikinews: Path) -> tuple[Counter[str], int]:
    """Every speaker of the archive with their quotation count, and how many articles."""
    from index.articles import load_articles
    from index.speakers import article_quotations

    articles, _ = load_articles(wikinews)
    speakers = Counter(q.speaker for a in articles for q in article_quotations(a.id, a.text, a.body_start) if q.speaker)
    return speakers, len(articles)


def synthetic_speakers(real: Counter[str], n: int, rnd: random.Random) -> Counter[str]:
    """n speakers shaped like `real`: the same share named by surname alone, the rest a given name and a surname."""
    full = [name.split() for name in real if " " in name]
    given, surnames = [w[0] for w in full], [w[-1] for w in full]
    alone = sum(1 for name in real if " " not in name) / len(real)
    counts = list(real.values())
    made: Counter[str] = Counter()
    while len(made) < n:
        name = rnd.choice(surnames) if rnd.random() < alone else f"{rnd.choice(given)} {rnd.choice(surnames)}"
        made[f"{name}{len(made) // len(surnames) or ''}" if name in made else name] += rnd.choice(counts)
    return made


def names_at_scale(wikinews: Path, articles: list[int], seed: int) -> dict:
    real, real_articles = wikinews_speakers(wikinews)
    per_article = len(real) / real_articles
    rows = []
    for n_articles in articles:
        rnd = random.Random(seed)
        speakers = synthetic_speakers(real, round(n_articles * per_article), rnd)
        order = [name for name, _ in speakers.most_common()]
        people = rnd.sample(order, LOOKUPS)
        started = time.perf_counter()
        index = NameIndex(order)
        build_s = time.perf_counter() - started
        started = time.perf_counter()
        found = [index.matching(p) for p in people]
        lookup_ms = (time.perf_counter() - started) * 1000 / LOOKUPS
        started = time.perf_counter()
        scanned = [[name for name in order if same_person(p, name)] for p in people[:SCANNED]]
        scan_ms = (time.perf_counter() - started) * 1000 / SCANNED
        assert scanned == found[:SCANNED], "bucketed lookups differ from the scan"
        started = time.perf_counter()
        _full_names(speakers)
        full_names_s = time.perf_counter() - started
        alone = [name for name in speakers if " " not in name]
        full = [name for name in order if " " in name]
        started = time.perf_counter()
        for name in alone[:SCANNED]:
            [f for f in full if same_person(name, f)]
        full_scan_s = (time.perf_counter() - started) / SCANNED * len(alone)
        rows.append({"articles": n_articles, "speakers": len(speakers), "surname_only": len(alone),
                     "index_build_s": build_s, "lookup_ms": lookup_ms, "lookup_scan_ms": scan_ms,
                     "full_names_s": full_names_s, "full_names_scan_s": full_scan_s})  # fmt: skip
    return {"per_article": per_article, "real_speakers": len(real), "real_articles": real_articles, "rows": rows}


def print_names(names: dict) -> None:
    from _util import heading, out, table

    heading("Speakers at scale (issue 12): one person looked up among the archive's speakers")
    out(
        f"  speakers: the Wikinews archive's {names['real_speakers']} (of {names['real_articles']} articles, "
        f"{names['per_article']:.2f} per article) recombined, a real given name with a real surname; 'scan': each "
        f"name compared with every speaker (before), timed on {SCANNED} and extrapolated; 'bucketed': NameIndex"
    )
    out(table(["articles", "speakers", "lookup ms, scan", "lookup ms, bucketed", "full names s, scan",
               "full names s, bucketed", "NameIndex built s"], [
        [f"{r['articles']:,}", f"{r['speakers']:,}", f"{r['lookup_scan_ms']:.0f}", f"{r['lookup_ms']:.1f}",
         f"{r['full_names_scan_s']:,.0f}", f"{r['full_names_s']:.2f}", f"{r['index_build_s']:.2f}"]
        for r in names["rows"]
    ]))  # fmt: skip
    out("  (full names: surname-only speakers mapped to the one full name they can mean, done when the people search")
    out("   first loads, i.e. on the first question after a start or a rebuild)")
