"""The custom ids of the answer buttons, which carry what a click needs after a restart (plain calls)."""

from __future__ import annotations

import datetime as dt

from discord.utils import escape_markdown
from hypothesis import given
from hypothesis import strategies as st

from bot.button_ids import Shown, parse, question_from_title

_days = st.none() | st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31))
_shown = st.builds(Shown, st.integers(0, 999), st.integers(0, 99), _days, _days)


@given(st.sampled_from(["up", "down", "more"]), _shown)
def test_custom_id_round_trips_within_discords_limit(action: str, shown: Shown) -> None:
    """Every page and date filter survives the trip through a custom id of at most 100 characters."""
    custom_id = shown.custom_id(action)  # type: ignore[arg-type]
    assert len(custom_id) <= 100
    assert parse(custom_id) == (action, shown)


def test_custom_ids_not_made_by_this_bot_are_refused() -> None:
    """Old fixed ids and damaged ones parse to None, so the click is answered, not crashed on."""
    for custom_id in ("newsbot:more", "nb:more:1:2", "nb:boom:0:5:-:-", "nb:up:0:5:20240230:-", "nb:up:0:5:-:-:x"):
        assert parse(custom_id) is None


@given(st.text(min_size=1, max_size=200))
def test_question_comes_back_from_the_escaped_title(question: str) -> None:
    """The embed title is the escaped question; undoing the escapes gives the question (one-line, no backslash)."""
    question = " ".join(question.replace("\\", "/").split()) or "q"
    assert question_from_title(escape_markdown(question)) == question
