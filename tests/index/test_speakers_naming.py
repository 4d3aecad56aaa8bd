"""Quoted words that name a thing or a work are nobody's statement (issue 15, speaker precision).

Written from the false speakers of the labelled archives (Wikinews, squad-dev): "the term "..."", a hymn's title
and its translation in brackets. Each case fails on the rules before it; cases marked (guard) pass on both.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.index.test_speakers import speakers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A term a scholar writes about is no quotation of the scholar.
        ('Professor Eugene Volokh writes in a Newsweek essay that the term "natural born citizen" is old.', [None]),
        ('Moreover, Eugene Volokh says the 14th Amendment phrase "subject to" means something else.', [None]),
        # Titles of works, a translation in brackets, and the next title of the list.
        # (Luther quoted first: the sentence opening on someone already quoted gave him the titles.)
        ('Martin Luther said, "Here I stand." Luther was a prolific hymn-writer, authoring hymns such as "Ein feste'
         ' Burg ist unser Gott" ("A Mighty Fortress Is Our God").', ["Martin Luther", None, None]),  # fmt: skip
        ('Martin Luther said, "Here I stand." Luther\'s 1524 creedal hymn "Wir glauben all an einen Gott" ("We All'
         ' Believe in One True God") is sung.', ["Martin Luther", None, None]),  # fmt: skip
        ('Pepsi confirmed that Ann Lee, who worked with Coldplay on the single "Hymn for the Weekend", would sing.',
         [None]),  # fmt: skip
        # (guard) a translation in brackets of someone's words stays theirs.
        ('On his table Martin Luther wrote, "Hoc est corpus meum" ("This is my body").',
         ["Martin Luther", "Martin Luther"]),  # fmt: skip
        # (guard) "referred to X as" characterises, as "called" does: the words are the speaker's.
        ('At one rally, Joe Biden referred to the people as "chumps."', ["Joe Biden"]),
        # (guard) words after a list of named things, with a verb of speech of their own, are someone's.
        ('Ann Lee sang the song "Hello". Then Ann Lee said, "Thank you all."', [None, "Ann Lee"]),
    ],
)
def test_quoted_names_of_things(text: str, expected: list[str | None]) -> None:
    assert speakers(text) == expected


@given(noun=st.sampled_from(["the term", "the phrase", "the slogan", "the hymn", "the song", "hymns such as"]))
def test_a_quote_after_a_naming_noun_is_nobodys(noun: str) -> None:
    assert speakers(f'Senator Ann Lee told reporters that {noun} "Blue Skies Forever" was popular.') == [None]
