"""Tests for loading settings: defaults, the YAML file, environment overrides and errors."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.config import (
    ChunkingSettings,
    ConfigError,
    IndexSettings,
    PeopleSettings,
    SearchSettings,
    Settings,
    load_settings,
)
from index.ann import AnnSettings
from index.build import ChunkSettings
from index.embed import OFFICIAL_SHA256
from index.people_search import PeopleConfig
from index.search import SearchConfig
from index.store import StoreSettings

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "config.yaml"


def write_config(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def without_paths(settings: Settings) -> dict:
    data = settings.model_dump()
    del data["articles_dir"], data["index_dir"], data["model"]["path"]
    return data


# --- defaults ------------------------------------------------------------------------------------------

DEFAULTS: list[tuple[str, object]] = [
    ("log_level", "INFO"),
    ("model.sha256", OFFICIAL_SHA256),
    ("model.quantize", "auto"),
    ("model.device", "auto"),
    ("model.batch_size", 64),
    ("model.threads", None),
    ("chunking.sentences_per_passage", 2),
    ("chunking.max_tokens", 256),
    ("chunking.title_context", True),
    ("chunking.late", "none"),
    ("index.type", "auto"),
    ("index.storage", "float32"),
    ("search.top_k", 5),
    ("search.max_per_article", 2),
    ("search.candidates", 100),
    ("search.rrf_k", 60),
    ("search.min_score", 0.35),
    ("search.recency_half_life_days", 365.0),
    ("search.duplicate_similarity", 0.9),
    ("search.today", None),
    ("discord.token_env", "DISCORD_TOKEN"),
    ("discord.channels", []),
]


def lookup(settings: Settings, dotted: str) -> object:
    value: object = settings
    for part in dotted.split("."):
        value = getattr(value, part)
    return value


@pytest.mark.parametrize(("key", "expected"), DEFAULTS, ids=[d[0] for d in DEFAULTS])
def test_defaults(key: str, expected: object) -> None:
    """Without a config file every setting has its documented default."""
    assert lookup(load_settings(None, environ={}), key) == expected


def test_default_paths_relative_to_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a config file the default folders are under the working directory."""
    monkeypatch.chdir(tmp_path)
    settings = load_settings(None, environ={})
    assert (settings.articles_dir, settings.index_dir) == (tmp_path / "seeds", tmp_path / ".index")


def test_default_model_path_is_package() -> None:
    """Without a model path the packaged model is used (path None)."""
    assert load_settings(None, environ={}).model.path is None


def test_empty_file_gives_defaults(tmp_path: Path) -> None:
    """An empty config file means all defaults."""
    settings = load_settings(write_config(tmp_path, ""), environ={})
    assert without_paths(settings) == without_paths(Settings())


# --- values from YAML ----------------------------------------------------------------------------------

YAML_VALUES: list[tuple[str, str, object]] = [
    ("log_level: DEBUG", "log_level", "DEBUG"),
    ("search:\n  top_k: 3", "search.top_k", 3),
    ("search:\n  min_score: 0.45", "search.min_score", 0.45),
    ("search:\n  recency_half_life_days: 30", "search.recency_half_life_days", 30.0),
    ("chunking:\n  sentences_per_passage: 3", "chunking.sentences_per_passage", 3),
    ("model:\n  quantize: none", "model.quantize", "none"),
    ("model:\n  sha256: null", "model.sha256", None),
    ("index:\n  type: hnsw", "index.type", "hnsw"),
    ("search:\n  closest_titles: 5", "search.closest_titles", 5),
    ("index:\n  storage: sq8", "index.storage", "sq8"),
    ("model:\n  device: cpu", "model.device", "cpu"),
    ("chunking:\n  late: article", "chunking.late", "article"),
    ("discord:\n  channels: [1, 2]", "discord.channels", [1, 2]),
]


@pytest.mark.parametrize(("text", "key", "expected"), YAML_VALUES, ids=[v[1] for v in YAML_VALUES])
def test_yaml_values(tmp_path: Path, text: str, key: str, expected: object) -> None:
    """A value in the YAML file replaces the default."""
    assert lookup(load_settings(write_config(tmp_path, text), environ={}), key) == expected


def test_yaml_value_leaves_other_defaults(tmp_path: Path) -> None:
    """Setting one key in a section keeps the section's other defaults."""
    settings = load_settings(write_config(tmp_path, "search:\n  top_k: 3"), environ={})
    assert settings.search.max_per_article == 2


