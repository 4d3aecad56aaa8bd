"""Issue 12: a generation's passages read from passages.jsonl into Python objects (the index before) against mapped
(index/passage_table.py): load time, resident memory with the search's per-passage columns, and the time to make
one question's passages, on archives of Wikinews passages resampled to N, each measured in a fresh process."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from _bm25_scale import wikinews_passages
from _util import _status_kb

from index.models import Passage
from index.passage_table import PassageColumns, article_ids, read_jsonl_passages, read_passages, write_passages

REPO = Path(__file__).resolve().parent.parent
PER_ARTICLE = 32  # Wikinews's passages per article, rounded
READS = 300  # passages one question makes: a few hundred at most (candidates, reranking, quotes)


def mapped_passages(wikinews: Path, n: int, work: Path, seed: int) -> dict:
    """Both formats of n resampled passages, each loaded in a fresh process."""
    base = [p for _, p in wikinews_passages(wikinews)]
    rnd = random.Random(seed)
    passages = []
    for k in range(n // PER_ARTICLE):
        article = f"{k:08d}-{base[rnd.randrange(len(base))].article_id}"  # an id as long as a real one
        for _ in range(PER_ARTICLE):
            p = base[rnd.randrange(len(base))]
            passages.append(Passage(article, p.start, p.end, p.text))
    folder = work / f"passages-{len(passages)}"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "passages.jsonl").open("w", encoding="utf-8") as handle:
        for p in passages:
            handle.write(json.dumps([p.article_id, p.start, p.end, p.text], ensure_ascii=False) + "\n")
    write_passages(folder, passages)
    del passages, base
    results = {}
    for mode in ("jsonl", "mapped"):
        done = subprocess.run(
            [sys.executable, __file__, mode, str(folder), str(seed)],
            capture_output=True, text=True, check=True, cwd=REPO, env={"PYTHONPATH": str(REPO), "PATH": ""},
        )  # fmt: skip
        results[mode] = json.loads(done.stdout)
    sizes = {name: (folder / name).stat().st_size for name in ("passages.jsonl", "passages.npy", "passages.txt")}
    return {"n": n // PER_ARTICLE * PER_ARTICLE, "files": sizes, **results}


def _measure(mode: str, folder: Path, seed: int) -> dict:
    before = _status_kb("VmRSS") or 0
    t0 = time.perf_counter()
    jsonl = mode == "jsonl"
    passages = read_jsonl_passages(folder / "passages.jsonl") if jsonl else read_passages(folder)
    loaded = time.perf_counter() - t0
    # What every search over the index shares per passage (IndexContents.columns): article ids, each article's
    # range, bounds, date ordinals, positions in the article. Every article dated, as in a real archive.
    n = len(passages)
    ids = article_ids(passages)
    columns = PassageColumns.of(passages, dict.fromkeys(ids, dt.date(2020, 1, 1)))
    del ids
    with_columns = time.perf_counter() - t0
    rss = ((_status_kb("VmRSS") or 0) - before) * 1024
    ids = np.random.default_rng(seed).integers(0, len(passages), READS).tolist()
    [passages[i].text for i in ids]  # first touch: page faults
    t1 = time.perf_counter()
    [passages[i].text for i in ids]
    reads = (time.perf_counter() - t1) * 1000
    assert len(columns.article_ids) == n
    return {"load_s": loaded, "load_with_columns_s": with_columns, "rss_bytes": rss, "reads_ms": reads}


if __name__ == "__main__":
    print(json.dumps(_measure(sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]))))
