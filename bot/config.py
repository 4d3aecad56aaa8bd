"""Settings from `config.yaml`, parsed once into a validated model.

Precedence, lowest first: the model's defaults, the YAML file, environment variables for the paths a
container mounts (`NEWSBOT_ARTICLES`, `NEWSBOT_INDEX`, `NEWSBOT_MODEL`), then command-line options.
The Discord token is never read from the file, only from the environment variable `discord.token_env` names.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from index.ann import AnnSettings, AnnType, Storage
from index.build import ChunkSettings
from index.embed import OFFICIAL_SHA256, Device, Embedder, Precision, Runtime
from index.importers import ImportOptions
from index.late_chunking import LateChunking
from index.people_search import PeopleConfig
from index.search import Fusion, SearchConfig
from index.store import StoreSettings

# Each section's defaults are its library dataclass's (one source); `tests/bot/test_config.py` checks that the
# field sets match, so a setting added to the library cannot be forgotten here. `index` holds two: the ANN's and
# the store's (generations kept, shrink guard, permissions).
_CHUNK = ChunkSettings()
_ANN = AnnSettings()
_SEARCH = SearchConfig()
_STORE = StoreSettings()
_PEOPLE = PeopleConfig()




def _fields(library: type) -> set[str]:
    return {f.name for f in dataclasses.fields(library)}


ENV_PATHS = {"articles_dir": "NEWSBOT_ARTICLES", "index_dir": "NEWSBOT_INDEX"}


class ConfigError(Exception):
    """The configuration file is missing or invalid."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ModelSettings(_Section):
    path: Path | None = None
    sha256: str | None = OFFICIAL_SHA256
    quantize: Precision = "auto"
    device: Device = "auto"
    batch_size: int = Field(64, ge=1)
    threads: int | None = Field(None, ge=1)
    runtime: Runtime = "torch"
    cache_dir: Path | None = None

    def embedder_options(self) -> dict[str, Any]:
        """The `Embedder` arguments these settings give (a Ray worker loads its own model with them)."""
        return self.model_dump()

    def to_embedder(self) -> Embedder:
        """Load the model these settings name."""
        return Embedder(**self.embedder_options())


class ChunkingSettings(_Section):
    sentences_per_passage: int = Field(_CHUNK.sentences_per_passage, ge=1, le=5)
    max_tokens: int = Field(_CHUNK.max_tokens, ge=32, le=512)
    title_context: bool = _CHUNK.title_context
    late: LateChunking = _CHUNK.late

    def to_chunk_settings(self) -> ChunkSettings:
        return ChunkSettings(**self.model_dump())


class IndexSettings(_Section):
    type: AnnType = _ANN.type
    storage: Storage = _ANN.storage
    hnsw_m: int = Field(_ANN.hnsw_m, ge=4)
    hnsw_ef_construction: int = Field(_ANN.hnsw_ef_construction, ge=8)
    hnsw_ef_search: int = Field(_ANN.hnsw_ef_search, ge=8)
    ivf_nlist: int | None = Field(_ANN.ivf_nlist, ge=1)
    ivf_nprobe: int = Field(_ANN.ivf_nprobe, ge=1)
    pq_m: int = Field(_ANN.pq_m, ge=1)
    keep_generations: int = Field(_STORE.keep_generations, ge=1)
    max_shrink: float = Field(_STORE.max_shrink, gt=0, le=1)
    private: bool = _STORE.private

    def to_ann_settings(self) -> AnnSettings:
        return AnnSettings(**self.model_dump(include=_fields(AnnSettings)))

    def to_store_settings(self) -> StoreSettings:
        return StoreSettings(**self.model_dump(include=_fields(StoreSettings)))


class SearchSettings(_Section):
    # The defaults are the measured best (bench/README.md).
    top_k: int = Field(_SEARCH.top_k, ge=1, le=25)
    max_per_article: int = Field(_SEARCH.max_per_article, ge=1)
    candidates: int = Field(_SEARCH.candidates, ge=5)
    fusion: Fusion = _SEARCH.fusion
    dense_weight: float = Field(_SEARCH.dense_weight, ge=0)
    lexical_weight: float = Field(_SEARCH.lexical_weight, ge=0)
    rrf_k: int = Field(_SEARCH.rrf_k, ge=1)
    min_score: float = _SEARCH.min_score
    recency_half_life_days: float | None = Field(_SEARCH.recency_half_life_days, gt=0)
    recency_weight: float = Field(_SEARCH.recency_weight, ge=0, lt=1)
    duplicate_similarity: float = Field(_SEARCH.duplicate_similarity, gt=0, le=1)
    narrow_words: int = Field(_SEARCH.narrow_words, ge=0)
    narrow_margin: int = Field(_SEARCH.narrow_margin, ge=1)
    closest_titles: int = Field(_SEARCH.closest_titles, ge=0)
    max_from_first_article: int | None = Field(_SEARCH.max_from_first_article, ge=1)
    lead_margin: float | None = Field(_SEARCH.lead_margin, ge=0)
    widen_dates: bool = _SEARCH.widen_dates
    expand_terms: bool = _SEARCH.expand_terms
    rerank: bool = _SEARCH.rerank
    rerank_depth: int = Field(_SEARCH.rerank_depth, ge=1, le=200)
    cross_encoder: bool = _SEARCH.cross_encoder
    cross_encoder_depth: int = Field(_SEARCH.cross_encoder_depth, ge=1, le=50)
    cross_encoder_weight: float = Field(_SEARCH.cross_encoder_weight, ge=0)
    cross_encoder_article_weight: float | None = Field(_SEARCH.cross_encoder_article_weight, ge=0)
    keep_weak: bool = _SEARCH.keep_weak
    today: dt.date | None = _SEARCH.today

    def to_search_config(self) -> SearchConfig:
        return SearchConfig(**self.model_dump())


