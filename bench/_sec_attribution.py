"""Section `attribution` (issue 15): speakers of quotations against hand labels, and questions about people."""

from __future__ import annotations

from _attribution import SQUAD_EVAL, SQUAD_SPLITS, report
from _bench import Bench
from _engine import make_config


def section_attribution(b: Bench) -> None:
    """Attribution precision/recall on labelled articles; speaker questions and negatives over Wikinews, then over
    squad-dev's Wikipedia articles (another archive)."""
    b.results["attribution"] = report(b.args.wikinews, b.searcher("wikinews", b.embedder, {}))
    if SQUAD_EVAL.is_file():
        b.results["attribution_squad"] = report(
            b.args.squad / "articles", _shipped_searcher(b, "squad"), path=SQUAD_EVAL, all_splits=SQUAD_SPLITS,
            archive="squad-dev",
        )  # fmt: skip


def _shipped_searcher(b: Bench, name: str):
    """The shipped pipeline over an index, with the shipped cross-encoder: squad-dev's out-of-fold scores (what
    `b.searcher` gives that archive) hold only squad-dev's own questions."""
    from index.search import Searcher

    built = b.index(name)
    return Searcher(built.loaded(b.embedder, b.settings), b.embedder, make_config(b.base_config, {}))
