"""The text of /help, from the bot's settings (pure, so it is tested as a plain call)."""

from __future__ import annotations

from bot.config import DiscordSettings


def help_text(discord: DiscordSettings) -> str:
    """What the commands do and how to ask, with only the parts these settings turn on."""
    lines = [
        "**Ask the archive.** `/ask question:` answers by quoting articles word for word, each quote with its "
        "article's title (a link, or the file's name), date and score. Nothing is made up: when no article is "
        "close enough, the bot says so and names the closest articles.",
        "**How to ask.** Plain words, as you would ask a colleague: “Who speaks for the Trump campaign?”. Names, "
        "places and dates help; “in August 2024” or “last week” in the question limits the search to those "
        "dates, and so do the options `since:` and `until:` (YYYY-MM-DD). `top_k:` (1 to 10) sets how many "
        "quotes come back.",
        "**Under each answer.** 👍 / 👎 rate it (anonymously: the rating is kept, not who gave it); **More** shows "
        "the next quotes. The buttons keep working after the bot restarts.",
    ]
    if discord.mention_replies:
        lines.append("**Mentions.** Write @newsbot and your question in a message, or in a thread started on an "
                     "answer, to get the answer as a reply.")
    lines.append("`/status` shows how many articles are indexed, the model and the last update.")
    who = "members with Manage Server" + (f" or the {discord.admin_role} role" if discord.admin_role else "")
    lines.append(f"`/reindex` ({who}) updates the index from the articles folder; its progress is posted in "
                 "the channel.")
    rules = []
    if discord.channels:
        rules.append("I answer only in " + ", ".join(f"<#{c}>" for c in discord.channels) + ".")
    if discord.cooldown_seconds:
        rules.append(f"Each member can ask one question every {discord.cooldown_seconds:g} s.")
    if rules:
        lines.append(" ".join(rules))
    return "\n\n".join(lines)
