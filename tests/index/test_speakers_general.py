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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 'X has been cosplaying for two years, her "passion" for the hobby "stemmed through my love for Halloween."'
        # (fresh9): a quotation in the first person, in a sentence opening on X with no verb of speech, is X's.
        (
            'Ann Lee has been knitting for years, her "passion" for the craft "stemmed from my love for wool."',
            ["Ann Lee", "Ann Lee"],
        ),
        # 'She typically chooses "to portray ... I also enjoy ..."' (fresh9): the opening pronoun's person.
        (
            'Ann Lee has been knitting for years. She typically chooses "bright colours. I also enjoy grey."',
            ["Ann Lee"],
        ),
        # ... after an opening phrase closed by a comma (fresh2's Alexis Tipton): "Then just 19 years old, she".
        (
            'Ann Lee was cast as a singer. Then just 19 years old, she saw the role as a "chance to face my fears".',
            ["Ann Lee"],
        ),
        # 'The costume "is very warm [...] so I have to stay hydrated"' (fresh9): a sentence naming nobody, right
        # after the speaker's quotation in the paragraph.
        (
            'With "Abe, I wanted accuracy," Ann Lee told Wikinews. The costume "is very warm, so I drink a lot".',
            ["Ann Lee", "Ann Lee"],
        ),
        # (guard) No first person: a term or a scare quote stays nobody's.
        ('"It works," Ann Lee said. The device is "a marvel".', ["Ann Lee", None]),
        # (guard) A title of a work, though it says "I".
        ('"It works," Ann Lee said. The band played "All I Want For Christmas".', ["Ann Lee", None]),
        # (guard) Another person named between: nobody.
        ('"It works," Ann Lee said. Tom Becker left. The costume "is warm, so I drink".', ["Ann Lee", None]),
        # A verb of speech after the quotation whose subject the rules cannot name: not the last speaker (this failed
        # before: a quote alone after X's went to X whatever followed it in its sentence).
        (
            '"It works," Ann Lee said. "We will search on," a navy spokesman told the Post.',
            ["Ann Lee", None],
        ),
        # (guard) A text with words of its own: "The event description read".
        ('"It works," Ann Lee said. The event description read, "We will all meet up."', ["Ann Lee", None]),
        # (guard) In the next paragraph, or after a heading: nobody (the paragraph bounds a continuation).
        ('"It works," Ann Lee said.\n\nThe result "made my day".', ["Ann Lee", None]),
        ('"It works," Ann Lee said.\n\nReactions\n\nThe result "made my day".', ["Ann Lee", None]),
        # (guard) An owner named between is someone else too.
        ('"It works," Ann Lee said. During Tom Becker\'s visit, "we had no money."', ["Ann Lee", None]),
        # (guard) A sentence opening on someone else: not the last speaker's.
        ('"It works," Ann Lee said. Tom Becker wrote a song, "my sweet home".', ["Ann Lee", "Tom Becker"]),
        ('"It works," Ann Lee said. Tom Becker met Jo Park, "my old friend".', ["Ann Lee", None]),
    ],
)
def test_a_quotation_in_the_first_person_is_its_sentences_person(text: str, expected: list[str | None]) -> None:
    assert speakers(text) == expected


_OWN_WORDS = [
    "Ann Lee ",
    "Tom Becker",
    "She typically chooses ",
    "The costume ",
    "her ",
    "has been knitting, ",
    " said",
    " read, ",
    ". ",
    "\n\n",
    "Reactions",
    '"',
    "“",
    "”",
    "I love it",
    "my day",
    "x",
]


@given(st.lists(st.sampled_from(_OWN_WORDS), max_size=14).map("".join))
def test_own_words_rule_names_only_names(text: str) -> None:
    _names_from_text(text)


