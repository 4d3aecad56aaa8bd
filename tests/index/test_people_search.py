"""Speaker, byline and timeline questions over a small real index (real model, real FAISS)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from index.ann import AnnSettings
from index.build import ChunkSettings, build_index
from index.embed import Embedder
from index.models import SearchResult
from index.people_search import PeopleSearch
from index.search import PairScorer, SearchConfig, Searcher
from index.speakers import attribute
from index.store import load_contents, load_index

ARTICLES = {
    "bridge-closes.md": (
        "Bridge to close for repairs", "2024-03-01", "Maria Lopez",
        "Mayor Ann Lee announced on Friday that the Elm Street bridge will close next week. "
        "\"The bridge will close for repairs until the cracks are fixed,\" Lee said.\n\n"
        "Engineer Tom Reed inspected the span. \"The cracks in the bridge deck are serious,\" he told reporters.",
    ),
    "bridge-repairs.md": (
        "Crews begin bridge repairs", "2024-03-05", "Maria Lopez",
        "Repair crews arrived at the Elm Street bridge on Tuesday. \"Crews started replacing the bridge deck this "
        "morning,\" Reed said. Lee said the repairs would cost \"about two million dollars\".",
    ),
    "bridge-reopens.md": (
        "Elm Street bridge reopens", "2024-03-12", "Sam Park",
        "The Elm Street bridge reopened to traffic on Tuesday after a week of repairs. "
        "\"The bridge is safer than ever and open to everyone,\" the mayor said.",
    ),
    "library-budget.md": (
        "Council votes on library budget", "2024-02-10", "Sam Park",
        "The city council voted on the library budget on Monday. Mayor Ann Lee said \"the library budget is a "
        "priority for this city and its readers\". Councillor Olek Zelensky said \"new books matter more than new "
        "buildings\".",
    ),
    "harbour-festival.md": (
        "Harbour festival draws crowds", "2024-01-15", None,
        "Thousands visited the harbour festival on Saturday. Councillor Olek Zelenskyy said \"the festival brings "
        "tourists and money to the harbour every winter\".",
    ),
}


def write_articles(folder: Path) -> None:
    folder.mkdir()
    for name, (title, date, author, body) in ARTICLES.items():
        byline = f"author: {author}\n" if author else ""
        (folder / name).write_text(f"---\ntitle: {title}\ndate: {date}\n{byline}---\n\n{body}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> tuple[PeopleSearch, Path]:
    root = tmp_path_factory.mktemp("people")
    articles, index = root / "articles", root / "index"
    write_articles(articles)
    build_index(articles, index, embedder, ChunkSettings(), AnnSettings(), progress=False)
    loaded = load_index(index, embedder.model_id, embedder.dimension, AnnSettings())
    searcher = Searcher(loaded, embedder, SearchConfig(today=dt.date(2024, 4, 1)))
    return PeopleSearch(searcher), articles


def assert_verbatim(result: SearchResult, articles: Path) -> None:
    for answer in result.answers:
        assert (articles / answer.path).read_text(encoding="utf-8")[answer.start : answer.end] == answer.quote


def test_what_did_x_say_about_y(archive: tuple[PeopleSearch, Path]) -> None:
    """Only the mayor's own quoted words, about the bridge, each labelled with her name."""
    people, articles = archive
    result = people.ask("What did Ann Lee say about the bridge repairs?")
    assert result.kind == "speaker" and result.note is None and result.answers
    assert all(a.speaker == "Ann Lee" for a in result.answers)
    assert "bridge" in result.answers[0].quote and "library" not in result.answers[0].quote
    assert_verbatim(result, articles)
    assert result.to_json()["answers"][0]["speaker"] == "Ann Lee"


def test_never_quoted_on_topic_offers_own_closest_quotes(archive: tuple[PeopleSearch, Path]) -> None:
    """Reed never spoke of the library: the answer says so and shows only Reed's words."""
    people, _ = archive
    result = people.ask("What did Tom Reed say about the library budget?")
    assert result.note is not None and "Tom Reed" in result.note
    assert result.answers and all(a.speaker == "Tom Reed" for a in result.answers)


