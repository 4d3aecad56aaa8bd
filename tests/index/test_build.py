"""Index builds: incremental, atomic, tolerant of bad files, strict about the model."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import index.store
from bot.service import AnswerService
from index.ann import AnnSettings
from index.embed import OFFICIAL_SHA256, Embedder, default_model_path, verify_weights
from index.errors import REBUILD_RUNNING, IndexBusyError, IndexMismatchError, ModelError
from index.manifest import Manifest
from index.passages import indexed_text
from index.search import Searcher
from index.store import build_lock, current_path, load_contents, load_index, read_manifest
from tests.conftest import make_settings

NEW_ARTICLE = """---
title: Harbour bridge reopens
date: 2024-09-02
url: https://example.org/bridge
---

The Harbour Bridge reopened on Monday after eleven months of repairs costing 42 million euros.

Mayor Ines Valdoro cut the ribbon at dawn.
"""


def test_second_build_embeds_nothing(tiny_index: AnswerService) -> None:
    """A rebuild with no changes reuses every vector."""
    summary = tiny_index.rebuild()
    assert (summary.added, summary.updated, summary.removed, summary.embedded) == (0, 0, 0, 0)
    assert summary.unchanged == 1 and summary.passages > 10


def test_changed_article_alone_is_reembedded(tiny_index: AnswerService, seed_articles: Path) -> None:
    """Changing one article re-embeds only that article's passages."""
    (seed_articles / "bridge.md").write_text(NEW_ARTICLE, encoding="utf-8")
    tiny_index.rebuild()
    (seed_articles / "bridge.md").write_text(NEW_ARTICLE.replace("eleven", "twelve"), encoding="utf-8")
    summary = tiny_index.rebuild()
    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 1)
    assert summary.embedded == read_manifest(tiny_index.settings.index_dir).articles["bridge"].passages
    answer = tiny_index.ask("How many months of repairs did the Harbour Bridge need before it reopened?").answers[0]
    assert "twelve" in answer.quote


def test_added_article_is_found_and_deleted_one_is_gone(tiny_index: AnswerService, seed_articles: Path) -> None:
    """A new article is searchable after a rebuild; after deletion its passages leave the index."""
    (seed_articles / "city" / "bridge.md").parent.mkdir()
    (seed_articles / "city" / "bridge.md").write_text(NEW_ARTICLE, encoding="utf-8")
    summary = tiny_index.rebuild()
    assert summary.added == 1
    answer = tiny_index.ask("Who cut the ribbon at the Harbour Bridge?").answers[0]
    assert answer.article_id == "city/bridge" and "Valdoro" in answer.quote

    (seed_articles / "city" / "bridge.md").unlink()
    summary = tiny_index.rebuild()
    assert summary.removed == 1
    manifest = read_manifest(tiny_index.settings.index_dir)
    assert "city/bridge" not in manifest.articles
    assert all(a.article_id != "city/bridge" for a in tiny_index.ask("Harbour Bridge ribbon").answers)


