"""Counting tokens from one tokenisation of an article's paragraphs (index.passages.ArticleTokens) gives the same
passages and the same late-chunking segments as tokenising every candidate text, and pooling by binary search
(`pool_spans`) gives the same bits as the masked `pool`."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from index.embed import Embedder
from index.late_chunking import CONTEXTS, Segment, plan_segments, pool, pool_spans
from index.models import Article, Passage
from index.passages import SEPARATORS, ArticleTokens, TokenCounter, chunk_article, indexed_text, indexed_title
from index.sentences import paragraphs
from tests.index.test_passages import real_articles

# Words that stress the tokenizer: accents and combining marks (stripped), CJK (a token a character),
# punctuation (split off), control characters it deletes (\x0c, \x85: str.isspace() but no separator to BERT),
# non-breaking and ideographic spaces, a word over 100 characters ([UNK]).
WORDS = st.sampled_from(
    [
        "the", "mayor", "said", "Monday", "42", "bridges.", "closed!", "Why?", "rain", "Zürich", "café",
        "e\u0301t\u00e9", "\u0301x", "北京市", "don't", "U.S.", "(AP)", "“quoted”", "naïve-ish", "x" * 120,
        "a\x0cb", "end.\x85Next", "\u00a0", "\u3000", "İstanbul", "ﬁnal", "—", "\x00", "\ufffd",
    ]
)  # fmt: skip
GAPS = st.sampled_from([" ", " ", " ", "  ", "\x0c", "\x85", "\u00a0", "\t", "\u2028"])
SENTENCE = st.lists(st.tuples(WORDS, GAPS), min_size=1, max_size=25).map(
    lambda parts: "".join(w + g for w, g in parts).strip() + "."
)
PARAGRAPH = st.lists(st.tuples(SENTENCE, GAPS), min_size=1, max_size=10).map(
    lambda parts: "".join(s + g for s, g in parts).strip()
)
BREAKS = st.sampled_from(["\n\n", "\n\n\n", "\n \n\x0c", "\r\n\r\n", "\n\n\u00a0"])
ARTICLE = st.lists(st.tuples(PARAGRAPH, BREAKS), min_size=1, max_size=5).map(
    lambda parts: "".join(p + b for p, b in parts)
)
TITLES = st.sampled_from(["A title", "Ünïcode “headline”: 北京", "x" * 110, "Ends in a mark\u0301"])


@pytest.fixture(scope="module")
def model() -> Embedder:
    return Embedder()


def article_of(text: str, title: str = "A title", derived: bool = False) -> Article:
    return Article("a", "a.md", text, 0, title, derived, None, None, None, "h")


def reference_segments(
    article: Article,
    passages: Sequence[Passage],
    title_context: bool,
    max_tokens: int,
    count_tokens: TokenCounter,
    context: str,
) -> list[Segment]:
    """The planner before ArticleTokens: tokenise every candidate segment's text, growing it passage by passage."""
    prefix = len(indexed_text(article, "", title_context))
    order = sorted(range(len(passages)), key=lambda i: passages[i].start)
    whole = [(article.body_start, len(article.text))]
    blocks = paragraphs(article.text, article.body_start) if context == "paragraph" else whole

    def segment(group: list[int]) -> Segment:
        start = passages[group[0]].start
        end = max(passages[i].end for i in group)
        return Segment(indexed_text(article, article.text[start:end], title_context), start, prefix, tuple(group))

    out: list[Segment] = []
    cursor = 0
    for _, p_end in blocks:
        members: list[int] = []
        while cursor < len(order) and passages[order[cursor]].start < p_end:
            members.append(order[cursor])
            cursor += 1
        if not members:
            continue
        if count_tokens(segment(members).text) <= max_tokens:
            out.append(segment(members))
            continue
        group: list[int] = []
        for i in members:
            if group and count_tokens(segment([*group, i]).text) > max_tokens:
                out.append(segment(group))
                group = []
            group.append(i)
        out.append(segment(group))
    return out


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=ARTICLE,
    title=TITLES,
    limit=st.integers(min_value=12, max_value=120),
    spp=st.integers(min_value=1, max_value=3),
    title_context=st.booleans(),
    context=st.sampled_from(CONTEXTS),
)
@example(text="Pay\x0cday came. It rained.\n\nThen \x85sun.", title="A title", limit=12, spp=2,
         title_context=True, context="article")  # fmt: skip
