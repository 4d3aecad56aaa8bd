"""The manifest of an index generation, typed: what was built, with which model and settings, from which articles.

It is stored as `manifest.json`; `Manifest.from_json` is the one place that reads its keys.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from index.models import Article, IndexStats


@dataclass(frozen=True)
class ModelInfo:
    """The embedding model an index was built with: vectors from another one mean nothing to it."""

    id: str
    dimension: int
    quantize: str


@dataclass(frozen=True)
class ArticleMeta:
    """What the index keeps of one article: enough to cite it and to tell whether it changed."""

    hash: str
    path: str
    title: str
    title_derived: bool
    date: dt.date | None
    url: str | None
    author: str | None
    meta: dict[str, Any] = field(default_factory=dict)
    passages: int = 0

    @classmethod
    def of(cls, article: Article, passages: int) -> ArticleMeta:
        return cls(
            hash=article.content_hash,
            path=article.path,
            title=article.title,
            title_derived=article.title_derived,
            date=article.date,
            url=article.url,
            author=article.author,
            meta=_jsonable(article.meta),
            passages=passages,
        )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArticleMeta:
        date = data["date"]
        return cls(**{**data, "date": dt.date.fromisoformat(date) if date else None})

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        return data


@dataclass(frozen=True)
class Manifest:
    """One generation's description; `chunking` and `ann` are the settings it was built with, as stored."""

    format: int
    built_at: str
    model: ModelInfo
    chunking: dict[str, Any]
    ann: dict[str, Any]
    articles: dict[str, ArticleMeta]
    passages: int
    # The resolved articles folder, so answers can tell whether their file changed and the shrink guard knows
    # a build from another folder (None in indexes built before it was recorded).
    articles_dir: str | None = None
    # The files the build skipped, each {"path", "reason"}; `index status` reports how many.
    skipped: list[dict[str, str]] = field(default_factory=list)
    # Each index file's {"size", "sha256"}, recorded when the generation is written; `index status` checks them.
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def title_context(self) -> bool:
        """Whether passages were indexed with their article's headline (see `index.passages.indexed_text`)."""
        return bool(self.chunking["title_context"])

    def stats(self) -> IndexStats:
        return IndexStats(
            articles=len(self.articles),
            passages=self.passages,
            model=self.model.id,
            built_at=self.built_at,
            index_type=self.ann["type"],
            skipped=len(self.skipped),
        )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        """Read a parsed `manifest.json`; raises KeyError or TypeError when it lacks a field."""
        return cls(
            format=data["format"],
            built_at=data["built_at"],
            model=ModelInfo(**data["model"]),
            chunking=dict(data["chunking"]),
            ann=dict(data["ann"]),
            articles={aid: ArticleMeta.from_json(meta) for aid, meta in data["articles"].items()},
            passages=data["counts"]["passages"],
            articles_dir=data.get("articles_dir"),
            skipped=list(data.get("skipped", [])),
            files=dict(data.get("files", {})),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "built_at": self.built_at,
            "model": asdict(self.model),
            "chunking": self.chunking,
            "ann": self.ann,
            "counts": {"articles": len(self.articles), "passages": self.passages},
            "articles": {aid: meta.to_json() for aid, meta in self.articles.items()},
            "articles_dir": self.articles_dir,
            "skipped": self.skipped,
            "files": self.files,
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value if value is None or isinstance(value, str | int | float | bool) else str(value)