def test_speaker_dates_from_the_question_widen_when_none_match(archive: tuple[PeopleSearch, Path]) -> None:
    """'... in 2023': Ann Lee was quoted only in 2024, so all her quotes are searched and the answer says so,
    as the topic search does; explicit dates (since=) never widen."""
    people, _ = archive
    result = people.ask("What did Ann Lee say about the bridge in 2023?")
    assert result.answers and all(a.speaker == "Ann Lee" for a in result.answers)
    assert result.widened_from is not None and "all articles were searched" in (result.scope() or "")
    in_2023 = {"since": dt.date(2023, 1, 1), "until": dt.date(2023, 12, 31)}
    narrowed = people.ask("What did Ann Lee say about the bridge?", **in_2023)
    assert not narrowed.answers and narrowed.widened_from is None


def test_unknown_person_gets_no_one_elses_words(archive: tuple[PeopleSearch, Path]) -> None:
    """A person the archive never quotes: no answer, and a note saying so."""
    people, _ = archive
    result = people.ask("What did Priya Natarajan say about the bridge?")
    assert result.no_answer and not result.answers and "not quoted" in (result.note or "")


def test_quotes_of_person_newest_first_across_spellings(archive: tuple[PeopleSearch, Path]) -> None:
    """Zelensky and Zelenskyy are one speaker; the list runs newest first."""
    people, _ = archive
    result = people.quotes_of("Zelenskyy")
    assert [a.date for a in result.answers] == [dt.date(2024, 2, 10), dt.date(2024, 1, 15)]
    lee = people.quotes_of("Lee").answers
    assert len(lee) >= 3 and [a.date for a in lee] == sorted((a.date for a in lee), reverse=True)


def test_pronoun_and_surname_quotes_are_attributed(archive: tuple[PeopleSearch, Path]) -> None:
    """'he told reporters' is Reed; a bare 'Reed said' elsewhere is shown with the full name the archive uses."""
    people, _ = archive
    assert people.speaker_of("bridge-closes", *_span_of(people, "The cracks in the bridge")) == "Tom Reed"
    assert people.speaker_of("bridge-repairs", *_span_of(people, "Crews started")) == "Tom Reed"


def test_author_question_and_filter(archive: tuple[PeopleSearch, Path]) -> None:
    """'What did Maria Lopez write about' and author= both keep to that byline."""
    people, _ = archive
    wrote = people.ask("What did Maria Lopez write about the bridge?")
    assert wrote.kind == "author" and wrote.answers
    assert {a.article_id for a in wrote.answers} <= {"bridge-closes", "bridge-repairs"}
    filtered = people.ask("library budget", author="Sam Park")
    assert filtered.answers and {a.article_id for a in filtered.answers} <= {"bridge-reopens", "library-budget"}
    assert people.ask("bridge", author="Nobody Known").note == "No article in the archive is by Nobody Known."


def test_timeline_one_passage_per_article_in_date_order(archive: tuple[PeopleSearch, Path]) -> None:
    """How the bridge story unfolded: each bridge article once, oldest first, with dates."""
    people, articles = archive
    result = people.ask("How did the Elm Street bridge closure unfold?")
    assert result.kind == "timeline"
    ids = [a.article_id for a in result.answers]
    assert len(ids) == len(set(ids))
    assert {"bridge-closes", "bridge-repairs", "bridge-reopens"} <= set(ids)
    dates = [a.date for a in result.answers]
    assert dates == sorted(dates)
    assert people.ask("Elm Street bridge", timeline=True).kind == "timeline"
    assert_verbatim(result, articles)


def test_topic_answers_carry_speaker_or_null(archive: tuple[PeopleSearch, Path]) -> None:
    """An ordinary question: every answer in the JSON has `speaker`, a name for quoted words, else null."""
    people, _ = archive
    result = people.ask("How many people visited the harbour festival?")
    rows = result.to_json()["answers"]
    assert rows and all("speaker" in r for r in rows)
    assert rows[0]["speaker"] is None
    assert people.speaker_of("harbour-festival", *_span_of(people, "the festival brings")) == "Olek Zelenskyy"


