"""Section `attribution` (issue 15): speakers of quotations against hand labels, and questions about people."""

from __future__ import annotations

from _attribution import report
from _bench import Bench


def section_attribution(b: Bench) -> None:
    """Attribution precision/recall on labelled articles; speaker questions and negatives over Wikinews."""
    b.results["attribution"] = report(b.args.wikinews, b.searcher("wikinews", b.embedder, {}))
