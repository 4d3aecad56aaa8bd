"""Lazily loaded state shared by the benchmark's sections, and the constants they share."""

from __future__ import annotations

import argparse
import json

from _engine import (
    CachedQueryEmbedder,
    ParagraphBM25,
    default_settings,
    ensure_index,
    load_embedder,
    load_questions,
    make_config,
    parse_configs,
    sample,
    settings_with,
)
from _quality import Reply, reply_of
from _util import (
    ROOT,
    build_code_fingerprint,
)

SECTIONS = ("quality", "noanswer", "latency", "speed", "incremental", "ann", "attribution")
SHARED = ROOT.parent / "shared" / "data"
BASELINES = ("dense-only", "bm25-only", "bm25-paragraphs")


class Bench:
    """Lazily loaded shared state: settings, embedders, cached indexes, questions, results so far."""

    def __init__(self, args: argparse.Namespace) -> None:
        import index.build  # noqa: F401 - the build's code is loaded before its fingerprint is read

        build_code_fingerprint()
        self.args = args
        settings = default_settings(args.app_config)
        if args.chunking:
            settings = settings_with(settings, chunking=json.loads(args.chunking))
        self.settings = settings

        self.base_config = settings.search.to_search_config()
        self.variants = parse_configs(args.configs)
        self.results: dict = {}
        self._embedder = None
        self._cached = None
        self._indexes: dict = {}
        self._paragraphs: dict = {}
        self._oof = None
        self.model_load_s = None

    # -- shared resources --
    @property
    def embedder(self):
        if self._embedder is None:
            self._embedder, self.model_load_s = load_embedder(self.settings)
            self._cached = CachedQueryEmbedder(self._embedder)
        return self._embedder

    @property
    def cached_embedder(self):
        self.embedder  # noqa: B018 - loads it
        return self._cached

    def index(self, name: str, embedder=None, settings=None):
        embedder = embedder or self.embedder
        settings = settings or self.settings
        key = (name, embedder.quantize)
        if key not in self._indexes:
            articles = self.args.squad / "articles" if name == "squad" else self.args.wikinews
            self._indexes[key] = ensure_index(
                self.args.work, name, articles, embedder, settings,
                rebuild=self.args.rebuild, embed_cache=not self.args.no_embed_cache,
            )  # fmt: skip
        return self._indexes[key]

    def paragraphs(self, name: str) -> ParagraphBM25:
        if name not in self._paragraphs:
            self._paragraphs[name] = ParagraphBM25(self.index(name).articles_dir)
        return self._paragraphs[name]

    def squad_questions(self):
        allq = load_questions(self.args.squad / "questions.jsonl")
        return sample(allq, self.args.sample, self.args.seed), len(allq)

    def wikinews_questions(self):
        return load_questions(self.args.wikinews_questions)

    def cross_encoder_for(self, name: str):
        """squad-dev's out-of-fold cross-encoder scores (the shipped model was trained on it); None elsewhere,
        where a searcher with the cross-encoder on loads the shipped one."""
        if name != "squad":
            return None
        if self._oof is None:
            from _cross_oof import OutOfFoldScores

            allq = load_questions(self.args.squad / "questions.jsonl")
            self._oof = OutOfFoldScores((q.id, q.question) for q in allq)
        return self._oof

    def service(self, name: str, embedder):
        from bot.service import AnswerService

        built = self.index(name)
        settings = self.settings.model_copy(update={"articles_dir": built.articles_dir, "index_dir": built.index_dir})
        cross = self.cross_encoder_for(name) if settings.search.cross_encoder else None
        service = AnswerService(settings, embedder=embedder, progress=False, cross_encoder=cross)
        service.load(build_if_missing=False)
        return service

    def searcher(self, name: str, embedder, overrides: dict, *, out_of_fold: bool = True):
        """`out_of_fold=False`: the shipped cross-encoder even on squad-dev, for questions its out-of-fold scores
        were not made for."""
        from index.search import Searcher

        built = self.index(name)
        config = make_config(self.base_config, overrides)
        cross = self.cross_encoder_for(name) if config.cross_encoder and out_of_fold else None
        return Searcher(built.loaded(self.embedder, self.settings), embedder, config, cross_encoder=cross)

    def systems(self, name: str, embedder) -> list[tuple[str, object]]:
        """(label, ask(question) -> Reply) for the default pipeline, the baselines and the --configs variants."""
        k = self.args.top_k
        service = self.service(name, embedder)
        systems = [("default", lambda q: reply_of(service.ask(q, k)))]
        for label, overrides in (("dense-only", {"lexical_weight": 0.0}), ("bm25-only", {"dense_weight": 0.0})):
            s = self.searcher(name, embedder, overrides)
            systems.append((label, lambda q, s=s: reply_of(s.ask(q, k))))
        para = self.paragraphs(name)
        systems.append(("bm25-paragraphs", lambda q: Reply(para.ask(q, k), [], False)))
        for label, overrides in self.variants:
            s = self.searcher(name, embedder, overrides)
            systems.append((f"cfg:{label}", lambda q, s=s: reply_of(s.ask(q, k))))
        return systems


# ---- sections ----------------------------------------------------------------------------------------------------