def test_failed_build_leaves_previous_index_serving(
    tiny_index: AnswerService, seed_articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build that fails midway leaves the old generation current, loadable and answering the same."""
    index_dir = tiny_index.settings.index_dir
    before = current_path(index_dir)
    expected = tiny_index.ask("Who speaks for the Trump campaign?")
    (seed_articles / "bridge.md").write_text(NEW_ARTICLE, encoding="utf-8")

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(index.store.LexicalIndex, "save", explode)
    with pytest.raises(RuntimeError, match="disk full"):
        tiny_index.rebuild()
    assert current_path(index_dir) == before
    assert [p.name for p in (index_dir / "generations").iterdir()] == [before.name]

    fresh = AnswerService(tiny_index.settings, embedder=tiny_index.embedder, progress=False)
    fresh.load(build_if_missing=False)
    again = fresh.ask("Who speaks for the Trump campaign?")
    assert [a.quote for a in again.answers] == [a.quote for a in expected.answers]
    assert "bridge" not in read_manifest(index_dir).articles


BAD_FILES = {
    "latin1.txt": "date 2024-01-01 Caf\xe9 prices rose.".encode("latin-1"),
    "empty.md": b"",
    "blank.txt": b"   \n\n  ",
    "broken.md": b"---\ntitle: [unclosed\n---\nBody text.\n",
    "unclosed.md": b"---\ntitle: No end\nBody text without a closing line.\n",
    "baddate.md": b"---\ntitle: Leap\ndate: 2023-02-29\n---\nBody.\n",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR",
}


def test_bad_files_are_skipped_with_a_warning(
    tiny_index: AnswerService, seed_articles: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Each kind of bad file gets one warning naming it, and the build goes on and counts it."""
    for name, data in BAD_FILES.items():
        (seed_articles / name).write_bytes(data)
    with caplog.at_level(logging.WARNING, logger="index.articles"):
        summary = tiny_index.rebuild()
    assert summary.skipped == len(BAD_FILES)
    warned = [r.getMessage() for r in caplog.records if r.name == "index.articles"]
    assert len(warned) == len(BAD_FILES)
    for name in BAD_FILES:
        assert any(name in line for line in warned), name
    assert "Steven Cheung" in tiny_index.ask("Who speaks for the Trump campaign?").answers[0].quote


def test_tampered_model_weights_are_refused(tmp_path: Path) -> None:
    """A model folder whose weights fail the checksum is refused with a clear error."""
    folder = tmp_path / "model"
    shutil.copytree(default_model_path(), folder)
    with (folder / "model.safetensors").open("r+b") as handle:
        handle.seek(-1, 2)
        last = handle.read(1)
        handle.seek(-1, 2)
        handle.write(bytes([last[0] ^ 0xFF]))
    with pytest.raises(ModelError, match="checksum"):
        verify_weights(folder, OFFICIAL_SHA256)
    with pytest.raises(ModelError, match="checksum"):
        Embedder(folder)


def test_index_from_another_model_is_refused(tiny_index: AnswerService) -> None:
    """Loading an index built by another model says to rebuild."""
    with pytest.raises(IndexMismatchError, match="index build --full"):
        load_index(tiny_index.settings.index_dir, "some/other-model", 384, AnnSettings())


def test_index_of_the_other_of_bf16_and_float32_serves(tiny_index: AnswerService) -> None:
    """An index built where the CPU computes bf16 loads where it does not (`auto` chose float32), and back: the
    two precisions' vectors agree to cosine 0.9999."""
    built = tiny_index.stats().model
    other = built.replace(" [bf16]", "") if " [bf16]" in built else f"{built} [bf16]"
    loaded = load_index(tiny_index.settings.index_dir, other, 384, AnnSettings())
    assert loaded.stats().model == built and loaded.contents.vectors.shape[1] == 384
    with pytest.raises(IndexMismatchError, match="index build --full"):
        load_index(tiny_index.settings.index_dir, f"{built.replace(' [bf16]', '')} [int8]", 384, AnnSettings())


def test_settings_change_of_model_forces_full_rebuild(tiny_index: AnswerService) -> None:
    """A build with a differently quantized model re-embeds everything instead of mixing vectors."""
    int8 = Embedder(quantize="int8")
    service = AnswerService(
        make_settings(tiny_index.settings.articles_dir, tiny_index.settings.index_dir), embedder=int8, progress=False
    )
    summary = service.rebuild()
    assert summary.embedded == summary.passages


def test_service_picks_up_an_index_rebuilt_by_another_process(tiny_index: AnswerService, seed_articles: Path) -> None:
    """A running service answers from a generation published by another builder (the CLI) on its next question."""
    (seed_articles / "bridge.md").write_text(NEW_ARTICLE, encoding="utf-8")
    other = AnswerService(tiny_index.settings, embedder=tiny_index.embedder, progress=False)
    other.rebuild()
    answer = tiny_index.ask("Who cut the ribbon at the Harbour Bridge?").answers[0]
    assert answer.article_id == "bridge"


def test_service_keeps_serving_when_the_new_generation_cannot_load(
    tiny_index: AnswerService, seed_articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If a generation published elsewhere fails to load, answers keep coming from the index in memory."""
    (seed_articles / "bridge.md").write_text(NEW_ARTICLE, encoding="utf-8")
    AnswerService(tiny_index.settings, embedder=tiny_index.embedder, progress=False).rebuild()

    def unreadable(*args: object, **kwargs: object) -> None:
        raise index.store.IndexCorruptError("ann.faiss unreadable")

    monkeypatch.setattr(index.store.faiss, "read_index", unreadable)
    result = tiny_index.ask("Who speaks for the Trump campaign?")
    assert "Steven Cheung" in result.answers[0].quote
    assert all(a.article_id != "bridge" for a in result.answers)


def test_build_summary_times_each_phase(tiny_index: AnswerService) -> None:
    """A build reports the seconds of each phase, which together fit in its total."""
    summary = tiny_index.rebuild(full=True)
    assert set(summary.phases) == {"read", "load old", "chunk", "embed", "write"}
    assert all(seconds >= 0 for seconds in summary.phases.values())
    assert sum(summary.phases.values()) <= summary.seconds


def test_manifest_round_trips(tiny_index: AnswerService) -> None:
    """The typed manifest written by a build reads back equal, dates as dates."""
    manifest = read_manifest(tiny_index.settings.index_dir)
    assert Manifest.from_json(manifest.to_json()) == manifest
    assert all(meta.date is None or isinstance(meta.date, dt.date) for meta in manifest.articles.values())


def test_bm25_indexes_the_embedded_texts(tiny_index: AnswerService) -> None:
    """Each passage's indexed text is its headline (as the manifest keeps it) over the passage."""
    contents = load_contents(tiny_index.settings.index_dir)
    for passage, text in zip(contents.passages, contents.indexed_texts(), strict=True):
        meta = contents.articles[passage.article_id]
        assert text == indexed_text(meta, passage.text, title_context=True)
        assert text.endswith(passage.text) and (meta.title_derived or text.startswith(meta.title.split()[0]))


def test_one_rebuild_guard_and_message(tiny_index: AnswerService) -> None:
    """A second rebuild is refused at once with the one message, in this process or through the folder lock."""
    with tiny_index.rebuilding(), pytest.raises(IndexBusyError) as in_process:
        tiny_index.rebuild()
    with build_lock(tiny_index.settings.index_dir), pytest.raises(IndexBusyError) as other_process:
        tiny_index.rebuild()
    assert str(in_process.value) == str(other_process.value) == REBUILD_RUNNING


def test_auto_index_type_is_recorded_as_the_type_built(tiny_index: AnswerService) -> None:
    """`index.type: auto` resolves at build time; the manifest (and `index status`) names the real type."""
    assert tiny_index.settings.index.type == "auto"
    assert read_manifest(tiny_index.settings.index_dir).ann["type"] == "flat"
    assert tiny_index.stats().index_type == "flat"


MAPPED_QUESTIONS = (
    "How many people were waiting when the interview failed to start?",
    "What did Musk say about Trump in August 2024?",  # a date filter: the allowed passages are scored exactly
    "What is the boiling point of tungsten?",
)


def test_vectors_are_mapped_read_only_and_answer_as_in_memory(tiny_index: AnswerService, embedder: Embedder) -> None:
    """The loaded vectors are vectors.npy mapped read-only, not a copy in RAM (issue 12); answers are those of
    the vectors read into memory, and a rebuild reusing them from the mapping writes the same vectors."""
    index_dir = tiny_index.settings.index_dir
    loaded = load_index(index_dir, embedder.model_id, embedder.dimension, AnnSettings())
    vectors = loaded.contents.vectors
    assert isinstance(vectors, np.memmap) and not vectors.flags.writeable
    assert Path(vectors.filename) == current_path(index_dir) / "vectors.npy"
    assert "rr" in _vm_flags(Path(vectors.filename))  # madvise(MADV_RANDOM): no read-ahead around each row
    in_memory = replace(loaded, contents=replace(loaded.contents, vectors=np.load(Path(vectors.filename))))
    config = replace(tiny_index.settings.search.to_search_config(), cross_encoder=False)
    mapped, read = Searcher(loaded, embedder, config), Searcher(in_memory, embedder, config)
    for question in MAPPED_QUESTIONS:
        assert replace(mapped.ask(question), took_ms=0) == replace(read.ask(question), took_ms=0)
    assert tiny_index.rebuild().embedded == 0
    again = load_contents(index_dir).vectors
    assert isinstance(again, np.memmap) and again.filename != vectors.filename
    assert np.array_equal(again, vectors)


def _vm_flags(path: Path) -> list[str]:
    """The kernel's flags of this process's mapping of `path` (/proc/self/smaps; "rr": random access advised)."""
    lines = Path("/proc/self/smaps").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.endswith(" " + str(path)))
    return next(line.split()[1:] for line in lines[start:] if line.startswith("VmFlags:"))
