"""Attribution rules written from fresh15's, fresh16's and fresh17's misses (issue 15), read after their measurement.

Each case fails on the rules before it; cases marked (guard) pass on both. The property test: a generational
suffix never stops a name from matching its surname.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.names import same_person
from tests.index.test_speakers import speakers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # fresh17: 'In a later speech, Trump assailed the event as the "darkest ... convention"': no verb of speech
        # the rules know, but the sentence opens on someone already quoted in the article.
        (
            'Donald Trump said "we will win". In a later speech, Trump assailed the event as the "darkest'
            ' convention in history."',
            ["Donald Trump", "Donald Trump"],
        ),
        # fresh17: 'He holds that if they were "lawful permanent residents" ...': the same, by an opening "he".
        (
            'Professor John Eastman said "the text is clear". He holds that if they were "lawful permanent'
            ' residents" at her birth, she qualifies.',
            ["John Eastman", "John Eastman"],
        ),
        # (guard) a name for a thing in that sentence stays nobody's words.
        (
            'Andy Martin said "it matters". Martin is certain that the term "natural born Citizen" is undefined.',
            ["Andy Martin", None],
        ),
        # (guard) a sentence opening on someone never quoted in the article: nobody's words.
        ('The Legislative Yuan passed the bill, "a first in Asia".', [None]),
        # fresh17: a paragraph ending in a colon that opens on "he" introduces his message.
        (
            'Darcy Richardson said "no". He provided Wikinews with the text of a message he sent to vice chairman'
            ' Mark Seidenberg:\n\n"Please let Rocky know that I will withdraw."',
            ["Darcy Richardson", "Darcy Richardson"],
        ),
        # fresh17: a long title of numbers and possessives between the quotation and the name after it.
        (
            '"We will continue searching until we find it," 1st Fleet Command\'s Navy Information Agency head'
            " Arba Agung told The Jakarta Post.",
            ["Arba Agung"],
        ),
    ],
)
def test_fresh15_rules(text: str, expected: list[str | None]) -> None:
    assert speakers(text) == expected


@pytest.mark.parametrize(
    ("narration", "expected"),
    [
        # fresh16: an interviewee quoting their own thought or what "we can say" speaks.
        ("So I thought: ", "Akram Pasha"),
        ("As I was talking, I was thinking, ", "Akram Pasha"),
        ("All of these things made me wonder, ", "Akram Pasha"),
        ("On those we can say, ", "Akram Pasha"),
        # (guard) someone else speaking in the answer is not the interviewee.
        ("The clients would say, ", None),
    ],
)
def test_an_interviewees_thoughts_are_their_words(narration: str, expected: str | None) -> None:
    text = (
        "Wikinews spoke to Akram Pasha about the pandemic.\n\n"
        "((WN)) Why did you choose this work?\n\n"
        f'((Akram Pasha)) I worked as a masseur at first. {narration}"Why should I do this for free every time?"\n'
    )
    assert speakers(text) == [expected]


@given(
    first=st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True),
    surname=st.from_regex(r"[A-Z][a-z]{3,9}", fullmatch=True),
    suffix=st.sampled_from(["Jr.", "Jr", "Sr.", ", Jr.", "II", "III"]),
)
def test_a_generational_suffix_is_no_surname(first: str, surname: str, suffix: str) -> None:
    """fresh15: "Robert Downey Jr." was not "Downey", so his quotes counted for nobody asked by name."""
    full = f"{first} {surname}{suffix if suffix.startswith(',') else ' ' + suffix}"
    assert same_person(full, surname)
    assert same_person(surname, full)
    assert same_person(f"{first} {surname}", full)
    assert not same_person(full, f"{first} Ng")  # surnames here have 4 letters or more
