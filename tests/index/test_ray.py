"""The Ray executor: an index embedded on a local Ray with 2 workers equals the local build."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from bot.service import AnswerService
from index.embed import Embedder
from index.store import load_contents
from tests.conftest import SEEDS, make_settings

pytestmark = pytest.mark.slow  # starts a local Ray and loads the model in two workers (~40 s)


@pytest.mark.parametrize("late", ["none"])
def test_ray_build_equals_local_build(tmp_path: Path, embedder: Embedder, late: str) -> None:
    ray = pytest.importorskip("ray", reason="Ray is an optional extra: pip install -e '.[ray]'")
    from index.ray_executor import RayEmbedder

    articles = tmp_path / "articles"
    shutil.copytree(SEEDS, articles)
    base = make_settings(articles, tmp_path / "local")
    base = base.model_copy(update={"chunking": base.chunking.model_copy(update={"late": late})})
    remote = base.model_copy(update={"index_dir": tmp_path / "ray"})
    AnswerService(base, embedder=embedder, progress=False).rebuild()
    builder = RayEmbedder(embedder, remote.model.embedder_options(), address=None, workers=2)
    try:
        assert len(ray.nodes()) == 1 and ray.cluster_resources()["CPU"] == 2
        summary = AnswerService(remote, embedder=embedder, progress=False).rebuild(builder=builder)
    finally:
        builder.shutdown()
    assert not ray.is_initialized()
    local, far = load_contents(base.index_dir), load_contents(remote.index_dir)
    assert summary.embedded == len(far.passages) == len(local.passages) > 10
    assert [p.text for p in far.passages] == [p.text for p in local.passages]
    assert far.manifest.model == local.manifest.model
    assert np.min(np.sum(far.vectors * local.vectors, axis=1)) >= 0.9999
