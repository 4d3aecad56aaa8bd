"""Shared fixtures: the real model loaded once, and indexes over the seeds and the shared archives."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from bot.config import Settings
from bot.service import AnswerService
from index.embed import Embedder
from tests.cli_runner import newsbot
from tests.shared_data import (  # noqa: F401 - the hook fails missing-shared-data skips in CI
    ROOT,
    SQUAD,
    WIKINEWS,
    pytest_runtest_makereport,
    require_shared,
)

SEEDS = ROOT / "seeds"


def make_settings(articles: Path, index: Path, **search: object) -> Settings:
    settings = Settings(articles_dir=articles, index_dir=index)
    if search:
        settings = settings.model_copy(update={"search": settings.search.model_copy(update=search)})
    return settings


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return Embedder()


@pytest.fixture(scope="session")
def cli_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], subprocess.CompletedProcess[str]]:
    """Path options for an index over the shipped seeds built once through the CLI, and that build's run.

    Tests only read this index; one that damages an index copies it first.
    """
    index = tmp_path_factory.mktemp("cli-index")
    opts = ["--articles", str(SEEDS), "--index", str(index)]
    done = newsbot("index", "build", *opts)
    assert done.returncode == 0, done.stderr
    return opts, done


@pytest.fixture
def built(cli_build: tuple[list[str], subprocess.CompletedProcess[str]]) -> list[str]:
    return cli_build[0]


@pytest.fixture
def seed_articles(tmp_path: Path) -> Path:
    """A private copy of the shipped seeds that a test may change."""
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.fixture
def tiny_index(seed_articles: Path, tmp_path: Path, embedder: Embedder) -> AnswerService:
    service = AnswerService(make_settings(seed_articles, tmp_path / "index"), embedder=embedder, progress=False)
    service.load()
    return service


@pytest.fixture(scope="session")
def wikinews_service(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> AnswerService:
    """The shipped seed plus the 293-article Wikinews archive, as a newsroom would run it, indexed once per test
    session (about a minute)."""
    articles = tmp_path_factory.mktemp("newsroom")
    shutil.copytree(require_shared(WIKINEWS), articles, dirs_exist_ok=True)
    shutil.copytree(SEEDS, articles, dirs_exist_ok=True)
    index = tmp_path_factory.mktemp("wikinews-index")
    service = AnswerService(make_settings(articles, index), embedder=embedder, progress=False)
    service.load()
    return service
