"""Speakers named around an aside (issue 15, attribution misses behind the rephrased questions' misses).

A phrase of the day or of manner between the subject and the verb ("Nur Khan Liton, on Sunday told", "Richard
Ferrand in relaying the news to parliament said"), a sentence opening on its verb ("Remarked ... scientist Tierra
Curry,"), a longer affiliation ("Crystal C'Bearing of the Northern Arapaho ... told"), a participle of speech with
its clause ("accusing her of "...""), and "He ..., calling it", "He ..., saying", "He then approached a director
and said" read as the one "he" means. Each case fails on the rules before it; cases marked (guard) pass on both.
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
        # A participle of speech with its clause ("accusing her of", "screaming"), and "he ... and said".
        ('Riots broke out. President Donald Trump lashed out at Mayor Muriel Bowser on Twitter, accusing her of "not'
         ' doing her job".', ["Donald Trump"]),
        ('Kanye West, a rapper, entered the race. West backed away from his support for President Trump, expressing'
         ' disappointment at reports Trump hid in the basement.  He leveled greater criticism at Biden, saying he was'
         ' not "special" like himself.', ["Kanye West"]),
        ('Joshua Winch grew tired of the reviews. He then approached a director and said, "I want you to make a pure'
         ' horror movie."', ["Joshua Winch"]),
        # (guard) after an article a name qualifies a noun: the campaign's words are not Joe Biden's.
        ('Joe Biden spoke. "We will win," Biden said.\n\nThe Biden campaign criticized the refusal, accusing the'
         ' president of "not wanting to face questions".', ["Joe Biden", None]),
        # (guard) a verb opening a sentence that is no verb of speech names no one.
        ('Arrived late, Ann Lee, "the best of us".', [None]),
        # (guard) an affiliation stops at a colon: what follows may be anything.
        ('Ann Lee of the Center for Oceanography: Research and Education (C-MORE) said, "It was unique."', [None]),
    ],
)  # fmt: skip
def test_speaker_named_around_an_aside(text: str, expected: list[str | None]) -> None:
    assert speakers(text) == expected
