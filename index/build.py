"""Build or update the index: parse articles, re-embed only what changed, publish atomically."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
from tqdm import tqdm

from index.ann import AnnSettings, resolve
from index.articles import load_articles
from index.embed import PassageEmbedder
from index.errors import IndexNotFoundError, NewsIndexError, ShrinkRefusedError
from index.escape import escaped
from index.late_chunking import LateChunking, embed_articles
from index.manifest import ArticleMeta, Manifest, ModelInfo
from index.models import Article, BuildSummary, Passage
from index.passages import ArticleTokens, chunk_article, indexed_text, passage_room
from index.speakers import article_quotations
from index.store import (
    DEFAULT_STORE,
    FORMAT_VERSION,
    IndexContents,
    StoreSettings,
    build_lock,
    load_contents,
    publish,
    read_manifest,
)

log = logging.getLogger(__name__)

ENCODE_CHUNK = 1024


@dataclass(frozen=True)
class ChunkSettings:
    sentences_per_passage: int = 2
    max_tokens: int = 256
    title_context: bool = True
    # Late chunking (index/late_chunking.py): none, or the context the model reads, each passage pooling its
    # own tokens: a paragraph, or as many of the article's paragraphs as fit.
    late: LateChunking = "none"


def build_index(
    articles_dir: Path,
    index_dir: Path,
    embedder: PassageEmbedder,
    chunking: ChunkSettings,
    ann_settings: AnnSettings,
    *,
    full: bool = False,
    progress: bool = True,
    store: StoreSettings = DEFAULT_STORE,
    allow_shrink: bool = False,
) -> BuildSummary:
    """Index every article under `articles_dir` into `index_dir`, reusing unchanged articles' vectors.

    The previous index keeps serving until the new generation is complete; on any failure it stays current.
    A build that would remove every article, or more than `store.max_shrink` of them, refuses unless
    `allow_shrink`.
    """
    started = time.perf_counter()
    phases = _Phases()
    with build_lock(index_dir):
        with phases("read"):
            articles, skipped = load_articles(articles_dir)
        if not allow_shrink:
            _refuse_shrink(index_dir, articles_dir, {a.id for a in articles}, store.max_shrink)
        with phases("load old"):
            previous = None if full else _reusable(index_dir, embedder, chunking)
            old_articles = previous.articles if previous else {}
            reused = _passages_by_article(previous) if previous else {}

        todo: list[tuple[Article, list[Passage]]] = []
        # Each article's paragraphs tokenised once (one batched call), for counting the tokens of passages and
        # segments without tokenising each; an embedder without `tokenize` (Ray's) counts text by text.
        tokenize = getattr(embedder, "tokenize", None)
        tokens: list[ArticleTokens | None] = []
        limit = min(chunking.max_tokens, embedder.max_tokens)
        kept: dict[str, tuple[list[Passage], np.ndarray]] = {}
        with phases("chunk"):
            for article in articles:
                old = old_articles.get(article.id)
                if old and old.hash == article.content_hash and article.id in reused:
                    kept[article.id] = reused[article.id]
                else:
                    room = passage_room(article, chunking.title_context, limit, embedder.count_tokens)
                    table = ArticleTokens.of(article, tokenize, embedder.count_tokens) if tokenize else None
                    passages = chunk_article(
                        article, chunking.sentences_per_passage, room, embedder.count_tokens, table
                    )
                    todo.append((article, passages))
                    tokens.append(table)

        embedded = sum(len(passages) for _, passages in todo)
        with phases("embed"):
            if chunking.late != "none":
                new_vectors = embed_articles(
                    embedder, todo, chunking.title_context, limit, embedder.count_tokens,
                    context=chunking.late, progress=progress, tokens=tokens,
                )  # fmt: skip
            else:
                texts = [indexed_text(a, p.text, chunking.title_context) for a, passages in todo for p in passages]
                new_vectors = embed_texts(embedder, texts, progress=progress)

        all_passages: list[Passage] = []
        blocks: list[np.ndarray] = []
        offset = 0
        fresh = {article.id: passages for article, passages in todo}
        for article in articles:
            if article.id in kept:
                passages, vectors = kept[article.id]
            else:
                passages = fresh[article.id]
                vectors = new_vectors[offset : offset + len(passages)]
                offset += len(passages)
            all_passages.extend(passages)
            blocks.append(vectors)
        vectors = np.concatenate(blocks) if blocks else np.zeros((0, embedder.dimension), dtype=np.float32)

        manifest = replace(
            _manifest(articles, all_passages, embedder, chunking, ann_settings),
            articles_dir=_folder_name(articles_dir),
            skipped=[asdict(s) for s in skipped],
        )
        with phases("write"):
            # Attribution is cheap rules over text, so every build redoes it for every article.
            # An interviewee's answers count as their words too, for questions about what they said.
            quotations = [q for a in articles for q in article_quotations(a.id, a.text, a.body_start)]
            publish(index_dir, IndexContents(manifest, all_passages, vectors, quotations), ann_settings, store)

    current = {a.id for a in articles}
    added = sum(1 for a, _ in todo if a.id not in old_articles)
    summary = BuildSummary(
        added=added,
        updated=len(todo) - added,
        removed=sum(1 for aid in old_articles if aid not in current),
        unchanged=len(kept),
        skipped=len(skipped),
        passages=len(all_passages),
        embedded=embedded,
        seconds=time.perf_counter() - started,
        phases=dict(phases.seconds),
    )
    log.info(summary.line())
    return summary


def _refuse_shrink(index_dir: Path, articles_dir: Path, found: set[str], max_shrink: float) -> None:
    """Refuse a build that would drop all, or more than `max_shrink`, of the indexed articles of this folder.

    An empty or unmounted articles folder must not wipe the index. A build from another folder that holds
    articles (the image's seeds first, the newsroom's volume later) is a deliberate switch, not a loss; an empty
    one (a mistyped path) is not.
    """
    try:
        manifest = read_manifest(index_dir)
    except NewsIndexError:
        return
    if found and (manifest.articles_dir or _folder_name(articles_dir)) != _folder_name(articles_dir):
        return
    indexed = set(manifest.articles)
    removed = len(indexed - found)
    if indexed and (removed == len(indexed) or removed > max_shrink * len(indexed)):
        raise ShrinkRefusedError(
            f"build would remove {removed} of {len(indexed)} indexed articles ({len(found)} found in "
            f"{escaped(str(articles_dir))}): is the folder mounted? Pass --allow-shrink to build anyway "
            "(index.max_shrink sets the limit)"
        )


def _folder_name(articles_dir: Path) -> str:
    return escaped(str(articles_dir.resolve()))


def _reusable(index_dir: Path, embedder: PassageEmbedder, chunking: ChunkSettings) -> IndexContents | None:
    try:
        previous = load_contents(index_dir)
    except IndexNotFoundError:
        return None
    except NewsIndexError as exc:
        log.warning("previous index not reusable, embedding everything: %s", exc)
        return None
    if previous.manifest.model != _model_info(embedder, chunking) or previous.manifest.chunking != asdict(chunking):
        log.info("model or chunking settings changed since the last build: embedding everything")
        return None
    return previous


def _passages_by_article(contents: IndexContents) -> dict[str, tuple[list[Passage], np.ndarray]]:
    return {
        aid: (list(contents.passages[span.start : span.stop]), contents.vectors[span.start : span.stop])
        for aid, span in contents.columns.article_ranges.items()
    }


class _Phases:
    """Seconds spent in each named phase of a build."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started


