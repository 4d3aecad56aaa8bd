"""The application's answer pipeline: one loaded model and index, shared by the CLI, the chat and the bot."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from bot.config import Settings
from bot.formatting import linked
from index.build import build_index, vectors_id
from index.embed import Embedder, PassageEmbedder, model_id_for
from index.errors import IndexBusyError, IndexNotFoundError, NewsIndexError
from index.models import BuildSummary, IndexStats, SearchResult
from index.people_search import PeopleSearch
from index.precision import resolve_precision
from index.search import PairScorer, Searcher
from index.store import current_path, load_index

log = logging.getLogger(__name__)


def expected_vectors_id(settings: Settings) -> str:
    """The id an index built with these settings records, known without loading the model."""
    # Resolved as for the CPU: a GPU's choice can differ only between bf16 and float32, which load as one.
    quantize = resolve_precision(settings.model.quantize, device="cpu")
    model_id = model_id_for(settings.model.path, quantize, settings.model.runtime)
    return vectors_id(model_id, settings.chunking.to_chunk_settings())


class AnswerService:
    """Thread-safe facade: answers keep coming from the old index while a rebuild runs."""

    def __init__(
        self,
        settings: Settings,
        *,
        embedder: Embedder | None = None,
        progress: bool = True,
        cross_encoder: PairScorer | None = None,
    ) -> None:
        self.settings = settings
        self._progress = progress
        self._embedder = embedder
        # None: the shipped one is loaded when search.cross_encoder is on (the bench gives squad-dev its own).
        self._cross_encoder = cross_encoder
        self._searcher: Searcher | None = None
        self._people: PeopleSearch | None = None
        self._rebuild_lock = threading.Lock()
        self._reload_lock = threading.Lock()

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = self.settings.model.to_embedder()
        return self._embedder

    def load(self, *, build_if_missing: bool = True) -> None:
        """Load the model and the index, building the index first when there is none."""
        try:
            self._searcher = self._open_searcher()
        except IndexNotFoundError:
            if not build_if_missing:
                raise
            log.info("no index in %s yet: building it from %s", self.settings.index_dir, self.settings.articles_dir)
            self.rebuild()

    def ask(
        self,
        question: str,
        top_k: int | None = None,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        author: str | None = None,
        timeline: bool = False,
    ) -> SearchResult:
        """Answer a question; questions about what someone said or wrote, and timelines, go their own way."""
        people = self._people_search()
        result = people.ask(question, top_k, since=since, until=until, author=author, timeline=timeline)
        return linked(result, self.settings.article_url)

    def quotes(self, person: str, limit: int | None = None) -> SearchResult:
        """A person's quotations, newest first."""
        return linked(self._people_search().quotes_of(person, limit), self.settings.article_url)

    def rebuild(
        self, full: bool = False, *, builder: PassageEmbedder | None = None, allow_shrink: bool = False
    ) -> BuildSummary:
        """Update the index on disk, then swap the new one in for searching.

        `builder` embeds the passages instead of the service's own embedder (a Ray executor, say).
        """
        with self.rebuilding():
            return self._rebuild(full, builder, allow_shrink)

    @contextmanager
    def rebuilding(self) -> Iterator[Callable[[bool], BuildSummary]]:
        """Hold the one rebuild guard and yield the rebuild to run; raise IndexBusyError at once if it is taken.

        Taken without blocking, so the bot can refuse a second /reindex before it awaits anything; the index
        folder's lock (`index.store.build_lock`) extends the guard to other processes.
        """
        if not self._rebuild_lock.acquire(blocking=False):
            raise IndexBusyError()
        try:
            yield self._rebuild
        finally:
            self._rebuild_lock.release()

    def _rebuild(self, full: bool, builder: PassageEmbedder | None = None, allow_shrink: bool = False) -> BuildSummary:
        summary = build_index(
            self.settings.articles_dir,
            self.settings.index_dir,
            builder or self.embedder,
            self.settings.chunking.to_chunk_settings(),
            self.settings.index.to_ann_settings(),
            full=full,
            progress=self._progress,
            store=self.settings.index.to_store_settings(),
            allow_shrink=allow_shrink,
        )
        self._searcher = self._open_searcher()
        return summary

    def stats(self) -> IndexStats:
        return self._require_searcher().stats()

    def _reload(self) -> None:
        log.info("index in %s was rebuilt: loading the new generation", self.settings.index_dir)
        try:
            self._searcher = self._open_searcher()
        except NewsIndexError as exc:
            # Keep answering from the index in memory; the next question tries again.
            log.warning("could not load the rebuilt index, still serving the previous one: %s", exc)

    def _rebuilt_elsewhere(self, searcher: Searcher) -> bool:
        try:
            return current_path(self.settings.index_dir) != searcher.index.path
        except NewsIndexError:
            return False

    def _open_searcher(self) -> Searcher:
        embedder = self.embedder
        ann = self.settings.index.to_ann_settings()
        model_id = vectors_id(embedder.model_id, self.settings.chunking.to_chunk_settings())
        loaded = load_index(self.settings.index_dir, model_id, embedder.dimension, ann)
        return Searcher(loaded, embedder, self.settings.search.to_search_config(), cross_encoder=self._cross_encoder)

    def _people_search(self) -> PeopleSearch:
        searcher = self._require_searcher()
        people = self._people
        if people is None or people.searcher is not searcher:
            people = self._people = PeopleSearch(searcher, self.settings.people.to_people_config())
        return people

    def _require_searcher(self) -> Searcher:
        if self._searcher is None:
            self.load()
        elif self._rebuilt_elsewhere(self._searcher):
            # `newsbot index build` from a shell (or another container) published a new generation.
            with self._reload_lock:
                if self._rebuilt_elsewhere(self._searcher):
                    self._reload()
        if self._searcher is None:
            raise IndexNotFoundError(f"no index in {self.settings.index_dir}: run `newsbot index build`")
        return self._searcher
