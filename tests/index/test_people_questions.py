"""Parsing questions about people and stories: the forms readers use, and any text at all."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.people_questions import PeopleQuestion, parse_people_question


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What did Boris Johnson say about the Brexit deadline?", ("said", "Boris Johnson", "the Brexit deadline")),
        ("What has Nancy Pelosi said about impeachment", ("said", "Nancy Pelosi", "impeachment")),
        ("Carrie Lam's comments on the extradition bill", ("said", "Carrie Lam", "the extradition bill")),
        ("How did Pompeo respond to the drone attacks?", ("said", "Pompeo", "the drone attacks")),
        ("Sturgeon on face coverings", ("said", "Sturgeon", "face coverings")),
        ("What did Trump say?", ("said", "Trump", "")),
        ("Whom did Sadiq Khan thank after the Streatham attack?", ("said", "Sadiq Khan", "after the Streatham attack")),
        ("What did Jane Doe write about the bridge?", ("wrote", "Jane Doe", "the bridge")),
        # A surname that starts like a verb ("Call-amard", "Tell-er") is still part of the name.
        ("What did Agnès Callamard say about justice?", ("said", "Agnès Callamard", "justice")),
        ("What did Edward Teller tell reporters?", ("said", "Edward Teller", "reporters")),
        ("What did Sara Seager advise astronomers?", ("said", "Sara Seager", "astronomers")),
        # Speech acts beyond "say": apologising, conceding, defending (fresh3: "How did Biden apologise ...").
        ("How did Joe Biden apologise after the interview?", ("said", "Joe Biden", "after the interview")),
        ("How did Ann Lee defend the budget?", ("said", "Ann Lee", "the budget")),
        ("How did the Hong Kong protests unfold?", ("timeline", None, "Hong Kong protests")),
        ("Timeline of the Brexit saga", ("timeline", None, "Brexit saga")),
    ],
)
def test_people_questions(question: str, expected: tuple[str, str | None, str]) -> None:
    """Each form gives its kind, person and topic."""
    parsed = parse_people_question(question)
    assert parsed is not None and (parsed.kind, parsed.person, parsed.topic) == expected


@pytest.mark.parametrize(
    "question",
    ["Who won the election?", "What did the report say about climate?", "What did he say about it?",
     "attack on the harbour", "When did the war start?"],
)  # fmt: skip
def test_topic_questions_are_not_about_people(question: str) -> None:
    """Ordinary questions, pronouns and lower-case "x on y" are left to topic search."""
    assert parse_people_question(question) is None


def test_x_on_y_is_loose() -> None:
    """'X on Y' only means a person when the archive quotes X: the parser marks it loose."""
    parsed = parse_people_question("Attack on Pearl Harbor")
    assert parsed == PeopleQuestion("said", "Attack", "Pearl Harbor", loose=True)


@given(st.lists(st.sampled_from(["What did ", "How did ", "Ann Lee", " say ", "about ", "on ", "'s comments ", "?",
                                 "unfold", "timeline of ", " ", "x"])).map("".join) | st.text())  # fmt: skip
def test_any_question_parses_to_parts_of_itself(question: str) -> None:
    """Any text: no exception; the person and topic found are words of the question itself."""
    parsed = parse_people_question(question)
    if parsed is not None:
        assert parsed.person is None or parsed.person in question
        assert all(word in question for word in parsed.topic.split())
