"""Attribution rules written from fresh10's misses (issue 15), read after its measurements.

Each case fails on the rules before it; cases marked (guard) pass on both and keep the rule from breaking what
worked. The property tests feed the rules' constructs in any order: nothing crashes, quotations stay verbatim and
every speaker is a capitalised name made of the text's own words; a pull-quote credited after a dash names its
credit whatever the blanks and title around it.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.index.test_speakers import speakers
from tests.index.test_speakers_fresh8 import _names_from_text

_ASKED = "Ann Lee runs the project.\n\n((WN))  How did it work?\n\n((Ann Lee))  "


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 'In the past, the relationship between Fedora, RHEL, and CentOS was effectively, "Fedora gets snapshot every
        # so many years, then ..."' (fresh9's Rich Bowen): a whole sentence quoted in an answer, in narration that
        # names and voices no one else, is the interviewee's.
        (_ASKED + 'In the past, the plan was effectively, "We build it, then they test it."', ["Ann Lee"]),
        (_ASKED + 'To me, I am always reminded of "what if my team were in that place?"', ["Ann Lee"]),
        # (guard) Someone else voiced: "they", "people ... like", "sounds like", "saying", "we thought".
        (_ASKED + 'But their response is "at least I am still here."', [None]),
        (_ASKED + 'Some people went like "Are you a member or not?"', [None]),
        (_ASKED + 'It sounds like, "We considered that and then decided to ignore it."', [None]),
        (_ASKED + 'They fired me.  Saying, "No, we do not need you here."', [None]),
        (_ASKED + 'So we thought "oh, they will take the easy lever."', [None]),
        # (guard) A term, a title or a phrase that is no whole sentence.
        (_ASKED + 'This moment is called "the development phase" by many.', [None]),
        (_ASKED + 'The rule is "Contributing to upstream projects not maintained by us".', [None]),
        # (guard) A verb of speech, or someone named, in the sentence.
        (_ASKED + 'The answer would be "Do not question the plan." said the board.', [None]),
        (_ASKED + 'Tom Becker was always like, "We build it, then we test it."', [None]),
        # (guard) A sentence of its own, with nothing before it: whose it is the narration does not tell.
        (_ASKED + 'We failed.  "Oh, the storm is coming."  Then it came.', [None]),
        # (guard) Not an interview: narration quoting a sentence names no one.
        ('Ann Lee runs the project. In the past, the plan was effectively, "We build it, then they test it."', [None]),
        # (guard) The interviewer's turn.
        (
            'Ann Lee spoke.\n\n((WN))  In the past, the plan was, "We build it, then you test it."\n\n'
            "((Ann Lee))  Yes.",
            [None],
        ),
    ],
)
def test_a_whole_sentence_in_an_answer_is_the_interviewees(text: str, expected: list[str | None]) -> None:
    assert speakers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "The account for The Bernie and Sid Show, ..., hosted by Bernard McGuirk and Sid Rosenberg, who both
        # worked for Imus, tweeted: "..."" (fresh10): the agent of a passive is no subject of the verb after it.
        (
            "Ann Lee died. The account for the morning show, hosted by Tom Becker and Jim Hale, who both worked for "
            'Lee, tweeted: "We salute you."',
            [None],
        ),
        (
            "Ann Lee died. The account for the morning show, hosted by Tom Becker, who worked for Lee, tweeted: "
            '"We salute you."',
            [None],
        ),
        # (guard) A relative clause on the agent: the agent speaks.
        ('The bill was drafted by Tom Becker who said, "It follows decades of work."', ["Tom Becker"]),
        (
            'The research was led by Tom Becker, a marine ecologist at GT, who said "There is a lot of argument."',
            ["Tom Becker"],
        ),
        # (guard) A subject that is no agent.
        ('Ann Lee died. Her co-host Tom Becker, who worked for Lee, tweeted: "We salute you."', ["Tom Becker"]),
    ],
)
def test_the_agent_of_a_passive_is_no_subject(text: str, expected: list[str | None]) -> None:
    assert speakers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # '"More number of women getting into technical fields has been a big change."  — ‍Aparna Garg, Mysore
        # Divisional Railway Manager' (fresh10): a paragraph that is one quotation credited after a dash.
        (
            'Ann Lee runs the division.\n\n"Women in technical fields have been a big change."\u00a0\u00a0— \u200dAnn '
            "Lee, Divisional Railway Manager\n\nShe spoke on Monday.",
            ["Ann Lee"],
        ),
        ('The storm came.\n\n"We will rebuild the town." – Tom Becker\n\nIt rained.', ["Tom Becker"]),
        # (guard) A credit in a paragraph of its own may be a pull-quote box's whose quote is lost.
        (
            'The storm came. Tom Becker told her: "We will rebuild the town."\n\n—Ann Lee, the mayor\n\nIt rained.',
            ["Tom Becker"],
        ),
        # (guard) A dash after a quotation inside narration: an aside, no credit.
        ('The storm came and "ground to a halt" — Tom Becker wrote — the town.', ["Tom Becker"]),
        ('The storm came.\n\nIt was "a big change" — Tom Becker, the mayor', [None]),
        # (guard) What the dash credits is no person.
        ('The storm came.\n\n"We will rebuild the town." — One of the lawyers', [None]),
    ],
)
def test_a_pull_quote_is_its_dash_credits(text: str, expected: list[str | None]) -> None:
    assert speakers(text) == expected


_NAMES = ["Ann Lee", "Tom Becker", "Aparna Garg", "Jim Hale"]
_BLANKS = st.text(alphabet=" \u00a0\u200d\u200b\u2060", max_size=3)


@given(
    st.sampled_from(_NAMES),
    st.sampled_from(["", ", Divisional Railway Manager", ", the mayor of Dale", ", founder of Dale Works"]),
    st.sampled_from(["—", "–"]),
    _BLANKS,
    _BLANKS,
    st.sampled_from(["We will win.", "More women have joined the field.", "It was hard, but we did it!"]),
)
def test_a_dash_credit_names_its_person_whatever_the_blanks(
    name: str, title: str, dash: str, before: str, after: str, words: str
) -> None:
    text = f'The storm came.\n\n"{words}"{before}{dash}{after}{name}{title}\n\nIt rained.'
    assert speakers(text) == [name]


_PIECES = [
    "Ann Lee ",
    "Tom Becker",
    "((WN))  ",
    "((Ann Lee))  ",
    "hosted by ",
    " and ",
    ", who both worked for Lee, ",
    "tweeted: ",
    "the plan was, ",
    "they said ",
    "— ",
    "– ",
    "\u200d",
    "\u00a0",
    ", the mayor",
    ". ",
    "?",
    "\n\n",
    '"',
    "“",
    "”",
    "we win.",
    "x",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join))
def test_fresh10_rules_name_only_names(text: str) -> None:
    _names_from_text(text)
