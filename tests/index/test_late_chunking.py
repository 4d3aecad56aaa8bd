"""Late chunking: segments that fit the model and hold whole passages; vectors pooled from a paragraph's tokens."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.service import AnswerService
from index.build import ChunkSettings
from index.embed import Embedder
from index.errors import IndexMismatchError
from index.late_chunking import CONTEXTS, embed_articles, plan_segments, pool
from index.models import Article
from index.passages import chunk_article, indexed_text
from index.store import load_contents
from tests.conftest import SEEDS, make_settings


def count_words(text: str) -> int:
    return len(text.split()) + 2


def article_of(text: str) -> Article:
    return Article("a", "a.md", text, 0, "A title", False, None, None, None, "h")


WORDS = st.sampled_from("the mayor said on Monday that 42 bridges. were closed! Why? rain".split())
SENTENCE = st.lists(WORDS, min_size=1, max_size=30).map(lambda w: " ".join(w).capitalize() + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=12).map(" ".join)
ARTICLE = st.lists(PARAGRAPH, min_size=1, max_size=5).map("\n\n".join)


@settings(max_examples=150, deadline=None)
@given(
    text=ARTICLE,
    limit=st.integers(min_value=20, max_value=120),
    title_context=st.booleans(),
    context=st.sampled_from(CONTEXTS),
)
def test_segments_fit_the_model_and_hold_each_passage_once(
    text: str, limit: int, title_context: bool, context: str
) -> None:
    article = article_of(text)
    room = limit - (count_words(article.title) - 1 if title_context else 0)
    passages = chunk_article(article, 2, room, count_words)
    segments = plan_segments(article, passages, title_context, limit, count_words, context)
    assert sorted(i for s in segments for i in s.passages) == list(range(len(passages)))
    for segment in segments:
        assert count_words(segment.text) <= limit
        if context == "paragraph":
            assert "\n\n" not in segment.text
        body = segment.text[segment.prefix :]
        assert segment.text == indexed_text(article, body, title_context)
        for i in segment.passages:
            p = passages[i]
            assert body[p.start - segment.start : p.end - segment.start] == p.text


def test_pool_averages_only_the_tokens_inside_the_span() -> None:
    tokens = np.array([[9.0, 9.0], [1.0, 0.0], [0.0, 1.0], [5.0, -5.0]], dtype=np.float32)
    spans = np.array([[0, 0], [0, 3], [4, 8], [9, 12]])
    assert np.allclose(pool(tokens, spans, 0, 8), np.array([1.0, 1.0]) / np.sqrt(2))
    assert np.allclose(pool(tokens, spans, 4, 8), [0.0, 1.0])


def test_late_vectors_see_their_paragraph(embedder: Embedder) -> None:
    """A passage's late vector is near its own text's vector, and differs from it because it read the rest."""
    text = (
        "The Harbour Bridge reopened on Monday after eleven months of repairs. It cost 42 million euros. "
        "Mayor Ines Valdoro cut the ribbon at dawn.\n\nPolice arrested two men near the station."
    )
    article = article_of(text)
    passages = chunk_article(article, 2, 200, embedder.count_tokens)
    late = embed_articles(embedder, [(article, passages)], False, 256, embedder.count_tokens)
    plain = embedder.encode([p.text for p in passages])
    cosines = np.sum(late * plain, axis=1)
    assert len(passages) == 3
    assert np.all(cosines > 0.6) and np.all(cosines < 0.995)
    assert np.allclose(np.linalg.norm(late, axis=1), 1.0, atol=1e-5)
    # A passage's vector does not depend on which other segments share its batch.
    again = embed_articles(embedder, [(article_of("Rain fell."), []), (article, passages)], False, 256,
                           embedder.count_tokens)  # fmt: skip
    assert np.min(np.sum(late * again, axis=1)) >= 0.9999


def test_late_chunked_index_answers_and_window_index_is_refused(tmp_path: Path, embedder: Embedder) -> None:
    """A late-chunked build answers; a config that switches late chunking refuses the other index in one line."""
    articles = tmp_path / "articles"
    shutil.copytree(SEEDS, articles)
    windows = make_settings(articles, tmp_path / "index")
    late = windows.model_copy(update={"chunking": windows.chunking.model_copy(update={"late": "article"})})
    service = AnswerService(late, embedder=embedder, progress=False)
    summary = service.rebuild()
    assert summary.embedded == summary.passages > 10
    assert load_contents(late.index_dir).manifest.chunking == {**ChunkSettings().__dict__, "late": "article"}
    assert "Steven Cheung" in service.ask("Who speaks for the Trump campaign?").answers[0].quote
    with pytest.raises(IndexMismatchError, match=r"late chunking: article.*index build --full") as info:
        AnswerService(windows, embedder=embedder, progress=False).load(build_if_missing=False)
    assert "\n" not in str(info.value)
