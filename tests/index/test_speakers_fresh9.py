"""Attribution rules written from fresh9's 2 wrong speakers (issue 15), read after its one measurement.

Each case fails on the rules before it; cases marked (guard) pass on both and keep the rule from breaking what
worked. The property tests feed the rule's constructs in any order: nothing crashes, quotations stay verbatim and
every speaker is a capitalised name made of the text's own words.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.index.test_speakers import speakers
from tests.index.test_speakers_fresh8 import _names_from_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Following the announcement of Biden's win, Trump issued a statement ... saying, "..."" (fresh9): the owner
        # in "X's win" qualifies a noun and is no subject of the participle; the sentence's subject is.
        (
            "Joe Biden won the election. Following the announcement of Biden's win, Tom Becker issued a statement "
            'at his club outside Washington, D.C. saying, "The simple fact is this election is far from over."',
            ["Tom Becker"],
        ),
        # (guard) An owner in an opening phrase before a titled subject.
        (
            'Joe Biden won the election. After Biden\'s win, his rival Tom Becker spoke, saying "we lost".',
            ["Tom Becker"],
        ),
        # (guard) An owner named alone in the sentence stays its speaker: a tweet from Biden's account is his.
        (
            "Joe Biden spoke. A tweet sent from Biden's account repeated Biden's pledge, saying \"we will win\".",
            ["Joe Biden"],
        ),
        # (guard) The person after the owner is the subject ("Biden's aide Ann Lee").
        (
            'Joe Biden won the election. Biden\'s aide Ann Lee spoke on Monday, saying "we won".',
            ["Ann Lee"],
        ),
        # (guard) A subject that owns nothing opens the sentence.
        (
            'Joe Biden won the election. Ann Lee met Biden\'s aides on Monday, saying "we won".',
            ["Ann Lee"],
        ),
    ],
)
def test_an_owner_is_no_subject_of_a_participle(text: str, expected: list[str | None]) -> None:
    assert speakers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "In the blog post Chris Wright, the Chief Technological Officer of Red Hat said Red Hat had informed ...
        # that Red Hat was "..."" (fresh9): the apposition's closing comma is missing; the title's holder speaks,
        # not the organisation the title is of.
        (
            "Dale Works sells software.\n\nIn the blog post Tom Becker, the Chief Technological Officer of Dale Works "
            'said Dale Works had informed the governing board that Dale Works was "shifting our investment".',
            ["Tom Becker"],
        ),
        ('Tom Becker, the Chief Executive Officer of Dale Works said "we shift".', ["Tom Becker"]),
        # The title in lower case: the organisation is the object of "of", its holder the subject.
        ('Tom Becker, the chief executive of Dale Works said "we shift".', ["Tom Becker"]),
        ('On Monday Tom Becker, the mayor of Dale said "we shift".', ["Tom Becker"]),
        # (guard) The apposition closed: as before.
        ('Tom Becker, the Chief Executive Officer of Dale Works, said "we shift".', ["Tom Becker"]),
        # (guard) No title between the name and the organisation: the organisation is the subject.
        ('Tom Becker left, and Dale Works said "we shift".', ["Dale Works"]),
    ],
)
def test_an_unclosed_apposition_of_title_names_its_holder(text: str, expected: list[str | None]) -> None:
    assert speakers(text) == expected


def test_an_object_before_a_title_is_no_holder() -> None:
    # (guard) A name that is the object of an opening "-ing" is not apposed to the title: the director speaks.
    assert "Tom Becker" not in speakers('After meeting Tom Becker, the director of Dale Works said "we shift".')


_FRAGMENTS = [
    "Joe Biden ",
    "Biden's win",
    "Following the announcement of ",
    "In the blog post ",
    "Tom Becker",
    ", the Chief Technological Officer of ",
    ", the chief executive of ",
    "Dale Works ",
    "said ",
    "issued a statement",
    " saying, ",
    ", ",
    '"',
    "“",
    "”",
    ". ",
    "\n\n",
    "x",
]


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=14).map("".join))
def test_owner_and_title_rules_name_only_names(text: str) -> None:
    _names_from_text(text)
