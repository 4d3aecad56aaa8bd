"""Section `attribution` (issue 15): speakers of quotations against hand labels, and questions about people."""

from __future__ import annotations

from _attribution import SQUAD_EVAL, SQUAD_SPLITS, rephrased_report, report
from _bench import Bench
from _topic_names import report as topic_names_report


def section_attribution(b: Bench) -> None:
    """Attribution precision/recall on labelled articles; speaker questions and negatives over Wikinews, then over
    squad-dev's Wikipedia articles (another archive)."""
    wikinews = b.searcher("wikinews", b.embedder, {})
    b.results["attribution"] = report(b.args.wikinews, wikinews)
    b.results["attribution_rephrased"] = rephrased_report(wikinews)
    b.results["attribution_topic_names"] = topic_names_report(wikinews)
    if SQUAD_EVAL.is_file():
        b.results["attribution_squad"] = report(
            b.args.squad / "articles", b.searcher("squad", b.embedder, {}, out_of_fold=False), path=SQUAD_EVAL,
            all_splits=SQUAD_SPLITS, archive="squad-dev",
        )  # fmt: skip
