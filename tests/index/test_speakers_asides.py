"""Speakers named around an aside (issue 15, attribution misses behind the rephrased questions' misses).

A phrase of the day or of manner between the subject and the verb ("Nur Khan Liton, on Sunday told", "Richard
Ferrand in relaying the news to parliament said"), a sentence opening on its verb ("Remarked ... scientist Tierra
Curry,"), a longer affiliation ("Crystal C'Bearing of the Northern Arapaho ... told"), and "He ..., calling it" after
a sentence that names another person. Each case fails on the rules before it; cases marked (guard) pass on both.
"""

from __future__ import annotations

import pytest

from tests.index.test_speakers import speakers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Fires were set. One activist, Nur Khan Liton, on Sunday told AFP arson has been used "as a weapon" by '
         "developers.", ["Nur Khan Liton"]),
        ('Both houses fell silent. Assembly president Richard Ferrand in relaying the news to parliament said, "He is'
         ' part of our history".', ["Richard Ferrand"]),
        ('Scientists were cautious.\n\nRemarked Center for Biological Diversity scientist Tierra Curry, "This reprieve'
         ' is a thank-you."', ["Tierra Curry"]),
        ("Crystal C'Bearing of the Northern Arapaho Tribe's Department of Wildlife and Parks told reporters, "
         '"The herd is home."', ["Crystal C'Bearing"]),
        ('Greek Prime Minister Kyriakos Mitsotakis spoke on Monday. "We seek peace", he said, repeating his January 2'
         ' remarks made on the EastMed signing ceremony.\n\nHe also commented on the Turkish-Libyan maritime border'
         ' agreement, calling it "null and void".', ["Kyriakos Mitsotakis"] * 2),
        # (guard) a verb opening a sentence that is no verb of speech names no one.
        ('Arrived late, Ann Lee, "the best of us".', [None]),
        # (guard) an affiliation stops at a colon: what follows may be anything.
        ('Ann Lee of the Center for Oceanography: Research and Education (C-MORE) said, "It was unique."', [None]),
    ],
)  # fmt: skip
def test_speaker_named_around_an_aside(text: str, expected: list[str | None]) -> None:
    assert speakers(text) == expected
