"""Attribution rules written from fresh12's and fresh13's misses (issue 15), read after their measurements.

Each case fails on the rules before it; cases marked (guard) pass on both. The property test puts any title's
abbreviation between the verb and the name after a quotation: the speaker is still the person named.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.index.test_speakers import speakers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # fresh12: '"[T]he strains ... infections", said Dr. Livermore.': "Dr" was read as the name, nobody, and that
        # ended the search.
        (
            'Professor David Livermore led the study.\n\n"The strains were different", said Dr. Livermore. '
            '"Rather, people spread it."',
            ["David Livermore", "David Livermore"],
        ),
        # fresh13: 'the WHO noted the need to drive governments to action: "...," said Tedros Adhanom Ghebreyesus':
        # the person credited right after the quotation outranks the organisation before it.
        (
            'The WHO noted the need for action: "All countries can still change course," said Tedros Adhanom'
            ' Ghebreyesus, the Director-General of the WHO.',
            ["Tedros Adhanom Ghebreyesus"],
        ),
        # fresh13: 'he was told by Emergencies Minister Yevgeny Zinichev of "presumably between 36 and 40 people"'.
        (
            'President Vladimir Putin flew to the city. He was told by Emergencies Minister Yevgeny Zinichev of'
            ' "presumably 40 people under the rubble".',
            ["Yevgeny Zinichev"],
        ),
        # (guard) an organisation's words with no person after them stay nobody's.
        ('The ministry noted the need for action: "All countries can still change course."', [None]),
    ],
)
def test_fresh12_rules(text: str, expected: list[str | None]) -> None:
    assert speakers(text) == expected


@given(
    title=st.sampled_from(["Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Rev", "Lt"]),
    surname=st.from_regex(r"[A-Z][a-z]{3,9}", fullmatch=True),
    verb=st.sampled_from(["said", "added", "told reporters", "explained"]),
)
def test_a_title_abbreviation_after_the_quote_is_no_speaker(title: str, surname: str, verb: str) -> None:
    """'"...", said Dr. Lee.': the speaker is the person the surname names, never the title alone."""
    text = f'Ann {surname} spoke to reporters.\n\n"It was wrong", {verb.split()[0]} {title}. {surname}.'
    assert speakers(text) == [f"Ann {surname}"]
