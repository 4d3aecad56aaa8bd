"""Tests for paragraph context: paragraphs recovered from the passages, and BM25 over them read per passage."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from index.articles import parse_article
from index.context import ParagraphContext, paragraph_groups, paragraph_texts
from index.models import Passage
from index.passages import chunk_article
from index.sentences import paragraphs


def count_words(text: str) -> int:
    return len(text.split())


def passages_of(body: str, aid: str = "a", per_passage: int = 2) -> list[Passage]:
    article = parse_article(f"date 2024-01-01 {body}".encode(), aid, f"{aid}.txt")
    return chunk_article(article, per_passage, 256, count_words)


STORY = (
    "The council met on Monday. It voted on the bridge. The mayor abstained.\n\n"
    "Repairs will cost four million euros. Work starts in May.\n\n"
    "Residents welcomed the news."
)

sentence = st.text(alphabet="abcdefghij ", min_size=1, max_size=30).map(lambda s: s.strip() or "x").map(
    lambda s: s[0].upper() + s[1:] + "."
)
paragraph = st.lists(sentence, min_size=1, max_size=6).map(" ".join)


def test_groups_follow_paragraphs_and_articles() -> None:
    """Overlapping passages of one paragraph share a group; a new paragraph or article starts the next."""
    ranked = passages_of(STORY) + passages_of(STORY, "b")
    groups = paragraph_groups(ranked)
    # 2 + 1 + 1 passages per article, as paragraphs of 3, 2 and 1 sentences give.
    assert groups.tolist() == [0, 0, 1, 2, 3, 3, 4, 5]


@settings(max_examples=60, deadline=None)
@given(st.lists(paragraph, min_size=1, max_size=5), st.integers(1, 3))
def test_paragraph_texts_are_the_articles_paragraphs(body: list[str], per_passage: int) -> None:
    """Pieced together from overlapping passages, each paragraph is exactly the article's text from its first
    passage's start to its last passage's end, and that is the paragraph itself."""
    text = "\n\n".join(body)
    found = passages_of(text, per_passage=per_passage)
    groups = paragraph_groups(found)
    article = parse_article(f"date 2024-01-01 {text}".encode(), "a", "a.txt")
    expected = [article.text[s:e] for s, e in paragraphs(article.text, article.body_start)]
    if per_passage == 1:
        # Single-sentence passages never overlap: each is its own group, the degenerate case.
        assert len(set(groups.tolist())) == len(found)
    else:
        assert paragraph_texts(found, groups) == expected


def test_context_scores_a_passage_by_its_paragraph() -> None:
    """The question's words in one sentence lift the paragraph's other passages, not another paragraph's."""
    found = passages_of(STORY)
    context = ParagraphContext(found, {"a": ""})
    scores = context.scores("council bridge mayor vote")
    assert scores[:2].tolist() == [1.0, 1.0]
    assert scores[2:].max() == 0.0


def test_context_mask_keeps_to_the_allowed_paragraphs() -> None:
    """With a mask, the best allowed paragraph scores 1 and passages of excluded paragraphs score nothing."""
    found = passages_of(STORY)
    context = ParagraphContext(found, {"a": ""})
    mask = np.array([False, False, True, True])
    scores = context.scores("council repairs cost euros", mask)
    assert scores[2] == 1.0 and scores[:2].max() == 0.0


def test_headline_is_matched_with_every_paragraph() -> None:
    """A paragraph is matched with its article's headline, as its passages are."""
    found = passages_of(STORY)
    assert ParagraphContext(found, {"a": "Dublin bridge"}).scores("Dublin").min() > 0
    assert ParagraphContext(found, {"a": ""}).scores("Dublin").max() == 0
