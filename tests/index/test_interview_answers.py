"""An interviewee's answers as their words: which paragraphs count, and when the people search answers with them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.ann import AnnSettings
from index.build import ChunkSettings, build_index
from index.embed import Embedder
from index.people_search import PeopleSearch
from index.search import SearchConfig, Searcher
from index.speakers import INTERVIEW_ANSWER, interview_answers
from index.store import load_index

TELESCOPE = (
    "Astronomer Dana Whitfield spoke to Wikinews about the new telescope on the ridge.\n\n"
    "((WN)) What can the telescope see that others cannot?\n\n"
    "((Dana Whitfield)) The mirror is wide enough to resolve the faint dust rings around young stars nearby.\n\n"
    "It took our team six years to polish the mirror to the shape we needed.\n\n"
    "((WN)) Who paid for it?\n\n"
    "((Dana Whitfield)) Three universities shared the cost.\n\n"
    "Mostly it was public money, and the public will get to look through it on open nights.\n"
)
HARBOUR_INTERVIEW = (
    "Harbour master Omar Haddad spoke to Wikinews about the new ferry terminal.\n\n"
    "((WN)) When does the terminal open?\n\n"
    "((Omar Haddad)) The terminal opens in the spring once the last pontoons are fixed in place.\n"
)
HARBOUR_NEWS = (
    "The ferry terminal opened on Monday. Harbour master Omar Haddad said \"the ferries will now run every hour\"."
)


def test_answer_paragraphs_are_the_interviewees_words_verbatim() -> None:
    found = interview_answers("telescope", TELESCOPE)
    assert [q.text for q in found] == [
        "The mirror is wide enough to resolve the faint dust rings around young stars nearby.",
        "It took our team six years to polish the mirror to the shape we needed.",
        # "Three universities shared the cost." is too short to be found by a topic: left out.
        "Mostly it was public money, and the public will get to look through it on open nights.",
    ]
    assert all(TELESCOPE[q.start : q.end] == q.text and q.speaker == "Dana Whitfield" for q in found)
    assert {q.how for q in found} == {INTERVIEW_ANSWER}


@pytest.mark.parametrize(
    "text",
    [
        # Initials may be the interviewer's own, before every question, the answers untagged after them.
        "Reporter Will Sato met Dana Whitfield.\n\n((WS)) What did you find in the dust rings last year?\n\n"
        "We found water ice in every ring we looked at closely.\n",
        # "Name: " opens photo captions too.
        "Dana Whitfield spoke to us.\n\n((WN)) Hello?\n\nDana Whitfield: the telescope dome at night on the ridge.\n",
        # No interview at all.
        'Dana Whitfield said "the mirror is ready for its first light next week".\n',
    ],
)
def test_no_answers_without_a_full_name_tag(text: str) -> None:
    assert interview_answers("a", text) == []


_LINE = st.sampled_from(
    ["((WN)) What next for the project and its team?", "((Dana Whitfield)) We will build a second mirror soon.",
     "((DW)) Yes, and it will be even larger than the first.", "Dana Whitfield: a caption line here",
     "An untagged paragraph that goes on with the turn before it.", "Heading", "", "  "]
) | st.text(max_size=60)  # fmt: skip


@given(st.lists(_LINE, max_size=12))
def test_any_text_gives_verbatim_answers_outside_the_interviewers_turns(lines: list[str]) -> None:
    text = "Dana Whitfield spoke to Wikinews.\n\n" + "\n\n".join(lines)
    for q in interview_answers("a", text):
        assert text[q.start : q.end] == q.text and q.speaker and len(q.text.split()) >= 6
        line_start = text.rfind("\n", 0, q.start) + 1
        assert not text[line_start : q.start].lstrip().startswith("((WN))")


@pytest.fixture(scope="module")
def people(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> PeopleSearch:
    root = tmp_path_factory.mktemp("interviews")
    articles, index = root / "articles", root / "index"
    articles.mkdir()
    for name, title, body in [
        ("telescope.md", "Astronomer talks telescopes", TELESCOPE),
        ("harbour-interview.md", "Harbour master on the terminal", HARBOUR_INTERVIEW),
        ("harbour-news.md", "Ferry terminal opens", HARBOUR_NEWS),
    ]:
        (articles / name).write_text(f"---\ntitle: {title}\ndate: 2024-05-01\n---\n\n{body}", encoding="utf-8")
    build_index(articles, index, embedder, ChunkSettings(), AnnSettings(), progress=False)
    loaded = load_index(index, embedder.model_id, embedder.dimension, AnnSettings())
    return PeopleSearch(Searcher(loaded, embedder, SearchConfig(today=dt.date(2024, 6, 1))))


def test_someone_only_interviewed_is_answered_with_their_answers(people: PeopleSearch) -> None:
    """Not "not quoted in the archive": the interview's answer about the money comes first, in her name."""
    result = people.ask("What did Dana Whitfield say about who paid for the telescope?")
    assert result.kind == "speaker" and result.note is None and result.answers
    assert result.answers[0].speaker == "Dana Whitfield"
    assert "public money" in result.answers[0].quote


def test_a_quoted_persons_quotations_come_before_their_answers(people: PeopleSearch) -> None:
    """Omar Haddad is quoted in a news article: his question is answered with that quotation only."""
    result = people.ask("What did Omar Haddad say about the ferry terminal?")
    assert result.kind == "speaker" and result.answers
    assert [a.article_id for a in result.answers] == ["harbour-news"]
