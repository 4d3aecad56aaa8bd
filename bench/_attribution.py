"""Issue 15's figures: speaker attribution against hand labels, and "what did X say about Y" questions.

bench/attribution_eval.jsonl holds, for a sample of Wikinews articles, EVERY quotation the finder sees with its
speaker as read by hand (null where no named person speaks: a court, a sign, "an eyewitness"), how the article
names the speaker (name, pronoun, title, continuation), and for most a question that does not copy the words;
then questions about people the archive quotes, but never on that topic.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from index.articles import parse_article
from index.names import same_person
from index.speakers import attribute

EVAL = Path(__file__).resolve().parent / "attribution_eval.jsonl"


@dataclass(frozen=True)
class Tally:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / max(self.tp + self.fp, 1)

    @property
    def recall(self) -> float:
        return self.tp / max(self.tp + self.fn, 1)


def load_rows(path: Path = EVAL) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def attribution_tally(
    rows: list[dict], articles_dir: Path, split: str | None = None
) -> tuple[Tally, dict[str, Tally], list[str]]:
    """Score the attributor on every quotation of the labelled articles: overall, per way of naming, misses."""
    labelled: dict[str, dict[int, dict]] = {}
    for row in rows:
        if row["kind"] == "quotation" and split in (None, row["split"]):
            labelled.setdefault(row["article"], {})[row["start"]] = row
    counts: Counter[str] = Counter()
    misses: list[str] = []
    for aid, labels in labelled.items():
        article = parse_article((articles_dir / f"{aid}.md").read_bytes(), aid, f"{aid}.md")
        found = {q.start: q for q in attribute(aid, article.text, article.body_start)}
        for start in sorted(set(found) | set(labels)):
            gold = labels.get(start, {}).get("speaker")
            via = labels.get(start, {}).get("via", "unlabelled")
            got = found[start].speaker if start in found else None
            right = gold is not None and got is not None and same_person(gold, got)
            if right:
                counts["tp"] += 1
                counts[f"tp:{via}"] += 1
            if got is not None and not right:
                counts["fp"] += 1
            if gold is not None and not right:
                counts["fn"] += 1
                counts[f"fn:{via}"] += 1
            if (gold or got) and not right:
                misses.append(f"{aid[:40]}@{start} gold={gold!r} got={got!r} ({via})")
    total = Tally(counts["tp"], counts["fp"], counts["fn"])
    by_via = {
        via: Tally(counts[f"tp:{via}"], 0, counts[f"fn:{via}"])
        for via in sorted({k.split(":", 1)[1] for k in counts if ":" in k})
    }
    return total, by_via, misses