def test_one_tokenisation_gives_the_same_passages_and_segments(
    model: Embedder, text: str, title: str, limit: int, spp: int, title_context: bool, context: str
) -> None:
    article = article_of(text, title)
    tokens = ArticleTokens.of(article, model.tokenize, model.count_tokens)
    heading = indexed_title(article, title_context)
    room = limit - (model.count_tokens(heading) - 1 if heading else 0)
    passages = chunk_article(article, spp, room, model.count_tokens)
    assert chunk_article(article, spp, room, model.count_tokens, tokens) == passages
    expected = reference_segments(article, passages, title_context, limit, model.count_tokens, context)
    assert plan_segments(article, passages, title_context, limit, model.count_tokens, context) == expected
    assert plan_segments(article, passages, title_context, limit, model.count_tokens, context, tokens) == expected


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=ARTICLE, data=st.data())
def test_span_counts_equal_tokenising_the_span(model: Embedder, text: str, data: st.DataObject) -> None:
    """Any span, clean or not: a clean one from the paragraphs' tokens, any other by tokenising it."""
    article = article_of(text)
    tokens = ArticleTokens.of(article, model.tokenize, model.count_tokens)
    blocks = paragraphs(text)
    lo, hi = blocks[0][0], blocks[-1][1]
    for _ in range(8):
        start = data.draw(st.integers(lo, hi - 1))
        end = data.draw(st.integers(start + 1, hi))
        assert tokens.count(start, end) == model.count_tokens(text[start:end]), (start, end)


def test_a_span_next_to_a_deleted_control_character_is_tokenised_again(model: Embedder) -> None:
    """BERT deletes \\f, so "Pay\\fday" is one word: counting "day" from the paragraph's tokens would be wrong."""
    text = "Pay\x0cday came."
    tokens = ArticleTokens.of(article_of(text), model.tokenize, model.count_tokens)
    assert "\x0c" not in SEPARATORS and " " in SEPARATORS
    assert not tokens.clean(4, len(text)) and tokens.clean(8, len(text))
    assert tokens.count(4, len(text)) == model.count_tokens("day came.")


def test_real_articles_chunk_and_plan_alike(model: Embedder) -> None:
    """The seeds and the first Wikinews articles: same passages and segments, and every span counted is clean."""
    compared = 0
    for article in real_articles():
        tokens = ArticleTokens.of(article, model.tokenize, model.count_tokens)
        passages = chunk_article(article, 2, 240, model.count_tokens)
        assert chunk_article(article, 2, 240, model.count_tokens, tokens) == passages
        assert all(tokens.clean(p.start, p.end) for p in passages)
        for context in CONTEXTS:
            expected = reference_segments(article, passages, True, 256, model.count_tokens, context)
            assert plan_segments(article, passages, True, 256, model.count_tokens, context, tokens) == expected
            compared += len(expected)
    assert compared > 0


@settings(max_examples=300, deadline=None)
@given(
    lengths=st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=30),
    data=st.data(),
    shuffle=st.booleans(),
)
def test_pool_spans_equals_pool_bit_for_bit(lengths: list[int], data: st.DataObject, shuffle: bool) -> None:
    """Tokens of random widths (empty ones like [CLS]) with gaps between them; spans anywhere, empty included;
    offsets out of reading order take the masked path."""
    offsets = [(0, 0)]
    pos = 0
    for n in lengths:
        pos += data.draw(st.integers(0, 2))
        offsets.append((pos, pos + n))
        pos += n
    offsets.append((0, 0))
    spans_array = np.asarray(offsets, dtype=np.int64)
    if shuffle:
        spans_array = spans_array[data.draw(st.permutations(range(len(offsets))))]
    rng = np.random.default_rng(len(offsets))
    vectors = rng.standard_normal((len(offsets), 16)).astype(np.float32)
    spans = [
        (s, data.draw(st.integers(s, pos + 2))) for s in data.draw(st.lists(st.integers(0, pos + 1), max_size=12))
    ]
    pooled = pool_spans(vectors, spans_array, spans)
    assert pooled.shape == (len(spans), 16)
    for row, (start, end) in zip(pooled, spans, strict=True):
        assert np.array_equal(row, pool(vectors, spans_array, start, end))
