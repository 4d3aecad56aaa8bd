"""Attribution rules written from squad2's misses (issue 15), read after its two measurements (before and after
squad1's rules).

Each case fails on the rules before it; cases marked (guard) pass on both.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.index.test_speakers import speakers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Verbs in the present, as an encyclopedia reports a scholar's view.
        ('The scholar Martin Marty describes his mother as a woman of "trading-class stock".', ["Martin Marty"]),
        ('Mark U. Edwards wrote a book. Edwards also comments that he used "vulgarity and violence" for effect.',
         ["Mark U. Edwards"]),  # fmt: skip
        ('Biographer Martin Brecht points out that "there is a world of difference" between the two.',
         ["Martin Brecht"]),  # fmt: skip
        ('Henry David Thoreau refused to pay. Asked what to do, Thoreau had advised, "Resign."',
         ["Henry David Thoreau"]),  # fmt: skip
        ('Martin Luther refused to recant. He is sometimes also quoted as saying: "Here I stand."', ["Martin Luther"]),
        # Someone's view, and words attributed to someone.
        ('In the view of Luther\'s biographer Martin Brecht, "giving that advice was one of the worst blots".',
         ["Martin Brecht"]),  # fmt: skip
        ('Martin Luther objected to a saying attributed to Johann Tetzel that "as soon as the coin rings, the soul'
         ' springs".', ["Johann Tetzel"]),  # fmt: skip
        # A person's article or essay states it.
        ('Christian Bay\'s encyclopedia article states that it requires "carefully chosen and legitimate means".',
         ["Christian Bay"]),  # fmt: skip
        # From the Wikinews misses read in the same stop: "too" between the subject and its verb.
        ('Doug Miller described one scenario. He too suggested a case in which "the equipment has been tampered'
         ' with".', ["Doug Miller"]),  # fmt: skip
        # A quote right after the sentence crediting the one before continues it, whatever organisation the credit
        # names ("Cooperative Institute for Research" read as someone else).
        ('"Now we see a new process," said co-author Ted Scambos of the Cooperative Institute for Research in'
         ' Environmental Sciences (CIRES). "Like scoring a plate of glass, it weakens."',
         ["Ted Scambos", "Ted Scambos"]),  # fmt: skip
        # (guard) a new paragraph crediting someone else is no continuation.
        ('Nikki Haley wrote on Twitter, "Leaving them to die is a big mistake."\n\nBrett McGurk, who was an envoy'
         ' until December, also criticized the decision via Twitter. "The statement shows no understanding."',
         ["Nikki Haley", "Brett McGurk"]),  # fmt: skip
        # (guard) an organisation describing itself is no one.
        ('Ann Lee runs for the party. Liberal Democrats describes itself as standing for "individual liberty".',
         [None]),  # fmt: skip
    ],
)
def test_squad2_rules(text: str, expected: list[str | None]) -> None:
    assert speakers(text) == expected


@given(trade=st.sampled_from(["Biographer", "Historian", "Scholar", "Theologian", "Journalist", "Columnist"]))
def test_a_trade_before_a_name_is_no_part_of_it(trade: str) -> None:
    assert speakers(f'{trade} Ann Lee said the book was "a turning point".') == ["Ann Lee"]