@pytest.mark.parametrize(
    ("text", "field"),
    [("articles_dir: news", "articles_dir"), ("index_dir: data/idx", "index_dir")],
)
def test_relative_paths_resolved_against_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, field: str
) -> None:
    """A relative folder in the file is taken relative to the file's folder, not the working directory."""
    monkeypatch.chdir(tmp_path)
    config = write_config(tmp_path / "etc" / "newsbot", text)
    value = getattr(load_settings(config, environ={}), field)
    assert value == config.parent.resolve() / text.split(": ")[1]


def test_relative_model_path_resolved_against_config_folder(tmp_path: Path) -> None:
    """A relative model path in the file is taken relative to the file's folder."""
    config = write_config(tmp_path / "conf", "model:\n  path: models/mini")
    assert load_settings(config, environ={}).model.path == config.parent.resolve() / "models" / "mini"


def test_absolute_paths_kept(tmp_path: Path) -> None:
    """An absolute folder in the file is used as written."""
    target = tmp_path / "elsewhere" / "articles"
    config = write_config(tmp_path / "conf", f"articles_dir: {target}")
    assert load_settings(config, environ={}).articles_dir == target


def test_config_relative_path_given_as_relative_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A config file named by a relative path still resolves its folders against its own folder."""
    write_config(tmp_path / "conf", "articles_dir: news")
    monkeypatch.chdir(tmp_path)
    settings = load_settings(Path("conf/config.yaml"), environ={})
    assert settings.articles_dir == tmp_path.resolve() / "conf" / "news"


# --- environment and explicit overrides ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("env_name", "field"),
    [("NEWSBOT_ARTICLES", "articles_dir"), ("NEWSBOT_INDEX", "index_dir")],
)
def test_env_overrides_path(tmp_path: Path, env_name: str, field: str) -> None:
    """NEWSBOT_ARTICLES and NEWSBOT_INDEX override the file's folders."""
    config = write_config(tmp_path, "articles_dir: news\nindex_dir: idx")
    target = tmp_path / "from-env"
    assert getattr(load_settings(config, environ={env_name: str(target)}), field) == target


def test_env_overrides_model_path(tmp_path: Path) -> None:
    """NEWSBOT_MODEL overrides the file's model path."""
    config = write_config(tmp_path, "model:\n  path: models/mini")
    target = tmp_path / "mounted-model"
    assert load_settings(config, environ={"NEWSBOT_MODEL": str(target)}).model.path == target


def test_env_model_keeps_other_model_settings(tmp_path: Path) -> None:
    """NEWSBOT_MODEL replaces only the model path."""
    config = write_config(tmp_path, "model:\n  quantize: none\n  batch_size: 8")
    model = load_settings(config, environ={"NEWSBOT_MODEL": str(tmp_path)}).model
    assert (model.quantize, model.batch_size) == ("none", 8)


def test_empty_env_value_ignored(tmp_path: Path) -> None:
    """An empty environment variable does not override the file."""
    config = write_config(tmp_path, "articles_dir: news")
    settings = load_settings(config, environ={"NEWSBOT_ARTICLES": "", "NEWSBOT_MODEL": ""})
    assert settings.articles_dir == tmp_path.resolve() / "news"
    assert settings.model.path is None


def test_env_without_config_file(tmp_path: Path) -> None:
    """The environment overrides the defaults when there is no config file."""
    settings = load_settings(None, environ={"NEWSBOT_INDEX": str(tmp_path / "idx")})
    assert settings.index_dir == tmp_path / "idx"