def test_quotations_stored_with_the_generation(archive: tuple[PeopleSearch, Path]) -> None:
    """The index's quotations.jsonl round-trips exactly what attribution finds in the articles."""
    people, articles = archive
    stored = load_contents(people.searcher.index.path.parent.parent).quotations
    expected = []
    for path in sorted(articles.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        body = text.index("---\n\n", 4) + 5
        expected += [(path.stem, q.start, q.text, q.speaker) for q in attribute(path.stem, text, body)]
    assert sorted((q.article_id, q.start, q.text, q.speaker) for q in stored) == sorted(expected)


def _span_of(people: PeopleSearch, words: str) -> tuple[int, int]:
    quote = next(q for q in people.searcher.index.contents.quotations if q.text.startswith(words))
    return quote.start, quote.end


def test_loose_person_question_keeps_the_persons_words_first_then_the_story(
    archive: tuple[PeopleSearch, Path],
) -> None:
    """'What did X announce ...' quotes X first and still shows the narration that answers it, and only what
    names X: the engineer's words about the bridge answer nothing asked of the mayor."""
    people, articles = archive
    question = "What did Ann Lee announce about the bridge?"
    result = people.ask(question, top_k=8)
    assert result.answers[0].speaker == "Ann Lee"
    assert any("announced on Friday" in a.quote for a in result.answers), [a.quote for a in result.answers]
    assert all(a.speaker == "Ann Lee" or "Lee" in a.quote for a in result.answers), [a.quote for a in result.answers]
    # The topic search alone does show the engineer's passage.
    assert any("Lee" not in a.quote for a in people.searcher.ask(question, top_k=8).answers)
    assert_verbatim(result, articles)


COST_QUESTION = "How much did Ann Lee say the bridge repairs would cost?"


class Spy:
    """The shipped cross-encoder, recording what it is asked to read."""

    def __init__(self, scorer: PairScorer) -> None:
        self.scorer = scorer
        self.read: list[tuple[str, list[str]]] = []

    def scores(self, question: str, passages: Sequence[str]) -> np.ndarray:
        self.read.append((question, list(passages)))
        return self.scorer.scores(question, passages)


def words_of_quotes_only(people: PeopleSearch) -> PeopleSearch:
    """The people search without the passage's words in the order (passage_term_weight 0)."""
    return PeopleSearch(people.searcher, replace(people.config, passage_term_weight=0.0), people.cross_encoder)


def test_the_passage_around_a_short_quote_orders_it(archive: tuple[PeopleSearch, Path]) -> None:
    """'about two million dollars' shares no word with the question; the passage holding it says 'the repairs
    would cost', so the topic's rare words there put her price first, with no second stage."""
    people, _ = archive
    first_stage = replace(people.config, cross_encoder=False)
    plain = PeopleSearch(people.searcher, replace(first_stage, passage_term_weight=0.0)).ask(COST_QUESTION).answers
    assert plain[0].quote.startswith("The bridge will close for repairs")
    around = PeopleSearch(people.searcher, first_stage).ask(COST_QUESTION)
    assert around.answers[0].quote == "about two million dollars" and around.answers[0].speaker == "Ann Lee"
    # The words around a quote order X's quotes; they never make X on-topic: the scores are the same.
    assert {a.quote: a.score for a in around.answers} == pytest.approx({a.quote: a.score for a in plain})
    library = PeopleSearch(people.searcher, first_stage).ask("What did Tom Reed say about the library budget?")
    assert library.note is not None and "Tom Reed" in library.note


def test_cross_encoder_moves_the_quote_that_answers_first(archive: tuple[PeopleSearch, Path]) -> None:
    """Without the passage's words, the first stage puts Lee's closure quote first (it shares 'bridge' and
    'repairs'); the cross-encoder, reading the short quote with its passage ('the repairs would cost'), puts her
    price first."""
    people, articles = archive
    people = words_of_quotes_only(people)
    assert people.cross_encoder is not None  # on by default
    first_stage = PeopleSearch(people.searcher, replace(people.config, cross_encoder=False))
    assert first_stage.cross_encoder is None
    before = first_stage.ask(COST_QUESTION).answers
    assert before[0].quote.startswith("The bridge will close for repairs")
    after = people.ask(COST_QUESTION)
    assert after.answers[0].quote == "about two million dollars" and after.answers[0].speaker == "Ann Lee"
    assert after.note is None
    # Only the order changes: each quote keeps its first-stage score.
    scores = {a.quote: a.score for a in before}
    assert all(a.score == pytest.approx(scores[a.quote]) for a in after.answers if a.quote in scores)
    assert after.answers[0].score < after.answers[1].score
    assert_verbatim(after, articles)


def test_cross_encoder_reads_the_first_quotes_short_ones_within_their_passage(
    archive: tuple[PeopleSearch, Path],
) -> None:
    people, _ = archive
    assert people.cross_encoder is not None
    spy = Spy(people.cross_encoder)
    two = PeopleSearch(people.searcher, replace(people.config, cross_encoder_depth=2), cross_encoder=spy)
    two.ask(COST_QUESTION)
    [(question, texts)] = spy.read
    assert question == COST_QUESTION and len(texts) == 2
    # 4 words: read with the sentence around it, under the article's title.
    assert any(t.startswith("Crews begin bridge repairs: ") and "the repairs would cost" in t for t in texts), texts
    # A quotation of cross_encoder_context_words words or more is read alone.
    library = "Council votes on library budget: the library budget is a priority for this city and its readers"
    for words, alone in ((12, True), (13, False)):
        spy.read.clear()
        config = replace(people.config, cross_encoder_depth=3, cross_encoder_context_words=words)
        PeopleSearch(people.searcher, config, cross_encoder=spy).ask("What did Ann Lee say about the library?")
        [(_, texts)] = spy.read
        assert (library in texts) is alone, texts
        assert any("the library budget is a priority" in t for t in texts)


def test_cross_encoder_off_or_with_no_weight_keeps_the_first_stage_order(archive: tuple[PeopleSearch, Path]) -> None:
    people = words_of_quotes_only(archive[0])
    assert people.cross_encoder is not None
    spy = Spy(people.cross_encoder)
    weightless = PeopleSearch(people.searcher, replace(people.config, cross_encoder_weight=0.0), cross_encoder=spy)
    assert weightless.ask(COST_QUESTION).answers[0].quote.startswith("The bridge will close for repairs")
    off = PeopleSearch(people.searcher, replace(people.config, cross_encoder=False), cross_encoder=spy)
    spy.read.clear()
    off.ask(COST_QUESTION)
    assert off.cross_encoder is None and spy.read == []


def test_a_question_typed_in_lower_case_finds_the_person(archive: tuple[PeopleSearch, Path]) -> None:
    """'what did ann lee say about ...' is Ann Lee's words, as typed with capitals; a lower-case subject that no
    quoted name holds stays a topic question."""
    people, _ = archive
    typed = people.ask("What did Ann Lee say about the bridge repairs?")
    lower = people.ask("what did ann lee say about the bridge repairs")
    assert lower.kind == typed.kind == "speaker"
    assert [(a.article_id, a.start, a.speaker) for a in lower.answers] == [
        (a.article_id, a.start, a.speaker) for a in typed.answers
    ]
    assert people.ask("how did visitors rate the harbour festival").kind == "topic"


def test_a_question_no_rule_reads_asking_a_quoted_persons_words_is_theirs(archive: tuple[PeopleSearch, Path]) -> None:
    """'Did Ann Lee ever talk about ...' has no rule, but asks for the words of someone the archive quotes; naming
    her without asking for words is a topic question."""
    people, _ = archive
    result = people.ask("Did Ann Lee ever talk about the library budget?")
    assert result.kind == "speaker" and result.answers
    assert result.answers[0].speaker == "Ann Lee"
    assert "library budget is a priority" in result.answers[0].quote
    assert people.ask("When did Ann Lee open the harbour festival?").kind == "topic"


def test_a_person_asked_by_given_name_title_or_with_a_heading(archive: tuple[PeopleSearch, Path]) -> None:
    """'what did ann say', 'Cllr. Zelensky' and 'Elm Street: what did Reed say' are those speakers' words: a given name
    one speaker has, a title the news spells out, and a heading the parser first takes for a person."""
    people, _ = archive
    first = people.ask("what did ann say about the library budget")
    assert first.kind == "speaker" and first.answers[0].speaker == "Ann Lee"
    assert "library budget is a priority" in first.answers[0].quote
    both = people.ask("What did Olek say about the harbour festival?")
    assert both.kind == "speaker" and both.answers[0].speaker in ("Olek Zelensky", "Olek Zelenskyy")
    titled = people.ask("What did Sgt. Reed say about the bridge deck?")
    assert titled.kind == "speaker" and titled.answers[0].speaker == "Tom Reed"
    # A given name is read only as all that is written: "Tom" of "Tom Hanks" is not Tom Reed.
    assert people.ask("Tom Hanks published his theories on bridges in what year?").kind == "topic"
    assert people.ask("By whom did Uncle Tom say the bridge was built?").kind == "topic"
    # A surname is read before a given name: Reed is asked here, not Ann.
    owned = people.ask("Ann's opinion aside, what did Reed say about the cracks?")
    assert owned.kind == "speaker" and owned.answers[0].speaker == "Tom Reed"
    headed = people.ask("Elm Street: what did Reed say about the cracks?")
    assert headed.kind == "speaker" and headed.answers[0].speaker == "Tom Reed"
    assert "cracks in the bridge deck are serious" in headed.answers[0].quote
    # A heading that is no rule's person: the question after it is read ("Check:" is no one).
    checked = people.ask("Check: Reed's line on the cracks in the deck")
    assert checked.kind == "speaker" and checked.answers[0].speaker == "Tom Reed"
    assert "cracks in the bridge deck are serious" in checked.answers[0].quote


def test_a_person_asked_by_office_is_the_one_the_archive_introduces_so(archive: tuple[PeopleSearch, Path]) -> None:
    """'the engineer' is Tom Reed, whom the archive introduces as "Engineer Tom Reed"; an office no one quoted holds
    is a topic question."""
    people, _ = archive
    engineer = people.ask("What did the engineer say about the cracks in the deck?")
    assert engineer.kind == "speaker" and engineer.person == "Tom Reed"
    assert engineer.answers[0].speaker == "Tom Reed" and "cracks in the bridge deck" in engineer.answers[0].quote
    mayor = people.ask("What did the city's mayor say about the library budget?")
    assert mayor.answers[0].speaker == "Ann Lee" and "library budget is a priority" in mayor.answers[0].quote
    assert people.ask("What did the sheriff say about the harbour festival?").kind == "topic"
    # "according to" an office asks what its holder told.
    according = people.ask("How serious are the cracks in the deck, according to the engineer?")
    assert according.kind == "speaker" and according.answers[0].speaker == "Tom Reed"
    assert people.ask("How serious are the cracks in the deck, according to the report?").kind == "topic"
    # A fragment opening on the office reads as "X on Y" does.
    fragment = people.ask("The engineer on the cracks in the bridge deck")
    assert fragment.kind == "speaker" and fragment.answers[0].speaker == "Tom Reed"
    assert people.ask("The bridge on the river").kind == "topic"
    # An office before a name is that person's title: an engineer the archive does not quote is not Tom Reed.
    assert people.ask("Did engineer Bob Smith ever describe the cracks in the deck?").kind == "topic"


def test_a_topic_answer_shows_the_words_of_someone_the_question_names(archive: tuple[PeopleSearch, Path]) -> None:
    """No rule reads these as questions about Reed's words, and the topic search's first passage holds his quote:
    asked for words, the first answer narrows to that quote and names him; asked for a fact, or for no one's
    words, it stays the passage, narration and all."""
    people, articles = archive
    asked = people.ask("What was described as serious about the bridge deck when Reed inspected the span?")
    assert asked.kind == "topic"
    first = asked.answers[0]
    assert (first.speaker, first.quote) == ("Tom Reed", "The cracks in the bridge deck are serious,")
    assert_verbatim(asked, articles)
    for question in (
        "When was the bridge deck described as serious by Reed?",
        "What was serious about the bridge deck when Reed inspected the span?",
    ):
        first = people.ask(question).answers[0]
        assert first.speaker is None and first.quote.startswith("Engineer Tom Reed inspected the span.")