def embed_texts(embedder: PassageEmbedder, texts: list[str], *, progress: bool = False) -> np.ndarray:
    """Embed passages' indexed texts as a build does: length-sorted chunks, little padding, a steady bar."""
    vectors = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    with tqdm(total=len(texts), desc="Embedding passages", unit="passage", disable=not progress or not texts) as bar:
        for start in range(0, len(order), ENCODE_CHUNK):
            chunk = order[start : start + ENCODE_CHUNK]
            vectors[chunk] = embedder.encode([texts[i] for i in chunk])
            bar.update(len(chunk))
    return vectors


def vectors_id(model_id: str, chunking: ChunkSettings) -> str:
    """The id an index records for its vectors: the embedder's, marked when late chunking pooled them."""
    return model_id if chunking.late == "none" else f"{model_id} [late chunking: {chunking.late}]"


def _model_info(embedder: PassageEmbedder, chunking: ChunkSettings) -> ModelInfo:
    return ModelInfo(vectors_id(embedder.model_id, chunking), embedder.dimension, embedder.quantize)


def _manifest(
    articles: list[Article],
    passages: list[Passage],
    embedder: PassageEmbedder,
    chunking: ChunkSettings,
    ann_settings: AnnSettings,
) -> Manifest:
    counts: dict[str, int] = {}
    for p in passages:
        counts[p.article_id] = counts.get(p.article_id, 0) + 1
    return Manifest(
        format=FORMAT_VERSION,
        built_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        model=_model_info(embedder, chunking),
        chunking=asdict(chunking),
        ann=asdict(resolve(ann_settings, len(passages))),
        articles={a.id: ArticleMeta.of(a, counts.get(a.id, 0)) for a in articles},
        passages=len(passages),
    )
