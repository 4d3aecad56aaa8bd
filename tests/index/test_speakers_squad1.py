"""Attribution rules written from squad1's misses (issue 15: quotations in squad-dev's Wikipedia articles), read
after its one measurement.

Each case fails on the rules before it; cases marked (guard) pass on both. The property test names another
person inside an apposition: the subject before it speaks.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.index.test_speakers import speakers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 'he cried out, "Help! Saint Anna, I will become a monk!"': a verb of loud speech.
        (
            'Martin Luther was returning to university. During a thunderstorm, a bolt struck near him, and he'
            ' cried out, "Help! I will become a monk!"',
            ["Martin Luther"],
        ),
        # '"Don't be too proud," Luther retorted, "German necks don't break that easily."'
        (
            'Huldrych Zwingli met Martin Luther. "Don\'t be too proud," Luther retorted, "German necks do not break'
            ' that easily."',
            ["Martin Luther", "Martin Luther"],
        ),
        # 'Roland Bainton, noted church historian and Luther biographer, wrote "...": an apposition that names
        # someone else is no subject of the verb.
        (
            'Martin Luther wrote a treatise. Roland Bainton, noted church historian and Luther biographer, wrote'
            ' "One could wish that Luther had died before it was written."',
            ["Roland Bainton"],
        ),
        # 'denounced as a "racket" by Smedley Butler, an American general. He said, "..."': the newcomer the
        # sentence before introduces, not someone quoted further back.
        (
            'Woodrow Wilson spoke of a mission to "make the world safe for democracy". Policy was denounced by'
            ' Smedley Butler, an American general. He said, "I might have given Al Capone a few hints."',
            ["Woodrow Wilson", "Smedley Butler"],
        ),
        # (guard) no one introduced: "he" goes on being the one quoted before.
        (
            'Woodrow Wilson spoke of a mission to "make the world safe for democracy". Policy was denounced by'
            ' Smedley Butler. He said, "It was a racket."',
            ["Woodrow Wilson", "Woodrow Wilson"],
        ),
        # An apposition of up to 120 characters: the subject is the name before it, not the journal's name inside
        # it (a Wikinews quotation labelled as Michael Siegel's, whom the rules before named no one).
        (
            "Professor Ann Lee of Dale University, co-author of a new study published in the American Journal of "
            'Preventive Medicine on January 17, declared gun ownership to be "the strongest predictor".',
            ["Ann Lee"],
        ),
        # (guard) a long apposition, over 90 characters, between the name and "said".
        (
            'Professor Jean-Jacques Muyembe, Director General of the DRC\'s Institut National de Recherche'
            ' Biomédicale that monitored the trial, said, "From now on, we will no longer say it is incurable."',
            ["Jean-Jacques Muyembe"],
        ),
    ],
)
def test_squad1_rules(text: str, expected: list[str | None]) -> None:
    assert speakers(text) == expected


@given(
    opening=st.sampled_from(["noted", "noted historian and", "said to be a", "called a"]),
    modifier=st.sampled_from(["biographer", "scholar", "admirer and critic", "expert"]),
)
def test_a_name_inside_an_apposition_is_no_speaker(opening: str, modifier: str) -> None:
    """An apposition opening on a verb's form ("noted") is still an apposition: its "Reed biographer" names the
    subject of a book, not who wrote."""
    text = f'Ann Lee met Tom Reed. Ann Lee, {opening} Reed {modifier}, wrote "It was a long night."'
    assert speakers(text) == ["Ann Lee"]
