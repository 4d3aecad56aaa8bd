"""/ask's date options and the /help text, as plain calls."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.cogs._help_text import help_text
from bot.config import DiscordSettings
from bot.date_option import BadDate, check_range, parse_day


def test_a_day_is_read() -> None:
    assert parse_day("since", " 2024-08-13 ") == dt.date(2024, 8, 13)


@pytest.mark.parametrize("text", ["2024-8-13", "13/08/2024", "August 2024", "2024-02-30", "", "2024-08-13T10:00"])
def test_anything_else_is_refused_naming_the_option_and_the_form(text: str) -> None:
    """Not a YYYY-MM-DD day: one line naming the option, what was typed and the form to write."""
    with pytest.raises(BadDate, match=r"^until: “.*” is not a date: write it as YYYY-MM-DD, e\.g\. 2024-08-13\.$"):
        parse_day("until", text)


@given(st.text(max_size=200))
def test_any_text_is_a_day_or_one_short_line(text: str) -> None:
    """Whatever is typed, the result is a date or one short line (long input is cut in the message)."""
    try:
        assert isinstance(parse_day("since", text), dt.date)
    except BadDate as exc:
        assert "\n" not in str(exc) and len(str(exc)) < 140


def test_since_after_until_is_refused() -> None:
    with pytest.raises(BadDate, match=r"^since \(2024-09-01\) is after until \(2024-08-01\): swap them\.$"):
        check_range(dt.date(2024, 9, 1), dt.date(2024, 8, 1))
    check_range(dt.date(2024, 8, 1), dt.date(2024, 8, 1))
    check_range(None, dt.date(2024, 8, 1))


def test_help_names_every_command_and_how_to_ask() -> None:
    """/help explains /ask with its options, the buttons, mentions, /status and /reindex."""
    text = help_text(DiscordSettings())
    for part in ("/ask question:", "since:", "until:", "YYYY-MM-DD", "top_k:", "👍", "More", "@newsbot", "/status",
                 "/reindex", "Manage Server", "Each member can ask one question every 5 s."):
        assert part in text


def test_help_follows_the_settings() -> None:
    """No mention paragraph without mention mode; the admin role and the allowed channels are named."""
    text = help_text(DiscordSettings(mention_replies=False, admin_role="Editors", channels=[42], cooldown_seconds=0))
    assert "@newsbot" not in text and "Manage Server or the Editors role" in text
    assert "I answer only in <#42>." in text and "Each member" not in text
