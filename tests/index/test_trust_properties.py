"""Property-based tests of everything newsbot reads from outside: article files, their names, questions (issue 9)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.service import AnswerService
from index.ann import AnnSettings
from index.articles import SUFFIXES, load_articles
from index.build import ChunkSettings, build_index
from index.embed import Embedder
from index.errors import QuestionError
from index.passages import chunk_article
from index.questions import decode_question
from tests.conftest import SEEDS, make_settings

# File names as the file system holds them: any bytes but "/" and NUL, not "." or "..".
names = st.binary(min_size=1, max_size=24).filter(lambda b: not {b"/", b"\x00"} & {b[i : i + 1] for i in range(len(b))})
names = names.filter(lambda b: b not in {b".", b".."})
suffixes = st.sampled_from([b".txt", b".md", b".MD", b""])
# Contents: arbitrary bytes, and bytes that look like articles (headers, front matter, odd text).
article_like = st.builds(
    lambda head, body: (head + body).encode("utf-8", "surrogatepass"),
    st.sampled_from(["", "date 2024-01-02\n", "date 2023-02-29\n", "---\ntitle: x\ndate: 2024-01-02\n---\n", "---\n"]),
    st.text(max_size=400),
)
contents = st.one_of(st.binary(max_size=400), article_like)
files = st.lists(st.tuples(names, suffixes, contents), min_size=1, max_size=6, unique_by=lambda f: f[0] + f[1])


def _is_article_name(name: bytes) -> bool:
    return Path(os.fsdecode(name)).suffix.lower() in SUFFIXES and not name.startswith(b".")


def _write(folder: Path, entries: list[tuple[bytes, bytes, bytes]]) -> None:
    for name, suffix, data in entries:
        with open(os.path.join(os.fsencode(folder), name + suffix), "wb") as handle:
            handle.write(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files)
def test_any_files_are_parsed_or_skipped(entries: list[tuple[bytes, bytes, bytes]]) -> None:
    """Whatever the names and bytes, each article file is parsed (and chunks) or skipped; nothing raises."""
    with tempfile.TemporaryDirectory() as tmp:
        _write(Path(tmp), entries)
        articles, skipped = load_articles(Path(tmp))
        for article in articles:
            for passage in chunk_article(article, 2, 256, lambda text: len(text.split())):
                assert article.text[passage.start : passage.end] == passage.text
        for skip in skipped:
            skip.path.encode("utf-8")
            assert "\n" not in skip.reason


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(files)
@example([(b"symbols", b".txt", b"\x01 -- ?")])  # found by Hypothesis: no word to index broke BM25
def test_any_files_never_break_a_real_build(embedder: Embedder, entries: list[tuple[bytes, bytes, bytes]]) -> None:
    """A full build with the real model over arbitrary files ends with a summary (or one clean refusal)."""
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "articles"
        articles.mkdir()
        _write(articles, entries)
        summary = build_index(
            articles, Path(tmp) / "index", embedder, ChunkSettings(), AnnSettings(), progress=False
        )
        candidates = [n for n, suffix, _ in entries if _is_article_name(n + suffix)]
        assert summary.added + summary.skipped == len(candidates)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerService:
    root = tmp_path_factory.mktemp("properties")
    service = AnswerService(make_settings(SEEDS, root / "index"), embedder=embedder, progress=False)
    service.load()
    return service


def _answered_truthfully(service: AnswerService, question: str) -> None:
    try:
        result = service.ask(question)
    except QuestionError as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    for answer in result.answers:
        text = (service.settings.articles_dir / answer.path).read_text(encoding="utf-8")
        assert text[answer.start : answer.end] == answer.quote


SEED_WORDS = (SEEDS / "000_ff470f0c3d23d7a6.txt").read_text(encoding="utf-8").split()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
@example("What did Steven Cheung say about \ud800 the EU?")  # the speaker route encodes the topic itself
def test_any_text_question_gets_an_answer_or_one_clean_error(seeded: AnswerService, question: str) -> None:
    """Arbitrary text (surrogates, NULs, control characters included) never escapes as an exception."""
    _answered_truthfully(seeded, question)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_any_bytes_question_gets_an_answer_or_one_clean_error(seeded: AnswerService, data: bytes) -> None:
    """Arbitrary bytes, as read from `ask -`, decode to a question or give one QuestionError."""
    try:
        question = decode_question(data)
    except QuestionError as exc:
        assert "\n" not in str(exc)
        return
    _answered_truthfully(seeded, question)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(SEED_WORDS), min_size=1, max_size=12).map(" ".join))
def test_every_quote_is_the_indexed_text_at_its_offsets(seeded: AnswerService, question: str) -> None:
    """Questions made of the article's own words get answers; each quote is the file's text at its offsets."""
    _answered_truthfully(seeded, question)
