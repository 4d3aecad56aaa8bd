"""`newsbot index build|status`."""

from __future__ import annotations

import click

from bot.commands._options import common_options
from bot.config import Settings
from bot.heartbeat import FILENAME as HEARTBEAT
from bot.heartbeat import MAX_AGE, StaleHeartbeat, check
from bot.refresh import RefreshState
from bot.service import AnswerService, expected_vectors_id
from index.ray_executor import RayEmbedder
from index.store import verify


@click.group("index")
def index_group() -> None:
    """Build or inspect the search index."""


@index_group.command("build")
@click.option("--full", is_flag=True, help="Re-embed every article, not only the changed ones.")
@click.option(
    "--executor",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Where passages are embedded: this process, or Ray workers (pip install -e '.[ray]').",
)
@click.option("--ray-address", help="Ray cluster to join (e.g. ray://head:10001); default: start a local Ray.")
@click.option("--ray-workers", type=click.IntRange(min=1), help="Ray workers, one model each [default: the CPUs].")
@click.option("--allow-shrink", is_flag=True,
              help="Build even if that removes all, or more than index.max_shrink, of the indexed articles.")
@common_options
def index_build(
    settings: Settings, full: bool, executor: str, ray_address: str | None, ray_workers: int | None,
    allow_shrink: bool,
) -> None:
    """Index the articles folder (incremental; the old index serves until the new one is complete)."""
    service = AnswerService(settings)
    if executor == "local":
        if ray_address or ray_workers:
            raise click.UsageError("--ray-address and --ray-workers need --executor ray")
        summary = service.rebuild(full=full, allow_shrink=allow_shrink)
    else:
        options = settings.model.embedder_options()
        builder = RayEmbedder(service.embedder, options, address=ray_address, workers=ray_workers)
        try:
            summary = service.rebuild(full=full, builder=builder, allow_shrink=allow_shrink)
        finally:
            builder.shutdown()
    click.echo(summary.line())


@index_group.command("status")
@click.option("--bot", "bot_alive", is_flag=True,
              help="Also fail unless the running bot has been connected to Discord within --max-age.")
@click.option("--max-age", type=click.FloatRange(min=1), default=MAX_AGE, show_default=True,
              help="Seconds the bot's heartbeat may be old, with --bot.")
@common_options
def index_status(settings: Settings, bot_alive: bool, max_age: float) -> None:
    """Show what the index holds; exits non-zero when an index file is missing or damaged (the health check).

    Checks every file's size and checksum and the FAISS header against the build's record; loads no model.
    """
    stats = verify(settings.index_dir, expected_vectors_id(settings))
    click.echo(f"index:    {settings.index_dir}")
    click.echo(f"articles: {stats.articles}")
    click.echo(f"passages: {stats.passages}")
    click.echo(f"model:    {stats.model}")
    click.echo(f"type:     {stats.index_type}")
    click.echo(f"built:    {stats.built_at}")
    click.echo(f"skipped:  {stats.skipped} files in the last build (their warnings are in its log)")
    refresh = RefreshState.load(settings.index_dir)
    if refresh is not None:
        lines = refresh.lines()
        click.echo(f"refreshed: {lines['Last refresh']}")
        click.echo(f"next:      {lines['Next refresh']}")
    if bot_alive:
        try:
            seconds = check(settings.index_dir / HEARTBEAT, max_age)
        except StaleHeartbeat as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"bot:      connected to Discord ({seconds:.0f} s ago)")
