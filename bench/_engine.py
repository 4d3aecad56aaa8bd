"""Data sets, embedders, cached indexes and search-config variants for the benchmark."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import random
import re
import shutil
import sys
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from _util import ROOT, build_code_fingerprint, files_fingerprint, log, sha_of, stopwatch

import index.embed

BENCH = Path(__file__).resolve().parent
WIKINEWS_QUESTIONS = BENCH / "wikinews_questions.jsonl"
CACHE_VERSION = 1
KEEP_PER_NAME = 4


# ---- questions -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    answers: tuple[str, ...]
    article: str | None = None


def load_questions(path: Path) -> list[Question]:
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            questions.append(Question(str(row["id"]), row["question"], tuple(row["answers"]), row.get("article")))
    return questions


def sample(questions: list[Question], n: int, seed: int) -> list[Question]:
    """A fixed random sample (same seed, same questions), kept in file order."""
    if n <= 0 or n >= len(questions):
        return list(questions)
    picked = sorted(random.Random(seed).sample(range(len(questions)), n))
    return [questions[i] for i in picked]


# ---- embedders -------------------------------------------------------------------------------------------


class CachedQueryEmbedder:
    """Wraps an Embedder and remembers query vectors, so several configs share one embedding per question.

    Only used for quality figures, never for latency.
    """

    def __init__(self, embedder) -> None:
        self._inner = embedder
        self._cache: dict[str, np.ndarray] = {}

    def encode_query(self, text: str) -> np.ndarray:
        vec = self._cache.get(text)
        if vec is None:
            vec = self._inner.encode_query(text)
            self._cache[text] = vec
        return vec

    def __getattr__(self, name: str):
        return getattr(self._inner, name)


def settings_with(base, **sections):
    """Copy of bot Settings with some sections' fields replaced: settings_with(s, model={"quantize": "none"})."""
    updates = {}
    for name, values in sections.items():
        if values:
            updates[name] = getattr(base, name).model_copy(update=values)
    return base.model_copy(update=updates)


def load_embedder(settings):
    with stopwatch() as took:
        emb = settings.model.to_embedder()
    log(f"loaded embedder ({emb.quantize}) in {took():.1f} s")
    return emb, took()


# ---- embedding cache (for building cached indexes only) ---------------------------------------------------------


class EmbeddingCache:
    """An Embedder stand-in for build_index that remembers passage vectors on disk, keyed by text.

    A rebuild forced by a chunking or tokenisation edit then embeds only passages it has never seen. Only the
    cached benchmark indexes are built through it; throughput and incremental timings use the real Embedder.
    (int8 dynamic quantisation makes a vector depend very slightly on its batch, so a vector from the cache
    can differ from a fresh build's in the 3rd-4th decimal of its cosine.)
    """

    def __init__(self, embedder, folder: Path) -> None:
        import hashlib

        self._inner = embedder
        self._hash = lambda t: hashlib.sha1(t.encode("utf-8")).hexdigest()
        # The embedding code is part of the key: a change to how the model is quantized changes every vector.
        code = hashlib.sha256(Path(index.embed.__file__).read_bytes()).hexdigest()
        tag = sha_of(
            {"model": embedder.model_id, "quantize": embedder.quantize, "dim": embedder.dimension, "code": code}
        )[:12]
        self._keys_path = folder / f"{tag}.keys"
        self._vecs_path = folder / f"{tag}.npy"
        folder.mkdir(parents=True, exist_ok=True)
        self._index: dict[str, int] = {}
        self._vectors = np.zeros((0, embedder.dimension), dtype=np.float32)
        if self._keys_path.is_file() and self._vecs_path.is_file():
            keys = self._keys_path.read_text().split()
            vecs = np.load(self._vecs_path)
            if len(keys) == len(vecs):
                self._index = {k: i for i, k in enumerate(keys)}
                self._vectors = vecs
        self.hits = 0
        self.misses = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        keys = [self._hash(t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts, strict=False) if k not in self._index}.items())
        if missing:
            fresh = self._inner.encode([t for _, t in missing])
            base = len(self._vectors)
            self._vectors = np.concatenate([self._vectors, fresh.astype(np.float32)])
            for n, (k, _) in enumerate(missing):
                self._index[k] = base + n
        self.misses += len(missing)
        self.hits += len(texts) - len(missing)
        return self._vectors[[self._index[k] for k in keys]]

    def save(self) -> None:
        keys = sorted(self._index, key=self._index.get)
        tmp = self._vecs_path.with_suffix(".tmp.npy")
        np.save(tmp, self._vectors)
        self._keys_path.with_suffix(".tmp").write_text("\n".join(keys))
        os.replace(tmp, self._vecs_path)
        os.replace(self._keys_path.with_suffix(".tmp"), self._keys_path)

    def __getattr__(self, name: str):
        return getattr(self._inner, name)


