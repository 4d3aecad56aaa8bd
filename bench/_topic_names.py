"""Issue 15's cost on topic questions: news questions that name someone the archive quotes but ask a fact the
narration states ("When did Pelosi become speaker again?"), which a rule reading them as "what did X say" would
answer with the person's words instead.

bench/topic_questions_naming_people.jsonl: 299 such questions over the Wikinews archive, each with an answer string
the article states outside any quotation, written 2026-12-08 (fourteenth session) by two helpers blind to the
parser (topicnames1 from the first half of the articles by name, topicnames2 from the second; a question both wrote
is kept once). The questions of topicnames1 that went to a person were read once, and guided one rule ("Speaker"
of a house is an office, 30f294e); topicnames2 was never read.
"""

from __future__ import annotations

import json
from pathlib import Path

TOPIC_NAMES = Path(__file__).resolve().parent / "topic_questions_naming_people.jsonl"


def report(searcher, *, path: Path = TOPIC_NAMES) -> dict:
    """How many of the questions go to a person's quotes, and how many first answers hold the answer string,
    beside the topic search alone."""
    from _quality import first_hit
    from _util import heading, out, table

    from index.people_search import PeopleSearch

    if not path.is_file():
        return {}
    people = PeopleSearch(searcher)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    routed = held = baseline = 0
    for row in rows:
        result = people.ask(row["question"])
        topic = searcher.ask(row["question"])
        routed += result.kind != "topic"
        held += first_hit([a.quote for a in result.answers], row["answers"], 1, fold=False) == 1
        baseline += first_hit([a.quote for a in topic.answers], row["answers"], 1, fold=False) == 1
    n = max(len(rows), 1)
    heading("Topic questions that name someone the archive quotes (issue 15's cost), Wikinews")
    out(table(["measure", "speaker search", "topic search"], [
        ["asked of a person (their quotes first)", f"{routed / n:.3f}", "0"],
        ["first answer holds the answer", f"{held / n:.3f}", f"{baseline / n:.3f}"],
    ]))  # fmt: skip
    out(f"  {len(rows)} questions, written blind to the parser; topicnames2's never read")
    return {"questions": len(rows), "routed": routed, "first_holds": held, "baseline_first_holds": baseline}