_INTERVIEW = (
    "Wikinews talked to the engineers Ann Lee and Tom Becker.\n\n"
    "((WN))  What happened?\n\n"
    '((Ann Lee))  We left early.  And I started crying and I said, "You are not listening to me."\n\n'
    'Then she\'s like "you need to rest more".\n\n'
    "((WN))  And the blog?\n\n"
    '((TB))  The very first sentence of my blog post on Tuesday was "The future of the project is open."\n\n'
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Interview answers (fresh9's Rich Bowen): the interviewee, tagged by name or initials, narrates; 'I said,
        # "..."' and 'my blog post was "..."' quote the interviewee, 'she's like "..."' someone else.
        (_INTERVIEW, ["Ann Lee", None, "Tom Becker"]),
        # A modal before the verb (fresh7's Valeria Gazzola): 'I can tell you "okay, try to change it"'.
        (
            'Ann Lee spoke.\n\n((WN))  How?\n\n((Ann Lee))  If I show it, I can tell you "okay, try to change it".',
            ["Ann Lee"],
        ),
        # "Name:" and initials after a colon, in an article whose questions are tagged.
        (
            'Ann Lee studies penguins.\n\n((WN))  Why penguins?\n\nAL: When I was young I wrote, "penguins rule".',
            ["Ann Lee"],
        ),
        # (guard) A clause of condition, an aside, a name for something: not the answer's words.
        (
            "Ann Lee spoke.\n\n((WN))  Why?\n\n"
            '((Ann Lee))  Had I said "the plan is wrong", nobody would care.  The theme, as I told you, "Each '
            'for Equal", is old.  The campaign, I told you, "Each For Equal".',
            [None, None, None],
        ),
        # (guard) The interviewer's turn, even in the first person.
        ('Ann Lee spoke.\n\n((WN))  I once said, "penguins rule".  Do you agree?\n\n((Ann Lee))  Yes.', [None]),
        # (guard) Initials two people share: nobody.
        (
            'Ann Lee and Al Lane spoke.\n\n((WN))  Why?\n\n((AL))  And I said, "penguins rule".',
            [None],
        ),
        # (guard) No interview: "I said" in narration names nobody.
        ('Ann Lee spoke.  And I said, "penguins rule".', [None]),
        # (guard) Someone else in the answer: they speak.
        ('Ann Lee spoke.\n\n((WN))  Why?\n\n((Ann Lee))  Then they said, "penguins rule".', [None]),
    ],
)
def test_an_interview_answer_quotes_its_interviewee_in_the_first_person(text: str, expected: list[str | None]) -> None:
    assert speakers(text) == expected


_TURNS = [
    "((WN)) ",
    "((Ann Lee)) ",
    "((AL)) ",
    "AL: ",
    "Ann Lee ",
    "and I said, ",
    "my blog post was ",
    "Had I said ",
    "they said ",
    "Why?",
    ". ",
    "\n\n",
    '"',
    "“",
    "”",
    "we rule",
    "x",
]


@given(st.lists(st.sampled_from(_TURNS), max_size=16).map("".join))
def test_interview_rule_names_only_names(text: str) -> None:
    _names_from_text(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 'Lisa Mancini has been cosplaying for two years, her "passion" for the hobby' (fresh9): words right after
        # "his" or "her" in a sentence that opens on X and names nobody else are X's.
        ('Tom Becker discussed the game, his "longest ever project", on Monday.', ["Tom Becker"]),
        ('Ann Lee has been knitting for years, her "passion" for the craft.', ["Ann Lee"]),
        # (guard) Another person named in the sentence: whose "her" it is is unclear.
        ('Tom Becker met Ann Lee and praised her "courage".', [None]),
        # (guard) The sentence opens on an owner, not on a subject.
        ('Tom Becker\'s wife praised her "courage".', [None]),
        # (guard) The sentence opens on no person.
        ('Ann Lee left. The film, her "masterpiece", opened.', [None]),
        # (guard) Not right after the possessive.
        ('Ann Lee left, and her parents were "persistent".', [None]),
    ],
)
def test_words_right_after_his_or_her_are_the_openers(text: str, expected: list[str | None]) -> None:
    assert speakers(text) == expected


_POSSESSED = ["Tom Becker", "Ann Lee", "'s wife", " discussed the game, ", "his ", "her ", "The film, ", ", ", '"',
              "“", "”", "passion", ". ", "x"]  # fmt: skip


@given(st.lists(st.sampled_from(_POSSESSED), max_size=14).map("".join))
def test_possessive_rule_names_only_names(text: str) -> None:
    _names_from_text(text)
