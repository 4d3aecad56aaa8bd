"""Offices named in questions, and the words articles write around the people they quote."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.names import fold
from index.roles import ROLE_HEADS, descriptions, role_in


@pytest.mark.parametrize(
    ("question", "head", "qualifiers", "span"),
    [
        ("Polish interior minister's message to the families?", "minister", {"polish", "interior"},
         "Polish interior minister's"),
        ("How did Iraq's acting prime minister describe the strike?", "minister", {"iraq", "acting", "prime"},
         "Iraq's acting prime minister"),
        ("What warning did the Azores regional president give?", "president", {"azores", "regional"},
         "Azores regional president"),
        ("What did the president of the Azores say?", "president", {"azores"}, "president of the Azores"),
        ("What did the Trump campaign spokesman say?", "spokesperson", {"trump", "campaign"},
         "Trump campaign spokesman"),
        ("How did Montana's secretary of state defend the law?", "secretary", {"montana", "state"},
         "Montana's secretary of state"),
        ("What did the councillor say about the budget?", "councilor", set(), "councillor"),
        ("When he met Trump, what did the Greek PM say?", "minister", {"grek"}, "Greek PM"),
        ("the argentine prez on the abortion bill", "president", {"argentine"}, "argentine prez"),
    ],
)  # fmt: skip
def test_an_office_and_the_words_narrowing_it(question: str, head: str, qualifiers: set[str], span: str) -> None:
    role = role_in(question)
    assert role is not None
    assert (role.head, role.qualifiers, question[role.start : role.end]) == (head, qualifiers, span)


@pytest.mark.parametrize(
    "question",
    ["Who speaks for the Trump campaign?", "When did the bridge reopen?", "", "What do historians claim he sought?"],
)
def test_no_office_no_role(question: str) -> None:
    assert role_in(question) is None


def test_an_article_introduces_a_person_before_the_name_or_in_an_apposition() -> None:
    text = (
        '"The situation will worsen", said Vasco Cordeiro, the regional president, as the storm bore down. '
        "Interior Minister Joachim Brudziński wrote to the families. Mayor Ann Lee and engineer Tom Reed met."
    )
    assert {"regional", "president"} <= descriptions(text, "Cordeiro")
    assert {"interior", "minister"} <= descriptions(text, "Brudziński")
    # Another person's office before "and" is not Reed's.
    assert "mayor" not in descriptions(text, "Reed") and "enginer" in descriptions(text, "Reed")
    assert descriptions(text, "Nobody") == set()
    # An initial ends no clause, an office's "of" is part of it, and a spokeswoman is a spokesperson.
    assert {"chief", "justice"} <= descriptions('"We are saddened," wrote Chief Justice John G. Roberts.', "Roberts")
    assert {"secretary", "state", "montana"} <= descriptions("Montana Secretary of State Corey Stapleton", "Stapleton")
    assert "spokesperson" in descriptions("police spokeswoman Ann Lee said", "Lee")
    # An office before a name set off by commas ("Merkel's spokesperson, Steffen Seibert, said"), not before a name
    # that opens a clause of its own.
    apposed = "German Chancellor Angela Merkel's spokesperson, Steffen Seibert, said it is possible."
    assert {"merkel", "spokesperson"} <= descriptions(apposed, "Seibert")
    assert "spokesperson" not in descriptions("The spokesperson resigned, Steffen Seibert said.", "Seibert")
    # An apposition that ends on an office: "Ricardo Rosselló Nevares, Puerto Rico's governor, announced".
    rossello = "Ricardo Rosselló Nevares, Puerto Rico's governor, announced his resignation."
    assert {"puerto", "rico", "governor"} <= descriptions(rossello, "Nevares")
    # Words before a name that end on no office describe someone else.
    assert descriptions("Judge Ann Smith ordered the release of Trump's tax returns.", "Trump") == set()
    assert descriptions("Critics of Trump, the senators said, were loud.", "Trump") == set()


@given(st.text(max_size=120))
def test_a_role_is_a_span_of_the_question_around_an_office(question: str) -> None:
    role = role_in(question)
    if role is not None:
        assert 0 <= role.start < role.end <= len(question)
        assert role.head in ROLE_HEADS
        assert role.head in fold(question[role.start : role.end]) or role.head in question.lower()


@given(st.text(max_size=200), st.text(alphabet="ABCDEFGHabcdefgh", min_size=1, max_size=8))
def test_descriptions_are_words_of_the_text(text: str, surname: str) -> None:
    words = {fold(w) for w in text.replace("'", " ").replace("’", " ").split()}
    for word in descriptions(text, surname):
        assert any(word in w for w in words)
