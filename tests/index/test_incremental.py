"""Incremental builds keep each reused vector with its own passage, whatever is deleted, down to nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.service import AnswerService
from index.embed import Embedder
from tests.conftest import make_settings

# One fact an article, each article a few passages long, so that deleting one shifts the others' positions.
FACTS = {
    "a-bakery": ("The Lindenhof bakery sold four thousand pretzels during the harvest fair.",
                 "How many pretzels did the Lindenhof bakery sell?", "four thousand pretzels"),
    "b-ferry": ("The night ferry to Ostrava Island was cancelled because the harbour crane broke.",
                "Why was the night ferry to Ostrava Island cancelled?", "harbour crane broke"),
    "c-library": ("The county library reopened with a reading room named after the poet Marta Ilves.",
                  "Who is the library reading room named after?", "Marta Ilves"),
    "d-stadium": ("The new stadium roof was built from 900 tonnes of recycled steel.",
                  "How much recycled steel went into the stadium roof?", "900 tonnes"),
    "e-orchard": ("Frost destroyed half of the cherry blossom in the Kaltbach orchards in April.",
                  "What destroyed the cherry blossom in the Kaltbach orchards?", "Frost destroyed"),
}
FILLER = ("Residents gathered in the square to talk about it. The council said it would publish a report. "
          "Local shops stayed open late that evening. Several volunteers helped with the clean-up.")


def write_archive(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for number, (name, (fact, _, _)) in enumerate(FACTS.items()):
        paragraphs = [FILLER, fact, FILLER.replace("square", "market hall")]
        (folder / f"{name}.txt").write_text(f"date 2024-05-{number + 10:02} " + "\n\n".join(paragraphs) + "\n")
    return folder


@pytest.fixture
def archive(tmp_path: Path, embedder: Embedder) -> AnswerService:
    service = AnswerService(make_settings(write_archive(tmp_path / "articles"), tmp_path / "index"),
                            embedder=embedder, progress=False)
    service.load()
    return service


def answers_of(service: AnswerService) -> dict[str, tuple[str, str, float]]:
    """The top answer (article, quote, score) to each remaining article's question."""
    found = {}
    for name, (_, question, _) in FACTS.items():
        if (service.settings.articles_dir / f"{name}.txt").exists():
            top = service.ask(question).answers[0]
            found[name] = (top.article_id, top.quote, round(top.score, 4))
    return found


def test_deleting_a_middle_article_keeps_the_others_vectors_aligned(
    archive: AnswerService, tmp_path: Path, embedder: Embedder
) -> None:
    """Deleting the middle article embeds nothing, and every other question gets what a full build gives."""
    before = archive.stats().passages
    (archive.settings.articles_dir / "c-library.txt").unlink()
    summary = archive.rebuild()
    assert (summary.removed, summary.added, summary.updated, summary.embedded) == (1, 0, 0, 0)
    assert summary.unchanged == len(FACTS) - 1 and 0 < summary.passages < before

    fresh_articles = tmp_path / "fresh"
    shutil.copytree(archive.settings.articles_dir, fresh_articles)
    full = AnswerService(make_settings(fresh_articles, tmp_path / "fresh-index"), embedder=embedder, progress=False)
    full.rebuild(full=True)
    incremental, rebuilt = answers_of(archive), answers_of(full)
    assert set(incremental) == set(rebuilt) == set(FACTS) - {"c-library"}
    for name, (article, quote, score) in incremental.items():
        assert article == name and FACTS[name][2] in quote and quote == rebuilt[name][1]
        # Not equal to the last digit: the int8 model's vectors depend a little on the batch they were made in.
        assert score == pytest.approx(rebuilt[name][2], abs=0.03)
    assert all(a.article_id != "c-library" for a in archive.ask(FACTS["c-library"][1]).answers)


def test_deleting_every_article_leaves_an_empty_index_that_answers(archive: AnswerService) -> None:
    """With every article gone (and the shrink allowed) the build publishes an empty index; questions get
    'no answer', not a crash."""
    for path in archive.settings.articles_dir.iterdir():
        path.unlink()
    summary = archive.rebuild(allow_shrink=True)
    assert (summary.removed, summary.passages, summary.embedded) == (len(FACTS), 0, 0)
    for question in ("What burned in Paris?", FACTS["a-bakery"][1]):
        result = archive.ask(question)
        assert result.no_answer and result.answers == [] and result.closest == []
    reloaded = AnswerService(archive.settings, embedder=archive.embedder, progress=False)
    reloaded.load(build_if_missing=False)
    assert reloaded.ask(FACTS["b-ferry"][1]).no_answer and reloaded.stats().articles == 0

    write_archive(archive.settings.articles_dir.with_name("again"))
    shutil.copy(archive.settings.articles_dir.with_name("again") / "d-stadium.txt", archive.settings.articles_dir)
    summary = archive.rebuild()
    assert (summary.added, summary.embedded > 0) == (1, True)
    assert "900 tonnes" in archive.ask(FACTS["d-stadium"][1]).answers[0].quote


def test_unchanged_rebuild_embeds_nothing_and_full_embeds_everything(archive: AnswerService) -> None:
    """A rebuild with no change embeds 0 passages; `full` re-embeds every passage and answers the same."""
    before = answers_of(archive)
    summary = archive.rebuild()
    assert (summary.embedded, summary.unchanged) == (0, len(FACTS))
    summary = archive.rebuild(full=True)
    assert summary.embedded == summary.passages > 0 and summary.unchanged == 0
    after = answers_of(archive)
    assert [(a, q) for a, q, _ in after.values()] == [(a, q) for a, q, _ in before.values()]
