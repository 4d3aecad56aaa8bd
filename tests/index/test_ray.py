"""The Ray executor: an index embedded on a local Ray with 2 workers equals the local build."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from bot.service import AnswerService
from index.embed import Embedder
from index.ray_executor import RayEmbedder
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


def test_local_ray_cluster_starts_with_usage_stats_off(monkeypatch: pytest.MonkeyPatch, embedder: Embedder) -> None:
    """Ray's own clusters report usage stats unless RAY_USAGE_STATS_ENABLED=0 is in the environment when they
    start. A recording stand-in for the `ray` module (Ray is an optional extra, absent in CI) sees the
    environment at init; the real-Ray test above covers the embedding."""
    seen: dict[str, str | None] = {}

    class Stop(Exception):
        pass

    def init(**kwargs: object) -> None:
        seen["stats"] = os.environ.get("RAY_USAGE_STATS_ENABLED")
        raise Stop

    monkeypatch.delenv("RAY_USAGE_STATS_ENABLED", raising=False)
    monkeypatch.setitem(sys.modules, "ray", SimpleNamespace(is_initialized=lambda: False, init=init))
    with pytest.raises(Stop):
        RayEmbedder(embedder, {}, address=None, workers=2)
    assert seen == {"stats": "0"}