# ---- cached indexes ---------------------------------------------------------------------------------------


@dataclass
class BuiltIndex:
    name: str
    articles_dir: Path
    index_dir: Path
    record: dict[str, Any]
    cached: bool
    _loaded: Any = field(default=None, repr=False)

    def loaded(self, embedder, settings):
        """The index loaded for search (once; Searchers over it share it)."""
        if self._loaded is None:
            from index.build import vectors_id
            from index.store import load_index

            ann = settings.index.to_ann_settings()
            model_id = vectors_id(embedder.model_id, settings.chunking.to_chunk_settings())
            self._loaded = load_index(self.index_dir, model_id, embedder.dimension, ann)
        return self._loaded


def corpus_fingerprint(articles_dir: Path) -> str:
    files = [p for p in articles_dir.rglob("*") if p.is_file() and p.suffix.lower() in (".md", ".txt")]
    return files_fingerprint(files, articles_dir)


def index_key(articles_dir: Path, embedder, settings) -> tuple[str, dict[str, Any]]:
    parts = {
        "cache_version": CACHE_VERSION,
        "corpus": corpus_fingerprint(articles_dir),
        "model": embedder.model_id,
        "quantize": embedder.quantize,
        "chunking": asdict(settings.chunking.to_chunk_settings()),
        "ann": asdict(settings.index.to_ann_settings()),
        "build_code": build_code_fingerprint(),
    }
    return sha_of(parts)[:12], parts


def ensure_index(
    work: Path, name: str, articles_dir: Path, embedder, settings, *, rebuild: bool, embed_cache: bool = True
) -> BuiltIndex:
    """Return a built index of `articles_dir` from the cache under `work`, building it when missing.

    The cache key covers the corpus bytes, model, quantization, chunking and ANN settings and the build-time
    code in index/ (everything but search.py, ranking.py, dates.py), so editing ranking reuses the index.
    """
    from index.build import build_index

    key, parts = index_key(articles_dir, embedder, settings)
    root = work / "indexes"
    root.mkdir(parents=True, exist_ok=True)
    final = root / f"{name}-{embedder.quantize}-{key}"
    record_path = final / "bench-build.json"
    if record_path.is_file() and not rebuild:
        record = json.loads(record_path.read_text())
        log(f"index {name} ({embedder.quantize}): cached {final.name}")
        return BuiltIndex(name, articles_dir, final / "index", record, cached=True)

    tmp = root / f".tmp-{name}-{uuid.uuid4().hex[:8]}"
    log(f"building index {name} ({embedder.quantize}) from {articles_dir} -> {final.name} ...")
    progress = sys.stderr.isatty()
    builder = EmbeddingCache(embedder, work / "embeddings") if embed_cache else embedder
    with stopwatch() as took:
        summary = build_index(
            articles_dir, tmp / "index", builder,
            settings.chunking.to_chunk_settings(), settings.index.to_ann_settings(),
            full=True, progress=progress,
        )  # fmt: skip
    if embed_cache:
        builder.save()
    record = {
        "built_at": dt.datetime.now().isoformat(timespec="seconds"),
        "seconds": took(),
        "passages": summary.passages,
        "embedded": summary.embedded,
        "articles": summary.added,
        "skipped": summary.skipped,
        "embedding_cache": {"hits": builder.hits, "misses": builder.misses} if embed_cache else None,
        "key": key,
        "key_parts": parts,
    }
    (tmp / "bench-build.json").write_text(json.dumps(record, indent=1))
    if final.exists():
        shutil.rmtree(final)
    os.replace(tmp, final)
    _prune(root, name, embedder.quantize, keep=final)
    cache_note = f" ({builder.hits} vectors from the embedding cache)" if embed_cache else ""
    log(f"built {name}: {summary.passages} passages in {took():.1f} s{cache_note}")
    return BuiltIndex(name, articles_dir, final / "index", record, cached=False)


