"""Tests for cutting articles into passages: sentence windows inside paragraphs that fit the model."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest

from index.articles import load_articles, parse_article
from index.embed import Embedder
from index.models import Article, Passage
from index.passages import chunk_article
from index.sentences import paragraphs, sentences
from tests.shared_data import WIKINEWS

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

Counter = Callable[[str], int]


def count_words(text: str) -> int:
    """A deterministic token counter: one token a word."""
    return len(text.split())


@pytest.fixture(scope="module")
def model() -> Embedder:
    """The real model, loaded once for this module, for its tokenizer."""
    return Embedder()


@pytest.fixture(params=["words", "model"])
def counter(request: pytest.FixtureRequest) -> Counter:
    if request.param == "words":
        return count_words
    return request.getfixturevalue("model").count_tokens


def make_article(body: str) -> Article:
    return parse_article(f"date 2024-01-01 {body}".encode(), "a", "a.txt")


def texts(passages: list[Passage]) -> list[str]:
    return [p.text for p in passages]


def sentence_texts(article: Article) -> list[list[str]]:
    text = article.text
    return [[text[s:e] for s, e in sentences(text, *p)] for p in paragraphs(text, article.body_start)]


@functools.cache
def real_articles() -> tuple[Article, ...]:
    """The seed article and, where ../shared is present, the first 40 Wikinews articles."""
    articles = load_articles(SEEDS)[0]
    if WIKINEWS.is_dir():
        articles += load_articles(WIKINEWS)[0][:40]
    return tuple(articles)


SIX_SENTENCES = (
    "The council met on Tuesday. It voted on the budget. The mayor spoke first. "
    "Residents asked questions. The vote passed narrowly. The meeting ended late."
)
LONG_SENTENCE = " ".join(f"word{i} and" for i in range(300)) + " end."


# --- properties over real articles, with both counters ----------------------------------------------


@pytest.mark.parametrize(("spp", "max_words", "max_model"), [(2, 256, 256), (3, 30, 48), (1, 12, 32)])
def test_passage_text_matches_offsets(counter: Counter, spp: int, max_words: int, max_model: int) -> None:
    """Every passage's text equals the article's text at its offsets."""
    limit = max_words if counter is count_words else max_model
    for article in real_articles():
        for p in chunk_article(article, spp, limit, counter):
            assert p.article_id == article.id
            assert p.text == article.text[p.start : p.end]


@pytest.mark.parametrize(("spp", "max_words", "max_model"), [(2, 256, 256), (3, 30, 48), (1, 12, 32)])
def test_passages_fit_max_tokens(counter: Counter, spp: int, max_words: int, max_model: int) -> None:
    """Every passage fits max_tokens of the counter."""
    limit = max_words if counter is count_words else max_model
    for article in real_articles():
        for p in chunk_article(article, spp, limit, counter):
            assert counter(p.text) <= limit, (article.id, p.text)


@pytest.mark.parametrize(("spp", "max_words", "max_model"), [(2, 256, 256), (3, 30, 48), (1, 12, 32)])
def test_passages_never_cross_paragraphs(counter: Counter, spp: int, max_words: int, max_model: int) -> None:
    """Every passage lies inside one paragraph of its article's body."""
    limit = max_words if counter is count_words else max_model
    for article in real_articles():
        paras = paragraphs(article.text, article.body_start)
        for p in chunk_article(article, spp, limit, counter):
            assert any(s <= p.start and p.end <= e for s, e in paras), (article.id, p.text)


def test_passages_cover_every_sentence(counter: Counter) -> None:
    """Every sentence of the body appears inside some passage."""
    for article in real_articles():
        spans = [(p.start, p.end) for p in chunk_article(article, 2, 256, counter)]
        for para in paragraphs(article.text, article.body_start):
            for s, e in sentences(article.text, *para):
                assert any(ps <= s and e <= pe for ps, pe in spans), article.text[s:e]


def test_passages_in_reading_order(counter: Counter) -> None:
    """Passages come in reading order."""
    for article in real_articles():
        starts = [p.start for p in chunk_article(article, 2, 256, counter)]
        assert starts == sorted(starts)


def test_passages_are_stripped(counter: Counter) -> None:
    """No passage starts or ends with whitespace."""
    for article in real_articles():
        for p in chunk_article(article, 2, 256, counter):
            assert p.text and p.text == p.text.strip()


# --- sentence windows --------------------------------------------------------------------------------


def test_two_sentence_windows_overlap_by_one(counter: Counter) -> None:
    """With two sentences a passage, consecutive windows share exactly one sentence."""
    article = make_article(SIX_SENTENCES)
    sents = sentence_texts(article)[0]
    assert len(sents) == 6
    expected = [f"{a} {b}" for a, b in zip(sents, sents[1:])]
    assert texts(chunk_article(article, 2, 256, counter)) == expected


