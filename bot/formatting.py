"""Plain-text rendering of answers for the terminal (`newsbot ask`, `newsbot chat`)."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from urllib.parse import quote

from index.models import Answer, SearchResult

NO_ANSWER = "Nothing in the archive answers that."
STALE_NOTE = "article changed since indexing: the quote may be out of date"


def linked(result: SearchResult, template: str | None) -> SearchResult:
    """Give each answer without a front-matter `url` one from `template` (`{article_id}` filled in), if set.

    Answers left without a url are cited by their file's path.
    """
    if template is None:
        return result
    answers = [a if a.url else replace(a, url=template.format(article_id=quote(a.article_id))) for a in result.answers]
    return replace(result, answers=answers)


def source_line(answer: Answer) -> str:
    """'— Title, YYYY-MM-DD · url-or-path (score)', or '— Speaker, in Title, YYYY-MM-DD · ...' for someone's words."""
    date = answer.date.isoformat() if answer.date else "undated"
    where = answer.url or answer.path
    cited = f"{answer.speaker}, in {answer.title}" if answer.speaker else answer.title
    line = f"— {cited}, {date} · {where} (score {answer.score:.2f})"
    if answer.stale:
        line += f"\n  ({STALE_NOTE})"
    if answer.also_in:
        line += f"\n  also in: {'; '.join(answer.also_in)}"
    return line


def block_quote(text: str, width: int = 88) -> str:
    lines = textwrap.wrap(" ".join(text.split()), width=width - 2) or [""]
    return "\n".join(f"> {line}" for line in lines)


def render_result(result: SearchResult, width: int = 88) -> str:
    """Render a result as block quotes, each followed by its source and score."""
    parts: list[str] = []
    scope = result.scope()
    if scope is not None:
        parts.append(f"({scope})")
    if result.note:
        parts.append(result.note)
    if result.no_answer:
        if not result.note:
            parts.append(NO_ANSWER)
        if result.closest:
            parts.append("Closest articles: " + "; ".join(result.closest))
        return "\n".join(parts)
    for answer in result.answers:
        parts.append(block_quote(answer.quote, width))
        parts.append(f"  {source_line(answer)}")
        parts.append("")
    return "\n".join(parts).rstrip()