def _prune(root: Path, name: str, quantize: str, keep: Path) -> None:
    """Keep the newest few cached builds per name, so the work folder does not grow without bound."""
    pattern = re.compile(rf"^{re.escape(name)}-{re.escape(quantize)}-[0-9a-f]{{12}}$")
    olds = sorted(
        (p for p in root.iterdir() if pattern.match(p.name) and p != keep),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in olds[KEEP_PER_NAME - 1 :]:
        shutil.rmtree(old, ignore_errors=True)
    for stale in root.glob(".tmp-*"):
        try:
            if (dt.datetime.now().timestamp() - stale.stat().st_mtime) > 6 * 3600:
                shutil.rmtree(stale, ignore_errors=True)
        except OSError:
            pass


# ---- search configs ---------------------------------------------------------------------------------------


def config_fields() -> dict[str, dataclasses.Field]:
    from index.search import SearchConfig

    return {f.name: f for f in dataclasses.fields(SearchConfig)}


def parse_configs(text: str | None) -> list[tuple[str, dict[str, Any]]]:
    """--configs: a JSON/YAML string or file: {name: {overrides}} or [{"name": ..., overrides...}, ...]."""
    if not text:
        return []
    path = Path(text)
    if len(text) < 4096 and path.is_file():
        text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except ValueError:
        import yaml

        data = yaml.safe_load(text)
    variants: list[tuple[str, dict[str, Any]]] = []
    if isinstance(data, dict) and all(isinstance(v, dict) for v in data.values()):
        variants = [(str(k), dict(v)) for k, v in data.items()]
    elif isinstance(data, dict):
        variants = [(_auto_name(data), dict(data))]
    elif isinstance(data, list):
        for item in data:
            if not isinstance(item, dict):
                raise SystemExit(f"--configs: each variant must be a mapping of SearchConfig fields, got {item!r}")
            item = dict(item)
            name = str(item.pop("name", None) or _auto_name(item))
            variants.append((name, item))
    else:
        raise SystemExit("--configs: expected a mapping {name: {field: value}} or a list of mappings")
    known = config_fields()
    for name, overrides in variants:
        unknown = sorted(set(overrides) - set(known))
        if unknown:
            raise SystemExit(
                f"--configs variant {name!r}: unknown SearchConfig field(s) {unknown}; known: {sorted(known)}"
            )
    return variants


def _auto_name(overrides: dict[str, Any]) -> str:
    return ",".join(f"{k}={v}" for k, v in overrides.items()) or "default"


def make_config(base, overrides: dict[str, Any]):
    if "today" in overrides and isinstance(overrides["today"], str):
        overrides = {**overrides, "today": dt.date.fromisoformat(overrides["today"])}
    return dataclasses.replace(base, **overrides)


def config_diff(config, base) -> dict[str, Any]:
    return {k: v for k, v in asdict(config).items() if asdict(base).get(k) != v}


# ---- plain BM25 over whole paragraphs (the baseline) -----------------------------------------------------------

_BLANK_LINE = re.compile(r"\r?\n[ \t\r]*\n\s*")


class ParagraphBM25:
    """The plain baseline: bm25s over each article's paragraphs, quoting the top paragraphs whole.

    Same tokenisation as a typical bm25s set-up (English stop words, Snowball stemmer); no title, no dense.
    """

    def __init__(self, articles_dir: Path) -> None:
        import bm25s
        import Stemmer

        from index.articles import load_articles

        articles, _ = load_articles(articles_dir)
        self.paragraphs: list[str] = []
        for article in articles:
            body = article.text[article.body_start :]
            self.paragraphs.extend(p.strip() for p in _BLANK_LINE.split(body) if p.strip())
        self._bm25s = bm25s
        self._stemmer = Stemmer.Stemmer("english")
        self._retriever = bm25s.BM25()
        tokens = bm25s.tokenize(self.paragraphs, stopwords="en", stemmer=self._stemmer, show_progress=False)
        self._retriever.index(tokens, show_progress=False)

    def ask(self, question: str, top_k: int = 5) -> list[str]:
        tokens = self._bm25s.tokenize(
            [question], stopwords="en", stemmer=self._stemmer, return_ids=False, show_progress=False
        )[0]
        vocab = self._retriever.vocab_dict
        tokens = [t for t in tokens if t in vocab]
        if not tokens:
            return []
        scores = self._retriever.get_scores(tokens)
        k = min(top_k, int(np.count_nonzero(scores > 0)))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [self.paragraphs[i] for i in top]


def default_settings(app_config: Path | None):
    """The application's settings: built-in defaults, or a config.yaml when --app-config is given."""
    from bot.config import Settings, load_settings

    if app_config is None:
        return Settings()
    return load_settings(app_config, environ={})


def repo_config_differs(settings) -> dict[str, Any]:
    """Search settings where the shipped config.yaml differs from the built-in defaults (a warning)."""
    from bot.config import load_settings

    path = ROOT / "config.yaml"
    if not path.is_file():
        return {}
    try:
        shipped = load_settings(path, environ={}).search.model_dump()
    except Exception:  # noqa: BLE001 - a broken config.yaml is the lead's business; just do not warn
        return {}
    mine = settings.search.model_dump()
    return {k: (mine.get(k), v) for k, v in shipped.items() if mine.get(k) != v}
