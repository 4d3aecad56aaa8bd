"""ANN index choice: `auto` by archive size, compact storage that still finds the nearest passages."""

from __future__ import annotations

import numpy as np
import pytest

from index.ann import AUTO_FLAT_MAX, AUTO_HNSW_MAX, AnnSettings, build_ann, resolve, search_ann


def unit_rows(n: int, seed: int = 0) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal((n, 384)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "flat"), (AUTO_FLAT_MAX, "flat"), (AUTO_FLAT_MAX + 1, "hnsw"), (AUTO_HNSW_MAX, "hnsw"),
     (AUTO_HNSW_MAX + 1, "ivfpq")],
)  # fmt: skip
def test_auto_picks_the_type_by_size(n: int, expected: str) -> None:
    assert resolve(AnnSettings(), n).type == expected


def test_a_configured_type_is_kept() -> None:
    assert resolve(AnnSettings(type="hnsw"), 10).type == "hnsw"


@pytest.mark.parametrize(
    ("kind", "storage", "bytes_per_vector"),
    [("flat", "float32", 1536), ("flat", "float16", 768), ("flat", "sq8", 384), ("hnsw", "sq8", 384)],
)
def test_compact_storage_finds_each_vector_itself(kind: str, storage: str, bytes_per_vector: int) -> None:
    import faiss

    data = unit_rows(2000)
    index = build_ann(data, AnnSettings(type=kind, storage=storage))
    found = [search_ann(index, data[i], 1)[0][0] for i in range(0, 2000, 50)]
    assert found == list(range(0, 2000, 50))
    codes = faiss.downcast_index(index.storage if kind == "hnsw" else index)
    assert codes.code_size == bytes_per_vector
