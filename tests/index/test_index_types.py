"""Every `index.type` the README offers: flat, hnsw, ivfpq (with its small-archive fallback), knobs after load."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np
import pytest

from bot.config import Settings
from bot.service import AnswerService
from index.ann import AnnSettings, build_ann, configure, search_ann
from index.embed import Embedder
from index.store import load_index
from tests.conftest import SEEDS

CHEUNG = "Who speaks for the Trump campaign?"


def unit_vectors(n: int, dim: int = 384, seed: int = 0) -> np.ndarray:
    vectors = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def self_recall(index: faiss.Index, vectors: np.ndarray, k: int) -> float:
    """Share of vectors found among their own k nearest neighbours."""
    return float(np.mean([i in search_ann(index, v, k)[0] for i, v in enumerate(vectors)]))


def reloaded(index: faiss.Index, folder: Path, settings: AnnSettings) -> faiss.Index:
    """The index written to disk and read back, as a generation is, with the current settings' query knobs."""
    path = str(folder / "ann.faiss")
    faiss.write_index(index, path)
    again = faiss.read_index(path)
    configure(again, settings)
    return again


def stored_codes(index: faiss.Index) -> faiss.MaybeOwnedVectorUInt8:
    """The vectors a flat index holds, or those of an hnsw index's storage."""
    storage = faiss.downcast_index(index.storage) if isinstance(index, faiss.IndexHNSW) else index
    return storage.codes


def test_hnsw_is_built_searched_and_configured_after_load(tmp_path: Path) -> None:
    """hnsw finds each vector itself; efSearch follows the settings of the day, not those of the build."""
    vectors = unit_vectors(600)
    index = build_ann(vectors, AnnSettings(type="hnsw", hnsw_m=16, hnsw_ef_search=20))
    assert isinstance(index, faiss.IndexHNSWFlat) and index.ntotal == 600 and index.hnsw.efSearch == 20
    again = reloaded(index, tmp_path, AnnSettings(type="hnsw", hnsw_m=16, hnsw_ef_search=77))
    assert again.hnsw.efSearch == 77
    assert self_recall(again, vectors, 1) >= 0.95


def test_ivfpq_is_trained_searched_and_configured_after_load(tmp_path: Path) -> None:
    """ivfpq with enough vectors trains its codebooks; nprobe follows the settings of the day, not the build's."""
    vectors = unit_vectors(600, dim=64)  # small vectors and codebooks: training stays under a second
    index = build_ann(vectors, AnnSettings(type="ivfpq", ivf_nprobe=2, pq_m=16))
    assert isinstance(index, faiss.IndexIVFPQ) and index.is_trained and index.ntotal == 600 and index.nprobe == 2
    again = reloaded(index, tmp_path, AnnSettings(type="ivfpq", ivf_nprobe=7, pq_m=16))
    assert faiss.extract_index_ivf(again).nprobe == 7
    # Product quantization is approximate: the vector itself among its ten nearest is what it must keep.
    assert self_recall(again, vectors[:200], 10) >= 0.9


@pytest.mark.parametrize("n", [0, 1, 255])
def test_ivfpq_on_a_small_archive_falls_back_to_exact_search(n: int) -> None:
    """Under 256 vectors IVF-PQ cannot train: the archive is searched exactly instead, empty included."""
    vectors = unit_vectors(n) if n else np.zeros((0, 384), dtype=np.float32)
    index = build_ann(vectors, AnnSettings(type="ivfpq"))
    assert isinstance(index, faiss.IndexFlatIP) and index.ntotal == n
    if n:
        assert self_recall(index, vectors, 1) == 1.0


@pytest.fixture(scope="module")
def flat_quotes(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> list[str]:
    """The quotes an exact (flat) index over the seeds gives for CHEUNG."""
    settings = Settings(articles_dir=SEEDS, index_dir=tmp_path_factory.mktemp("flat-index"))
    flat = AnswerService(settings, embedder=embedder, progress=False)
    flat.load()
    return [a.quote for a in flat.ask(CHEUNG).answers]


@pytest.mark.parametrize(
    ("index_settings", "kind", "knob"),
    [({"type": "hnsw", "hnsw_ef_search": 40}, faiss.IndexHNSWFlat, lambda ann: ann.hnsw.efSearch == 90),
     ({"type": "ivfpq", "ivf_nprobe": 3}, faiss.IndexFlatIP, lambda ann: True)],
    ids=["hnsw", "ivfpq-small-archive"],
)
def test_service_builds_loads_and_answers_with_each_type(
    tmp_path: Path, embedder: Embedder, flat_quotes: list[str], index_settings: dict, kind: type, knob: object
) -> None:
    """Configured through the settings, each type is built, loaded with its query knobs, and answers as flat does."""
    settings = Settings(articles_dir=SEEDS, index_dir=tmp_path / "index", index=index_settings)
    service = AnswerService(settings, embedder=embedder, progress=False)
    service.load()
    assert service.stats().index_type == index_settings["type"]
    # Loaded with other query knobs than it was built with: those of the day apply.
    today = AnnSettings(**{**index_settings, "hnsw_ef_search": 90})
    loaded = load_index(settings.index_dir, embedder.model_id, embedder.dimension, today)
    assert isinstance(loaded.ann, kind) and knob(loaded.ann)  # type: ignore[operator]
    # The vectors the index stores are mapped from its file, not copied into memory.
    assert not stored_codes(loaded.ann).is_owned
    assert [a.quote for a in service.ask(CHEUNG).answers] == flat_quotes
    assert "Steven Cheung" in service.ask(CHEUNG).answers[0].quote