def test_process_environment_is_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without environ= the process environment is read."""
    monkeypatch.setenv("NEWSBOT_ARTICLES", str(tmp_path / "mounted"))
    assert load_settings(None).articles_dir == tmp_path / "mounted"


@pytest.mark.parametrize(
    ("env_name", "field"),
    [("NEWSBOT_ARTICLES", "articles_dir"), ("NEWSBOT_INDEX", "index_dir")],
)
def test_explicit_argument_beats_env(tmp_path: Path, env_name: str, field: str) -> None:
    """An explicit --articles/--index value beats the environment and the file."""
    config = write_config(tmp_path, "articles_dir: news\nindex_dir: idx")
    explicit = tmp_path / "explicit"
    settings = load_settings(config, environ={env_name: str(tmp_path / "env")}, **{field: explicit})
    assert getattr(settings, field) == explicit


# --- errors --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [("bogus_key: 1", "bogus_key"), ("search:\n  top_kk: 3", "search.top_kk"), ("model:\n  pth: x", "model.pth")],
)
def test_unknown_key_names_it(tmp_path: Path, text: str, key: str) -> None:
    """An unknown key is a ConfigError naming the key."""
    with pytest.raises(ConfigError, match=f"'{key}'"):
        load_settings(write_config(tmp_path, text), environ={})


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("search:\n  top_k: 0", "search.top_k"),
        ("index:\n  type: annoy", "index.type"),
        ("chunking:\n  max_tokens: many", "chunking.max_tokens"),
        ("log_level: LOUD", "log_level"),
    ],
)
def test_invalid_value_names_key(tmp_path: Path, text: str, key: str) -> None:
    """A value of the wrong kind or out of range is a ConfigError naming the key."""
    with pytest.raises(ConfigError, match=f"'{key}'"):
        load_settings(write_config(tmp_path, text), environ={})


@pytest.mark.parametrize(
    ("text", "allowed"),
    [
        ("search:\n  fusion: lineer", "'linear' or 'rrf'"),
        ("index:\n  type: hsnw", "'flat', 'hnsw' or 'ivfpq'"),
    ],
)
def test_misspelt_choice_lists_the_allowed_ones(tmp_path: Path, text: str, allowed: str) -> None:
    """A misspelt choice is refused at load, in one line that lists the allowed values."""
    with pytest.raises(ConfigError, match=allowed) as raised:
        load_settings(write_config(tmp_path, text), environ={})
    assert "\n" not in str(raised.value)


SECTIONS = [
    (ChunkingSettings, (ChunkSettings,)),
    (IndexSettings, (AnnSettings, StoreSettings)),
    (SearchSettings, (SearchConfig,)),
    (PeopleSettings, (PeopleConfig,)),
]


@pytest.mark.parametrize(("section", "libraries"), SECTIONS, ids=[s.__name__ for s, _ in SECTIONS])
def test_section_fields_match_library(section: type, libraries: tuple[type, ...]) -> None:
    """Every library setting can be set from config.yaml, with the library's default, and no other exists."""
    defaults = {name: value for library in libraries for name, value in dataclasses.asdict(library()).items()}
    assert set(section.model_fields) == set(defaults)
    assert section().model_dump() == defaults


def test_sections_convert_themselves(tmp_path: Path) -> None:
    """Each section's to_*() carries its values into the library's settings."""
    text = (
        "search:\n  fusion: rrf\n  closest_titles: 1\nindex:\n  type: hnsw\n  keep_generations: 3\n"
        "chunking:\n  max_tokens: 64\npeople:\n  min_score: 0.3\n  timeline_max: 20\n  cross_encoder: false\n"
        "  cross_encoder_context_words: 12"
    )
    settings = load_settings(write_config(tmp_path, text), environ={})
    assert settings.search.to_search_config() == SearchConfig(fusion="rrf", closest_titles=1)
    assert settings.index.to_ann_settings() == AnnSettings(type="hnsw")
    assert settings.index.to_store_settings() == StoreSettings(keep_generations=3)
    assert settings.chunking.to_chunk_settings() == ChunkSettings(max_tokens=64)
    assert settings.people.to_people_config() == PeopleConfig(
        min_score=0.3, timeline_max=20, cross_encoder=False, cross_encoder_context_words=12
    )


@pytest.mark.parametrize("text", ["search: [unclosed", "a: b: c", "key: 'open"], ids=["bracket", "colon", "quote"])
def test_invalid_yaml(tmp_path: Path, text: str) -> None:
    """A file that is not valid YAML is a ConfigError saying so."""
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_settings(write_config(tmp_path, text), environ={})


def test_non_mapping_yaml(tmp_path: Path) -> None:
    """A YAML file that is not a mapping is a ConfigError."""
    with pytest.raises(ConfigError, match="mapping"):
        load_settings(write_config(tmp_path, "- a\n- b\n"), environ={})


def test_missing_file(tmp_path: Path) -> None:
    """A config file that does not exist is a ConfigError naming it."""
    missing = tmp_path / "nowhere.yaml"
    with pytest.raises(ConfigError, match="nowhere.yaml"):
        load_settings(missing, environ={})


# --- the shipped config.yaml ---------------------------------------------------------------------------


def test_shipped_config_loads() -> None:
    """The shipped config.yaml loads and points at the shipped seeds."""
    settings = load_settings(SHIPPED, environ={})
    assert settings.articles_dir == ROOT / "seeds"
    assert settings.index_dir == ROOT / ".index"


def test_shipped_config_equals_defaults() -> None:
    """The shipped config.yaml documents the defaults: apart from paths, it equals them."""
    assert without_paths(load_settings(SHIPPED, environ={})) == without_paths(Settings())