class PeopleSettings(_Section):
    # The defaults are the measured ones (bench/run.py --only attribution).
    min_score: float = _PEOPLE.min_score
    quote_weight: float = Field(_PEOPLE.quote_weight, ge=0, le=1)
    term_weight: float = Field(_PEOPLE.term_weight, ge=0)
    closest_quotes: int = Field(_PEOPLE.closest_quotes, ge=1)
    timeline_max: int = Field(_PEOPLE.timeline_max, ge=1, le=25)
    speaker_share: float = Field(_PEOPLE.speaker_share, gt=0, le=1)
    quote_words: int = Field(_PEOPLE.quote_words, ge=10)
    quotes_listed: int = Field(_PEOPLE.quotes_listed, ge=1, le=25)
    cross_encoder: bool = _PEOPLE.cross_encoder
    cross_encoder_depth: int = Field(_PEOPLE.cross_encoder_depth, ge=1, le=50)
    cross_encoder_weight: float = Field(_PEOPLE.cross_encoder_weight, ge=0)
    cross_encoder_context_words: int = Field(_PEOPLE.cross_encoder_context_words, ge=0)
    passage_term_weight: float = Field(_PEOPLE.passage_term_weight, ge=0)

    def to_people_config(self) -> PeopleConfig:
        return PeopleConfig(**self.model_dump())


class DiscordSettings(_Section):
    token_env: str = "DISCORD_TOKEN"
    mention_replies: bool = True
    channels: list[int] = Field(default_factory=list)
    guild_ids: list[int] = Field(default_factory=list)
    admin_role: str | None = None
    cooldown_seconds: float = Field(5.0, ge=0)


JsonlField = Literal["title", "date", "url", "author", "body", "html", "guid", "status"]


class ImportSettings(_Section):
    pages: bool = False
    fields: dict[JsonlField, str] = Field(default_factory=dict)
    timeout_seconds: float = Field(30.0, gt=0)

    def to_options(self) -> ImportOptions:
        """The importers' options: JSON Lines names not mapped here keep their own names."""
        defaults = ImportOptions()
        fields = {**defaults.fields, **{str(name): key for name, key in self.fields.items()}}
        return ImportOptions(pages=self.pages, fields=fields, timeout=self.timeout_seconds)


class RefreshSettings(_Section):
    watch: bool = True
    watch_debounce_seconds: float = Field(1.0, ge=0.05)
    poll_minutes: float = Field(15.0, gt=0)


class Settings(_Section):
    articles_dir: Path = Path("seeds")
    index_dir: Path = Path(".index")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    article_url: str | None = None
    model: ModelSettings = Field(default_factory=ModelSettings)
    chunking: ChunkingSettings = Field(default_factory=ChunkingSettings)
    index: IndexSettings = Field(default_factory=IndexSettings)
    search: SearchSettings = Field(default_factory=SearchSettings)
    people: PeopleSettings = Field(default_factory=PeopleSettings)
    discord: DiscordSettings = Field(default_factory=DiscordSettings)
    importing: ImportSettings = Field(default_factory=ImportSettings)
    sources: list[str] = Field(default_factory=list)
    refresh: RefreshSettings = Field(default_factory=RefreshSettings)

    @field_validator("article_url")
    @classmethod
    def _one_placeholder(cls, template: str | None) -> str | None:
        """Refuse a template a link could not be made from, at start-up rather than at the first answer."""
        if template is None:
            return None
        try:
            filled = template.format(article_id="x")
        except (KeyError, IndexError, ValueError):
            filled = ""
        if "{article_id}" not in template or not filled.startswith(("http://", "https://")):
            raise ValueError("must be a web address with {article_id} as its only placeholder")
        return template


def load_settings(
    path: Path | None,
    *,
    articles_dir: Path | None = None,
    index_dir: Path | None = None,
    environ: dict[str, str] | None = None,
) -> Settings:
    """Read `path` (a missing default file means all defaults), apply env and explicit overrides.

    Relative paths in the file are taken relative to the file's folder, so the bot works from any cwd.
    """
    env: Mapping[str, str] = os.environ if environ is None else environ
    raw: dict = {}
    base = Path.cwd()
    if path is not None:
        if not path.is_file():
            raise ConfigError(f"config file {path} not found: pass --config FILE or create it")
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" line {mark.line + 1}" if mark else ""
            raise ConfigError(f"config file {path}{where} is not valid YAML: fix its syntax") from None
        if not isinstance(raw, dict):
            raise ConfigError(f"config file {path} must be a mapping of settings")
        base = path.resolve().parent
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise ConfigError(f"config file {path}: setting '{where}': {err['msg']}") from None
    updates: dict = {}
    for field_name, env_name in ENV_PATHS.items():
        value = env.get(env_name)
        updates[field_name] = Path(value) if value else _resolve(base, getattr(settings, field_name))
    if articles_dir is not None:
        updates["articles_dir"] = articles_dir
    if index_dir is not None:
        updates["index_dir"] = index_dir
    model = settings.model
    model_env = env.get("NEWSBOT_MODEL")
    if model_env:
        model = model.model_copy(update={"path": Path(model_env)})
    elif model.path is not None:
        model = model.model_copy(update={"path": _resolve(base, model.path)})
    if model.cache_dir is not None:
        model = model.model_copy(update={"cache_dir": _resolve(base, model.cache_dir)})
    updates["model"] = model
    return settings.model_copy(update=updates)


def _resolve(base: Path, path: Path) -> Path:
    return path if path.is_absolute() else base / path
