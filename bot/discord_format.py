"""Pure rendering of answers for Discord: embeds and messages that always fit Discord's limits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import discord
from discord.utils import escape_markdown

from bot.formatting import NO_ANSWER, STALE_NOTE
from index.models import Answer, IndexStats, SearchResult

MESSAGE_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FIELD_NAME_LIMIT = 256
FIELD_VALUE_LIMIT = 1024
FOOTER_LIMIT = 2048
EMBED_LIMIT = 6000
ELLIPSIS = "…"
# Sources and "also in" lines are kept short so that the quotes get most of the room.
SOURCE_TITLE_LIMIT = 200
ALSO_IN_LIMIT = 300
NOTE_LIMIT = 300
URL_LIMIT = 500
COLOUR = discord.Colour(0x2B6CB0)
SEPARATOR = "\n\n"
MIN_QUOTE = 120


def clip(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters, ending with an ellipsis, preferring a word boundary."""
    if len(text) <= limit:
        return text
    if limit < 1:
        return ""
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= (limit - 1) * 0.8:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def escaped(text: str, limit: int) -> str:
    """Escape Discord markdown in `text`, clipping the raw text so that the escaped form fits `limit`."""
    text = " ".join(text.split())
    out = escape_markdown(text)
    keep = len(text)
    while len(out) > limit:
        keep = min(keep - 1, keep * limit // len(out))
        out = escape_markdown(clip(text, keep))
    return out


def message(text: str) -> str:
    """Fit a plain message into Discord's 2,000 characters."""
    return clip(text, MESSAGE_LIMIT)


def footer_text(stats: IndexStats) -> str:
    """'N articles indexed · updated YYYY-MM-DD' ('1 article')."""
    return f"{plural(stats.articles, 'article')} indexed · updated {stats.built_at[:10]}"


def plural(count: int, noun: str) -> str:
    """'1 article', '2 articles', '0 articles'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def source_line(answer: Answer) -> str:
    """'— [Title](url) · date · score'; without a web address, the bold title and the file's path instead; someone's
    quoted words start '— Speaker, in [Title](url)'."""
    title = escaped(answer.title, SOURCE_TITLE_LIMIT)
    url = answer.url or ""
    if url.startswith(("http://", "https://")) and len(url) <= URL_LIMIT:
        link_text = title.replace("[", "\\[").replace("]", "\\]")
        cited = f"[{link_text}]({url.replace('(', '%28').replace(')', '%29')})"
    else:
        # Inline code shows the path as typed (no markdown inside); a backtick would end it early.
        where = clip(" ".join(answer.path.split()).replace("`", "'"), URL_LIMIT)
        cited = f"**{title}** · `{where}`"
    date = answer.date.isoformat() if answer.date else "undated"
    if answer.speaker:
        cited = f"{escaped(answer.speaker, SOURCE_TITLE_LIMIT)}, in {cited}"
    line = f"— {cited} · {date} · score {answer.score:.2f}"
    if answer.stale:
        line += f" · _{STALE_NOTE}_"
    if answer.also_in:
        line += "\n" + escaped("also in: " + "; ".join(answer.also_in), ALSO_IN_LIMIT)
    return line


def share(lengths: Sequence[int], budget: int) -> list[int]:
    """Split `budget` characters among texts: short ones keep their length, long ones share the rest evenly."""
    caps = [0] * len(lengths)
    remaining = max(budget, 0)
    for done, i in enumerate(sorted(range(len(lengths)), key=lengths.__getitem__)):
        caps[i] = min(lengths[i], remaining // (len(lengths) - done))
        remaining -= caps[i]
    return caps


def result_embed(result: SearchResult, stats: IndexStats) -> discord.Embed:
    """Render a search result: each answer a block quote over its source, the index's size in the footer."""
    return answer_embed(result, stats)[0]


def answer_embed(result: SearchResult, stats: IndexStats) -> tuple[discord.Embed, list[Answer]]:
    """Render a search result as `result_embed` does, and return the answers that fit in the embed."""
    title = escaped(result.question, TITLE_LIMIT)
    footer = clip(footer_text(stats), FOOTER_LIMIT)
    budget = min(DESCRIPTION_LIMIT, EMBED_LIMIT - len(title) - len(footer))
    scope = result.scope()
    header = [f"_{scope}_"] if scope is not None else []
    if result.note:
        header.append(f"_{escaped(result.note, NOTE_LIMIT)}_")
    shown: list[Answer] = []
    if result.no_answer or not result.answers:
        lines = [*header] if result.note else [*header, NO_ANSWER]
        if result.closest:
            lines.append(escaped("Closest articles: " + "; ".join(result.closest), DESCRIPTION_LIMIT))
        description = "\n".join(lines)
    else:
        description, fitting = _answers_text(result.answers, header, budget)
        shown = list(result.answers[:fitting])
    embed = discord.Embed(title=title, description=clip(description, budget), colour=COLOUR)
    return embed.set_footer(text=footer), shown


def _answers_text(answers: Sequence[Answer], header: list[str], budget: int) -> tuple[str, int]:
    """The description's text and how many of `answers` it holds."""
    blocks = [(" ".join(a.quote.split()), source_line(a)) for a in answers]
    # Fewer answers with readable quotes beat many answers cut to a few words.
    while len(blocks) > 1 and _room(blocks, header, budget) < MIN_QUOTE * len(blocks):
        blocks.pop()
    caps = share([len(escape_markdown(quote)) for quote, _ in blocks], _room(blocks, header, budget))
    quoted = [f"> {escaped(quote, cap)}\n{source}" for (quote, source), cap in zip(blocks, caps, strict=True)]
    return SEPARATOR.join(header + quoted), len(blocks)


def _room(blocks: Sequence[tuple[str, str]], header: list[str], budget: int) -> int:
    fixed = sum(len(part) + len(SEPARATOR) for part in header)
    fixed += sum(len(source) + len("> \n") + len(SEPARATOR) for _, source in blocks)
    return budget - fixed


def status_embed(stats: IndexStats, uptime_seconds: float, refresh: Mapping[str, str] | None = None) -> discord.Embed:
    """Render `/status`: what the index holds, which model, when it was built and how long the bot has run.

    `refresh` adds the last and next refresh of a running bot (`RefreshState.lines()`).
    """
    embed = discord.Embed(title="newsbot status", colour=COLOUR)
    rows = {
        "Articles": str(stats.articles),
        "Passages": str(stats.passages),
        "Model": stats.model,
        "Index type": stats.index_type,
        "Last build": _built_at(stats.built_at),
        "Uptime": duration(uptime_seconds),
        **(refresh or {}),
    }
    for name, value in rows.items():
        embed.add_field(name=name, value=clip(escape_markdown(value), FIELD_VALUE_LIMIT))
    return embed


def _built_at(value: str) -> str:
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return when.strftime("%Y-%m-%d %H:%M %Z").strip()


def duration(seconds: float) -> str:
    """'3 d 4 h', '2 h 5 min', '7 min 12 s' or '40 s'."""
    total = int(seconds)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {secs} s"
    return f"{secs} s"
