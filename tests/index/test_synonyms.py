"""Word families BM25 searches together: "speaks for" finds "spokesman"."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from index.lexical import LexicalIndex, tokenize
from index.synonyms import expand, expansions


def test_speaks_reaches_spokesman_and_died_reaches_death() -> None:
    table = expansions(tokenize)
    assert "spokesman" in expand(tokenize(["Who speaks for the campaign?"])[0], table)
    assert "death" in expand(tokenize(["When he died"])[0], table)


def test_expanded_bm25_finds_the_spokesman_passage() -> None:
    index = LexicalIndex.build(["Campaign spokesman Steven Cheung said no.", "The campaign held a rally."])
    plain = index.scores("Who speaks for the campaign?")
    expanded = index.scores("Who speaks for the campaign?", expand=True)
    assert plain[0] <= plain[1]
    assert expanded[0] > expanded[1]


@given(st.lists(st.text(max_size=12), max_size=8))
def test_expand_keeps_terms_first_and_adds_no_duplicates(terms: list[str]) -> None:
    table = expansions(tokenize)
    out = expand(terms, table)
    assert out[: len(terms)] == terms
    assert len(set(out[len(terms) :])) == len(out) - len(terms)
    assert not set(out[len(terms) :]) & set(terms)
