"""The container entry point never writes into the newsroom's articles volume (issue 9, failure 6)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import ROOT, SEEDS

ENTRYPOINT = ROOT / "docker" / "entrypoint.sh"


def run_entrypoint(tmp_path: Path, articles: Path, index: Path) -> subprocess.CompletedProcess[str]:
    """Run the entry point with a stand-in `newsbot` that prints the articles folder it was given."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    fake = bin_dir / "newsbot"
    fake.write_text('#!/bin/sh\necho "articles=$NEWSBOT_ARTICLES"\n')
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "NEWSBOT_ARTICLES": str(articles),
           "NEWSBOT_INDEX": str(index), "NEWSBOT_SEEDS": str(SEEDS)}
    return subprocess.run(["sh", str(ENTRYPOINT), "index", "build"], capture_output=True, text=True, env=env,
                          timeout=30)


def test_empty_volume_without_index_serves_the_image_seeds_untouched(tmp_path: Path) -> None:
    """First start on an empty volume: the seeds are indexed where they lie; nothing is copied into the volume."""
    articles, index = tmp_path / "articles", tmp_path / "index"
    articles.mkdir()
    done = run_entrypoint(tmp_path, articles, index)
    assert done.returncode == 0, done.stderr
    assert list(articles.iterdir()) == []
    assert done.stdout.strip() == f"articles={SEEDS}"
    assert "seed" in done.stderr


def test_empty_volume_with_an_index_is_left_to_the_shrink_guard(tmp_path: Path) -> None:
    """With an index already built, an empty folder (unmounted volume?) is reported and built as is."""
    articles, index = tmp_path / "articles", tmp_path / "index"
    articles.mkdir()
    (index / "generations" / "g1").mkdir(parents=True)
    (index / "current").symlink_to("generations/g1")
    done = run_entrypoint(tmp_path, articles, index)
    assert done.returncode == 0, done.stderr
    assert list(articles.iterdir()) == [] and done.stdout.strip() == f"articles={articles}"
    assert "not mounted" in done.stderr
