"""Attribution rules written from fresh11's misses (issue 15), read after its one measurement.

Each case fails on the rules before it; cases marked (guard) pass on both. The property test puts post-nominal
letters after any name: the speaker never carries them and is still a name made of the text's own words.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.names import POST_NOMINALS
from tests.index.test_speakers import speakers
from tests.index.test_speakers_fresh8 import _names_from_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Judge Durham Hall QC said they "appear not to have shown any respect ..."": letters after a name are
        # no part of it, so a question about Durham Hall finds him.
        ('Judge Durham Hall QC said they "showed no respect at all."', ["Durham Hall"]),
        # "Prosecutor Kama Melly QC said ...": the role before the name and the letters after it both go.
        ('Prosecutor Kama Melly QC said the victims were "ripe for manipulation".', ["Kama Melly"]),
        ('Ann Lee MP said "we will vote against it."\n\nLee OBE added, "It is wrong."', ["Ann Lee", "Ann Lee"]),
        # "One of the victims decided to allow her name to be made public. She said ... "there is nothing to be
        # ashamed of"": the pronoun is the victim's, whom the text does not name, not the prosecutor quoted before.
        (
            'Prosecutor Jane Ortiz said "the men lied".\n\nOne of the victims spoke out. She said she wanted to show '
            'others "there is nothing to be ashamed of".',
            ["Jane Ortiz", None],
        ),
        ('Jane Ortiz said "the men lied".\n\nA witness came forward. He said "it was dark".', ["Jane Ortiz", None]),
        # (guard) The sentence before names the one it opens on, or opens on a name: the pronoun resolves.
        ('A lawyer, Tom Becker, spoke out. He said "it was dark".', ["Tom Becker"]),
        ('Jane Ortiz spoke to reporters. She said "the men lied".', ["Jane Ortiz"]),
    ],
)
def test_fresh11_rules(text: str, expected: list[str | None]) -> None:
    assert speakers(text) == expected


@given(
    letters=st.lists(st.sampled_from(sorted(POST_NOMINALS)), min_size=1, max_size=3),
    title=st.sampled_from(["", "Judge ", "Prosecutor ", "Dr "]),
)
def test_post_nominal_letters_never_in_a_speaker(letters: list[str], title: str) -> None:
    text = f'{title}Durham Hall {" ".join(letters)} said "the men showed no respect."'
    assert speakers(text) == ["Durham Hall"]
    _names_from_text(text)
