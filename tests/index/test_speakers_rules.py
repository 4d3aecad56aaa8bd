"""Attribution rules added for the misses of the used splits and of unlabelled articles (issue 15).

Each rule's case fails without it. Cases marked (guard) pass on the old rules as well: they keep a new rule from
breaking what already worked (a title's preposition, a particle, a place before the name).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.names import Mention, same_person
from index.speakers import attribute
from tests.index.test_speakers import speakers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Part of Trump's tweet included the statement, "..."": the tweet's owner (fresh3).
        ('President Ann Lee wrote often. Part of Lee\'s tweet included the line, "we will win".', ["Ann Lee"]),
        # "an order by Commandant Elson Hermogino directing units to "..."": the order's author (fresh3).
        (
            "The Coast Guard has announced an order by Coast Guard Commandant Admiral Tom Becker directing Coast "
            'Guard units nearby to "join the search".',
            ["Tom Becker"],
        ),
        # Two appositions, the second lower case; a possessive ("Vanderbilt's") is never the subject (fresh3).
        (
            'Gloria Vance died. Ann Lee, of CNN, one of Vance\'s four sons, stated, "She loved life."',
            ["Ann Lee"],
        ),
        # "led Biden to express "..."": the one led to speak (fresh3).
        ('Ann Lee spoke on radio. Backlash led Lee to express "I should not have said it."', ["Ann Lee"]),
        # "Saying "...", President Fernández elaborated": the subject after the opening participle (dev).
        (
            'Saying "there are many" (in Spanish: hay muchos), President Ann Lee elaborated, "A state must act."',
            ["Ann Lee", "Ann Lee"],
        ),
        # A quote that opens its sentence right after "X ... criticized the decision via Twitter." (fresh).
        (
            "Ann Lee spoke. Tom Becker, who was Lee's Special Envoy until December, also criticized the decision "
            'via Twitter. "It shows a lack of understanding."',
            ["Tom Becker"],
        ),
        # Speech in the progressive: "she was directing committees to "..."" (dev); never the passive.
        (
            'Speaker Ann Lee spoke on Monday. She was directing six committees to "proceed with their work".',
            ["Ann Lee"],
        ),
        # "X said ... while Y wrote he had ordered checks. He tweeted": the last one speaking (heldout).
        (
            'President Tom Becker said it was "a tragedy" while Minister Ann Lee wrote she had ordered checks. '
            'She tweeted, "I am sorry."',
            ["Tom Becker", "Ann Lee"],
        ),
        # A participle of speech with its own subject is not the sentence's subject's: the company cites.
        (
            'Elon Musk said "it was a test." Musk has also reinstated Alex Jones and Trump, who was kicked off the '
            'platform two days after the riot, with the company citing "the risk of further incitement of violence."',
            ["Elon Musk", None],
        ),
        # (guard) A preposition inside a title keeps the name a subject ("Representative for Iran Brian Hook"), and
        # the place of the post is no part of the name.
        (
            'US Special Representative for Iran Brian Hook said, "This is political." He added, "It is a stunt."',
            ["Brian Hook", "Brian Hook"],
        ),
        # A block quotation after a paragraph ending "X commented:" or opening on X (unlabelled articles).
        ('At the news site, AIP vice chairman Ann Lee commented:\n\n"She is not eligible."', ["Ann Lee"]),
        ('AIP chairman Ann Lee reflects this view in his comments:\n\n"It is our position."', ["Ann Lee"]),
        # "said his father, Abdullah Kurdi,": a comma between the role and the name.
        ('"This day is hard," said his father, Abdullah Kurdi, after the ceremony.', ["Abdullah Kurdi"]),
        ('Jing Wang recounted, "When we put that coating on."', ["Jing Wang"]),
        # An organisation and a role before the name after the verb (unlabelled articles).
        ('"You have to work," quipped Valiant Entertainment editor Heather Antos.', ["Heather Antos"]),
        # "X of Y reacted": X, not Y.
        ('Mick Jagger of The Rolling Stones also reacted on Twitter, "Sad news."', ["Mick Jagger"]),
        # The person the sentence before opens on, over one confirmed further back.
        (
            'Actress Denise Crosby said "I had no lines." Brendan Fraser\'s visit came straight from filming. '
            'He quipped "I still have dust in my shoes."',
            ["Denise Crosby", "Brendan Fraser"],
        ),
        # (guard) A title's place is no person: "Montana Secretary of State Corey Stapleton said".
        (
            'Montana Native Vote sued. Montana Secretary of State Corey Stapleton said the law "is supported".',
            ["Corey Stapleton"],
        ),
        # (guard) A surname with its particle is still the full name: "De Blasio" is "Bill de Blasio".
        ('Mayor Bill de Blasio quit. "I am proud," De Blasio said.', ["Bill de Blasio"]),
        # (guard) "per ABC News" after the name is no role.
        ('"We would minimise the panic" said Russell Zimmerman per ABC News.', ["Russell Zimmerman"]),
        (
            "Professor John Eastman spoke. Eastman of Chapman University School of Natural Law writes that it "
            'is "moot".',
            ["John Eastman"],
        ),
        # A participle with its clause or a phrase of time; a second verb of the sentence's subject.
        ('President Ann Lee has yet to concede, saying earlier in the morning, "I won."', ["Ann Lee"]),
        ('Joe Biden rejected Ann Lee\'s suggestion, saying he would act as a "fact checker".', ["Joe Biden"]),
        ('Ann Lee cited Article 5 of the NATO treaty and said, "They need to stand by us".', ["Ann Lee"]),
        # "according to a tweet on Monday by X" after the quote.
        (
            '"The airline carries weapons," according to a tweet on Monday by Secretary of State Mike Pompeo.',
            ["Mike Pompeo"],
        ),
        ('Ann Lee spoke. Lee underlined they keep channels open and that she would be "very happy".', ["Ann Lee"]),
        # "with X calling the process "..."": the one named after "with".
        (
            'Republican Representatives attacked the inquiry, with Steve Scalise of Louisiana calling it "Soviet-style"'
            ' and Ross Spano of Florida calling the process "a coup".',
            ["Steve Scalise", "Ross Spano"],
        ),
        # An organisation's possessive before the person: the person.
        (
            'The Native American Rights Fund\'s Jacqueline De León said, "The law ignores reality."',
            ["Jacqueline De León"],
        ),
        # "X, Dean of a School of Law called it": X, never the school.
        (
            'Professor Ann Natural Law spoke. Erwin Chemerinsky, Dean of UC Berkeley School of Law called it "silly".',
            ["Erwin Chemerinsky"],
        ),
        # (guard) A title with "of" before the name: the name, with no apposition before it (dev).
        ('Member of Parliament (MP) Yvette Cooper of the Labour Party added, "It is dangerous."', ["Yvette Cooper"]),
        # A colon's sentence: not the owner of "Soleimani's lifepath", but the "he" who speaks.
        (
            "Qasem Soleimani was killed. Ayatollah Ali Khamenei mourned. In his message, he praised Soleimani's "
            'life: "He was a stellar example."',
            ["Ali Khamenei"],
        ),
        # A father is not his son: two first names written out differ.
        (
            'The ship MV Alan Kurdi was renamed. "This day is hard," said his father, Abdullah Kurdi.',
            ["Abdullah Kurdi"],
        ),
    ],
)
def test_new_attribution_rules(text: str, expected: list[str | None]) -> None:
    """Owned utterances, a second apposition, infinitive and opening-participle speech, a sentence of speech."""
    assert speakers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The name after a preposition is an object, not the verb's subject (a person "at" a place is that person:
        # tests/index/test_speakers_naming.py).
        ('Ann Lee spoke. The study published in the Journal of Preventive Medicine declared guns "a risk".', [None]),
        # A block quotation after "He ... sent to X:" is not X's: it is the sender's (fresh17).
        (
            'Sam Lee spoke. He provided the text of a message he sent to chairman Tom Becker:\n\n"Tell him."',
            ["Sam Lee"],
        ),
        # The sentence must open on the person for its late verb to be theirs.
        ('On the day Tom Becker left, the team won and said, "We are happy."', [None]),
        # Bulletins, heralds, funds, trusts, amendments: organisations and texts, no people.
        ('The pattern was described by Marine Bulletin as "rather hectic".', [None]),
        ('The 14th Amendment states: "all persons born here are citizens."', [None]),
        ('Ann Lee spoke. Facebook said it was "reviewing" the post.', [None]),
        # "The Atlantic claimed that ...": a word after "the" is no surname.
        ('The Atlantic claimed that the soldiers were called "losers" in 2018.', [None]),
        # A bare word's statement may be a company's ("Stardom's statement"): no one, unless a known person's.
        ('Kimura joined Ring Stardom in 2019. Stardom\'s statement read "we are sorry".', [None]),
        # The "he" of "the Quds Force" is no pronoun.
        ('Ann Lee spoke. The Guard Corps, which includes the Quds Force, declared that he was "martyred".', [None]),
        # The speaker of a "When X tweeted that ..., " clause is not the speaker of the main clause (fresh3).
        (
            "When Ann Lee tweeted that mail-in ballots would bring fraud, the site placed a label "
            '"fact checking" the tweet.',
            [None],
        ),
        ('Speaker Ann Lee spoke on Monday. She was asked by reporters whether the bill was "dead".', [None]),
        # "The Coast Guard" is an organisation, "Northern Ireland" a place (fresh3, heldout).
        ('The Coast Guard said that the crew was "at mass" then.', [None]),
        ('Wales made no rule. Northern Ireland has suggested people "think about" it.', [None]),
        # Only a sentence of speech hands its subject the next quote; doing something else does not.
        ('Tom Becker disagreed with the decision. "It is not."', [None]),
        # Another's mocking of "Lee's tweet" does not make Lee the speaker: only an utterance opening the sentence.
        ('Ann Lee was away. Tom Becker mocked Lee\'s tweet as "nonsense".', [None]),
    ],
)
def test_rules_keep_precision(text: str, expected: list[str | None]) -> None:
    """Where no rule should name anyone, none does: a wrong speaker is worse than none."""
    assert speakers(text) == expected


def test_place_words_are_not_people() -> None:
    assert not Mention(0, 1, ("Northern", "Ireland"), ()).person_like
    assert not Mention(0, 1, ("Coast", "Guard"), ()).person_like


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A name in apposition after an organisation's title: the person, not the organisation (fresh4).
        (
            "Speaking to the press, the president of the League for the Defence of Human Rights, Tom Becker, said, "
            '"We are for freedom."',
            ["Tom Becker"],
        ),
        ('The director of the Museum of Modern Art, Ann Lee, said "It is a loss."', ["Ann Lee"]),
        # After the verb: an organisation, its possessive and a role, then the person's name (fresh5).
        ('"He was brilliant," said University of Dale, Kent\'s chancellor, Ann Lee.', ["Ann Lee"]),
        # (guard) The organisation's person stays the speaker when no name is apposed.
        ('"It is over," said Acme Corp\'s chief, Tom Becker, on Monday.', ["Tom Becker"]),
        # Verbs of speech and of naming: exclaimed, talked of, referred to X as, introduced/professed oneself (fresh5).
        ('Ann Lee exclaimed, "I am speaking."', ["Ann Lee"]),
        ('Ann Lee talked of the "countless discoveries" of her team.', ["Ann Lee"]),
        ('Tom Becker referred to the hecklers as "chumps."', ["Tom Becker"]),
        ('Ann Lee introduced herself as "pro-life".', ["Ann Lee"]),
        ('Tom Becker professed himself "deeply concerned".', ["Tom Becker"]),
        # A second verb of the sentence's subject with its clause: "X said ..., and argued the nation needs" (fresh5).
        (
            'Ann Lee said she was tired of the questions politicians asked, and argued the nation needs "new leaders".',
            ["Ann Lee"],
        ),
        # An abbreviation ("U.S.", "Dr.") ends no sentence: "According to U.S. Attorney X, ...: " (fresh5).
        (
            'Tom Becker is the prosecutor. According to U.S. Attorney Becker, the note could help: "That is met."',
            ["Tom Becker"],
        ),
        ('According to Dr. Ann Lee, the drug is "safe".', ["Ann Lee"]),
    ],
)
def test_apposed_names_and_more_verbs(text: str, expected: list[str | None]) -> None:
    """Apposed names after organisations, more verbs of speech, a conjoined clause, abbreviations mid-sentence."""
    assert speakers(text) == expected


_FRAGMENTS = [
    "Ann Lee",
    "Tom Becker",
    " the president of the League for the Defence of Human Rights, ",
    ", ",
    " said",
    " exclaimed",
    " referred to them as ",
    " talked of ",
    ", and argued the plan is ",
    "According to U.S. Attorney ",
    "Dr. ",
    '"',
    "“",
    "”",
    ". ",
    "said University of Dale's chancellor, ",
    " introduced herself as ",
    "\n\n",
    "x",
]


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=14).map("".join))
def test_speakers_are_names_in_the_text(text: str) -> None:
    """Any mix of this round's constructs: quotations stay verbatim and every speaker is made of the text's words."""
    for q in attribute("a", text):
        assert text[q.start : q.end] == q.text
        assert q.speaker is None or all(word in text for word in q.speaker.split())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (guard) "X of Y and contributor to Z wrote": the "and" of a second role stays in the subject (fresh4).
        ('Ann Lee of Dale University and contributor to Slate wrote, "A country could do so."', ["Ann Lee"]),
        # (guard) A title's abbreviation inside an apposition after an organisation's possessive.
        (
            "The Institute of Allergy and Infectious Disease's director, Dr. Ann Lee, said of it, "
            '"It is going to get worse."',
            ["Ann Lee"],
        ),
        # "Battle of Belleau Wood and referred to": the "and" of a second verb ends the organisation's name.
        (
            'Tom Becker refused to visit the Battle of Belleau Wood and referred to the soldiers as "losers".',
            ["Tom Becker"],
        ),
        # Someone else's participle of speech before the quote: not the sentence's subject (fresh5).
        (
            "Ann Lee attacked the press for its bias, giving an example of the media falsely describing her as a "
            '"felon" before the primary.',
            [None],
        ),
        # A camel-case compound is a brand, not a surname (fresh5); prefixed surnames stay names.
        ('The move was met with what DailyNews called "fury" from local chiefs.', [None]),
        ('McConnell said "no".', ["McConnell"]),
        ('DeSantis said "yes".', ["DeSantis"]),
    ],
)
def test_second_verbs_brands_and_other_subjects(text: str, expected: list[str | None]) -> None:
    """A second verb ends an organisation's name; a brand or a participle's own subject is not the speaker."""
    assert speakers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An opening phrase of time or place before the subject of "X praised Y ... and said" (fresh6).
        (
            "Ann Lee endorsed Tom Becker. In a video message posted to Twitter, Lee commended Becker for his "
            'empathy towards US citizens and said she was "proud to endorse him."',
            ["Ann Lee"],
        ),
        # (guard) A person inside the opening phrase is not the subject after it.
        ('After meeting Ann Lee, Tom Reed praised her and said she was "a fine mayor".', ["Tom Reed"]),
        # (guard) An organisation after the opening phrase stays no one.
        ('In a statement, the ministry said it was "not concerned".', [None]),
        # A hyphen-joined Arabic article inside a name (fresh6).
        (
            'At the opening, AU chairperson President Abdel Fattah el-Sisi of Egypt said, "The success is real".',
            ["Abdel Fattah el-Sisi"],
        ),
        ('Syrian President Bashar al-Assad said "we will win".', ["Bashar al-Assad"]),
        # Where the subject speaks, unpunctuated, between the subject and the verb (fresh6).
        (
            "On Tuesday, Greek prime minister Kyriakos Mitsotakis speaking to the Atlantic Council think tank "
            'called the border agreement "null and void".',
            ["Kyriakos Mitsotakis"],
        ),
        # A pronoun closing the sentence after the words the quotation sits in (fresh6).
        (
            'Kyriakos Mitsotakis met reporters. The border issue is the "main difference" between Greece and '
            "Turkey, he added.",
            ["Kyriakos Mitsotakis"],
        ),
        # (guard) A closing clause about someone else's words is no speech verb of the pronoun's.
        ('Kyriakos Mitsotakis met reporters. The issue is a "main difference", he thinks, between them.', [None]),
    ],
)
def test_opening_phrases_joined_articles_and_closing_pronouns(text: str, expected: list[str | None]) -> None:
    """fresh6's misses, read after its one measurement: each case fails on the rules before them."""
    assert speakers(text) == expected


def test_a_joined_article_does_not_change_who_a_surname_is() -> None:
    assert same_person("Sisi", "Abdel Fattah el-Sisi") and same_person("al-Sisi", "el-Sisi")
    assert not same_person("Assad", "Abdel Fattah el-Sisi")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Mohr lauded Blankenship's "...": praise in words is speech, like "praised" (fresh7).
        (
            "William Mohr spoke about Ann Lee in June.  Mohr lauded Lee's \"ability to influence leaders around "
            'her" and claimed the nominee "has a backbone".',
            ["William Mohr", "William Mohr"],
        ),
        ('Ann Lee met Tom Becker.  Becker extolled the plan as "a new start".', ["Tom Becker"]),
        # (guard) A later subject and verb nearer the quote still wins.
        ('Ann Lee met Tom Becker.  Becker applauded as Lee said "we will win".', ["Ann Lee"]),
    ],
)
def test_praise_verbs(text: str, expected: list[str | None]) -> None:
    """fresh7's miss, read after its one measurement: fails on the rules before it (the guard passes on both)."""
    assert speakers(text) == expected