def test_three_sentence_windows_slide_by_one(counter: Counter) -> None:
    """With three sentences a passage, each window starts one sentence after the previous one."""
    article = make_article(SIX_SENTENCES)
    sents = sentence_texts(article)[0]
    expected = [" ".join(sents[i : i + 3]) for i in range(4)]
    assert texts(chunk_article(article, 3, 256, counter)) == expected


def test_one_sentence_windows(counter: Counter) -> None:
    """With one sentence a passage, each passage is one sentence."""
    article = make_article(SIX_SENTENCES)
    assert texts(chunk_article(article, 1, 256, counter)) == sentence_texts(article)[0]


def test_window_too_long_falls_back_to_sentences() -> None:
    """A window over the limit is replaced by its sentences, each of which fits."""
    article = make_article("One two three four. Five six seven eight. Nine ten.")
    assert texts(chunk_article(article, 2, 5, count_words)) == [
        "One two three four.",
        "Five six seven eight.",
        "Nine ten.",
    ]


def test_one_sentence_paragraph_is_one_passage(counter: Counter) -> None:
    """A paragraph of one sentence is exactly one passage."""
    article = make_article("First paragraph here. With two sentences.\n\nA lone sentence.\n\nLast one. Two.")
    passages = chunk_article(article, 2, 256, counter)
    assert texts(passages).count("A lone sentence.") == 1
    assert [t for t in texts(passages) if "lone" in t] == ["A lone sentence."]


def test_short_paragraph_is_one_passage(counter: Counter) -> None:
    """A paragraph with fewer sentences than a window is one passage."""
    article = make_article("Only two sentences. Right here.")
    assert texts(chunk_article(article, 3, 256, counter)) == ["Only two sentences. Right here."]


def test_subheading_is_its_own_passage(counter: Counter) -> None:
    """The seed's subheading is a passage of its own, never joined to the next paragraph."""
    seed = load_articles(SEEDS)[0][0]
    passages = texts(chunk_article(seed, 2, 256, counter))
    assert "Shifting loyalties" in passages
    assert not any("Shifting loyalties" in t and t != "Shifting loyalties" for t in passages)


# --- sentences longer than the limit ------------------------------------------------------------------


@pytest.mark.parametrize("limit_words, limit_model", [(7, 32), (50, 100), (256, 256)])
def test_long_sentence_pieces_fit(counter: Counter, limit_words: int, limit_model: int) -> None:
    """A sentence longer than the limit is split into pieces that each fit."""
    limit = limit_words if counter is count_words else limit_model
    article = make_article(LONG_SENTENCE)
    passages = chunk_article(article, 2, limit, counter)
    assert len(passages) > 1
    assert all(counter(p.text) <= limit for p in passages)


@pytest.mark.parametrize("limit_words, limit_model", [(7, 32), (50, 100), (256, 256)])
def test_long_sentence_pieces_cover_it(counter: Counter, limit_words: int, limit_model: int) -> None:
    """The pieces of a long sentence are in order and, with the spaces between them, cover it exactly."""
    limit = limit_words if counter is count_words else limit_model
    article = make_article(LONG_SENTENCE)
    passages = chunk_article(article, 2, limit, counter)
    text = article.text
    assert passages[0].start == text.index("word0")
    assert passages[-1].end == len(text)
    for prev, nxt in zip(passages, passages[1:]):
        assert prev.end < nxt.start
        assert text[prev.end : nxt.start].isspace()


@pytest.mark.parametrize("limit_words, limit_model", [(7, 32), (50, 100)])
def test_long_sentence_split_at_word_boundaries(counter: Counter, limit_words: int, limit_model: int) -> None:
    """Pieces of a long sentence start and end on whole words."""
    limit = limit_words if counter is count_words else limit_model
    article = make_article(LONG_SENTENCE)
    words = set(LONG_SENTENCE.split())
    for p in chunk_article(article, 2, limit, counter):
        assert p.text.split()[0] in words
        assert p.text.split()[-1] in words
        assert not p.text[0].isspace() and not p.text[-1].isspace()


def test_long_sentence_between_short_ones_keeps_neighbours() -> None:
    """Sentences around a split long sentence stay whole passages of their own."""
    long = "Alpha beta gamma delta epsilon zeta eta theta iota kappa."
    article = make_article(f"Short first. {long} Short last.")
    assert texts(chunk_article(article, 1, 4, count_words)) == [
        "Short first.",
        "Alpha beta gamma delta",
        "epsilon zeta eta theta",
        "iota kappa.",
        "Short last.",
    ]


def test_long_sentence_pieces_stripped_at_double_spaces() -> None:
    """Pieces of a long sentence with double spaces neither start nor end with whitespace."""
    article = make_article("alpha beta gamma  delta epsilon zeta  eta theta.")
    for p in chunk_article(article, 2, 3, count_words):
        assert p.text == p.text.strip()
