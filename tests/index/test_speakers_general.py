"""General attribution rules (issue 15, branch attr11), written from the classes of fresh9's misses.

Each case fails on the rules before it; cases marked (guard) pass on both and keep the rule from breaking what
worked: quotes that must stay unattributed or keep their speaker. The property tests feed each rule's constructs
in any order: nothing crashes, quotations stay verbatim and every speaker is a capitalised name made of the text's
own words.
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
        # "X broke news when he revealed that ... . "..."" (fresh9): a quotation alone after a sentence opening on X
        # whose verb discloses, admits or explains is X's.
        (
            'Tom Becker broke news when he revealed that a reboot is considered. "Ann and I are talking to NBC."',
            ["Tom Becker"],
        ),
        ('Tom Becker admitted the plan had failed. "We got it wrong."', ["Tom Becker"]),
        ('Tom Becker also mentioned the vote would be held. "The people deserve the truth."', ["Tom Becker"]),
        ('Ann Lee explains how the coating works. "It repels everything."', ["Ann Lee"]),
        # (guard) A verb that is no speech: nobody.
        ('Tom Becker broke the record on Monday. "A new era begins."', [None]),
        # (guard) Another person named in the sentence: nobody.
        ('Tom Becker revealed that Ann Lee had resigned. "A new era begins."', [None]),
        # (guard) The sentence opens on no person ("the claims" is no verb).
        ('The court dismissed the claims of Tom Becker. "A new era begins."', [None]),
        # (guard) A new paragraph: nobody.
        ('Tom Becker revealed the plan.\n\n"A new era begins."', [None]),
    ],
)
def test_a_quotation_alone_after_a_sentence_of_disclosure(text: str, expected: list[str | None]) -> None:
    assert speakers(text) == expected


_DISCLOSURE = [
    "Tom Becker ",
    "Ann Lee ",
    "revealed that ",
    "admitted ",
    "broke news when he ",
    "the plan failed",
    "the claims",
    ". ",
    "\n\n",
    '"',
    "We got it wrong.",
    "x",
]


@given(st.lists(st.sampled_from(_DISCLOSURE), max_size=14).map("".join))
def test_disclosure_rule_names_only_names(text: str) -> None:
    _names_from_text(text)
