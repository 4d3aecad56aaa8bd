"""Speaker attribution and name forms: each rule on a sentence of its own, and any text at all."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.names import Cast, NameIndex, fold, matching_names, same_person
from index.speakers import attribute

INTRO = "Prime Minister Jane Ortiz and opposition leader Tom Becker met on Monday. "


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in attribute("a", text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (INTRO + 'Ortiz said "we have a deal".', ["Jane Ortiz"]),
        (INTRO + '"We have a deal," said Becker.', ["Tom Becker"]),
        (INTRO + '"We have a deal," Jane Ortiz told reporters.', ["Jane Ortiz"]),
        (INTRO + 'According to Becker, the deal is "a disgrace".', ["Tom Becker"]),
        (INTRO + 'Becker wrote on Twitter: "No deal."', ["Tom Becker"]),
        (INTRO + '"No deal," tweeted Becker.', ["Tom Becker"]),
        (INTRO + 'Tom Becker: "No deal."', ["Tom Becker"]),
        (INTRO + 'Ortiz defended the plan. "It is fair," she said.', ["Jane Ortiz"]),
        (INTRO + '"It is fair," the prime minister said.', ["Jane Ortiz"]),
        (INTRO + 'Ortiz said "it is fair" and "it is final".', ["Jane Ortiz", "Jane Ortiz"]),
        (INTRO + '"It is fair," said Ortiz. "It is final."', ["Jane Ortiz", "Jane Ortiz"]),
        (INTRO + '"It is fair," said Ortiz. Becker disagreed. "It is not."', ["Jane Ortiz", None]),
        (INTRO + 'Officials said the plan was "on track".', [None]),
        (INTRO + 'The sign read "Becker out".', [None]),
        (INTRO + 'Becker called the plan "a disgrace" and Ortiz said "it is fair".', ["Tom Becker", "Jane Ortiz"]),
        (INTRO + 'Ortiz aide Tom Becker urged "patience". He said the deal was "fair".', ["Tom Becker", "Tom Becker"]),
        # A middle initial keeps the name whole, so the surname alone finds it again.
        (
            'Adviser John R. Bolton left. Bolton told it otherwise, also speaking via Twitter: "I offered to resign."',
            ["John R. Bolton"],
        ),
        (
            'Spokesman Yahya Sarea spoke on TV. According to him, people "inside the kingdom" helped.',
            ["Yahya Sarea"],
        ),
        # A possessive names whose partner speaks, not the speaker; nor is it another person between two quotes.
        (
            'The wrestler Jon Huber died. "Numb," writes Huber\'s partner Erick Rowan on Instagram. "A brother!"',
            ["Erick Rowan", "Erick Rowan"],
        ),
        ('The bill was drafted by Alex Greenwich who said on the floor, "It took decades".', ["Alex Greenwich"]),
        ('According to eyewitness Vinnie DeVita, "it exploded".', ["Vinnie DeVita"]),
        (INTRO + 'According to a statement from Ortiz\'s office, "the deal is done".', [None]),
        ('Once a guest, Ann Tipton recalls realizing "I am here to work".', ["Ann Tipton"]),
        ('Kelly Dittmar spoke. Dittmar went on to add, "We need parity."', ["Kelly Dittmar"]),
        ('According to Rutgers University political scholar Kelly Dittmar, "women hold few seats".', ["Kelly Dittmar"]),
        ('A Republican Assemblywoman, Jill Tolles, also commented on it: "There are not as many."', ["Jill Tolles"]),
        # "of London" is a place even when "London Underground" was named before.
        (
            "London Underground closed the line. The mayor of London, Sadiq Khan, sent condolences via Twitter, "
            'adding, "An enquiry is under way."',
            ["Sadiq Khan"],
        ),
        # "Another voice actor, Lauren Landa," gives her a role: "she" then means her, not the one quoted before.
        (
            'Alexis Tipton, an actor, spoke. "It grew," Tipton said. Another voice actor, Lauren Landa, would list '
            'dream roles. She got one. When she was cast, "I was speechless," she told an audience.',
            ["Alexis Tipton", "Lauren Landa"],
        ),
        # A title-only subject after the name's appositions is that person, not "the summary" after it.
        (
            "Colin Sutherland, Lord Carloway, the Lord President of the court decided, according to the summary, "
            '"that the advice was unlawful".',
            ["Colin Sutherland"],
        ),
    ],
)
def test_attribution_rules(text: str, expected: list[str | None]) -> None:
    """Named speakers before or after, according to, colons, pronouns, roles, continuations; no guessing."""
    assert speakers(text) == expected


def test_names_inside_quotes_are_never_speakers() -> None:
    """'"Becker is wrong," she said': Becker is quoted about, not speaking."""
    text = INTRO + 'Ortiz answered him. "Tom Becker is wrong," she said.'
    assert speakers(text) == ["Jane Ortiz"]


def test_cast_keeps_forms_of_one_person() -> None:
    """Full name, surname and title + surname are one person, shown by the fullest name."""
    cast = Cast()
    full = cast.add(("Boris", "Johnson"), ("prime", "minister"))
    assert cast.find("Johnson") is full and cast.find("Boris Johnson") is full
    assert cast.by_role("minister") is full and cast.by_role("prime minister") is full
    assert cast.find("Corbyn") is None


def test_cast_takes_one_article_s_misspelt_surname_for_its_person() -> None:
    """'Yahya Sarea ... Saree said': one letter off a known surname of five letters or more is that person, unless
    the surname is short, differs in length or first letter, or could be either of two people."""
    cast = Cast()
    sarea = cast.add(("Yahya", "Sarea"))
    assert cast.find("Saree") is sarea and cast.find("Saera") is sarea
    assert cast.find("Sarah") is None and cast.find("Sareaa") is None and cast.find("Barea") is None
    cast.add(("Tom", "Lee"))
    assert cast.find("Lea") is None
    cast.add(("Ann", "Sares"))
    assert cast.find("Saree") is None
    text = 'Spokesman Yahya Sarea spoke. "We warn them," Saree said. "We will strike," he added.'
    assert speakers(text) == ["Yahya Sarea", "Yahya Sarea"]


@pytest.mark.parametrize(
    ("asked", "speaker", "same"),
    [
        ("Zelensky", "Volodymyr Zelenskyy", True),
        ("Volodymyr Zelenskiy", "Volodymyr Zelensky", True),
        ("President Zelensky", "Volodymyr Zelenskyy", True),
        ("Boris Johnson", "Andrew Johnson", False),
        ("Łukasz Szumowski", "Lukasz Szumowski", True),
        ("Johnson", "Boris Johnson", True),
        ("Pelosi", "Nancy Pelosi's", True),
        ("Biden", "Bernie Sanders", False),
    ],
)
def test_same_person_across_spellings(asked: str, speaker: str, same: bool) -> None:
    """Spelling variants, accents, titles and surnames match; a different first initial does not."""
    assert same_person(asked, speaker) is same


_NAME_WORDS = ["Zelensky", "Zelenskyy", "Zelenskiy", "Volodymyr", "V.", "Ann", "Anna", "Lee", "Dr.", "President",
               "Jr.", "al-Assad", "Assad", "Bashar", "Łukasz", "Lukasz", "O'Brien", "", "’s"]
_NAMES = st.lists(st.sampled_from(_NAME_WORDS), max_size=4).map(" ".join)


@given(st.lists(_NAMES, max_size=30), _NAMES)
def test_name_index_matches_every_name_a_scan_does(names: list[str], person: str) -> None:
    """Bucketing by folded surname finds exactly the names a scan finds, in the same order."""
    assert NameIndex(names).matching(person) == matching_names(person, names)


def test_fold_spelling_variants() -> None:
    """Doubled letters and -iy endings fold away."""
    assert fold("Zelenskyy") == fold("Zelenskiy") == fold("Zelensky")


@given(st.lists(st.sampled_from(list('Ab Cd "“”.,:\n') + ["he said", "said Ann Lee", "\n\n"])).map("".join) | st.text())
def test_any_text_is_attributed_verbatim(text: str) -> None:
    """Any text: no exception, each quotation is the text at its offsets, speakers are names or None."""
    for q in attribute("a", text):
        assert 0 <= q.start <= q.end <= len(text) and text[q.start : q.end] == q.text
        assert q.speaker is None or q.speaker.strip()
