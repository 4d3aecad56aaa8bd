"""Options every command shares: --config, --articles and --index, resolved into Settings."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from bot.config import ConfigError, load_settings
from bot.logging import setup_logging
from index.errors import NewsIndexError


def common_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give a command --config, --articles and --index, and hand it the resulting Settings."""

    @click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
                  help="Settings file [default: ./config.yaml when present].")
    @click.option("--articles", "articles_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
                  help="Folder of article files (overrides the config).")
    @click.option("--index", "index_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
                  help="Folder of the index (overrides the config).")
    @functools.wraps(command)
    def wrapper(config_path: Path | None, articles_dir: Path | None, index_dir: Path | None, **kwargs: Any) -> Any:
        if config_path is None and Path("config.yaml").is_file():
            config_path = Path("config.yaml")
        try:
            settings = load_settings(config_path, articles_dir=articles_dir, index_dir=index_dir)
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from None
        setup_logging(settings.log_level)
        try:
            return command(settings, **kwargs)
        except NewsIndexError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper
