"""The bot's cogs, one concern each; modules starting with `_` are helpers, not extensions."""

from __future__ import annotations

import pkgutil


def extensions() -> list[str]:
    """Name every cog module of this package, for `load_extension`."""
    return [f"{__name__}.{m.name}" for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")]
