"""What every command shares: the chosen database and how errors reach the user."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import cached_property

import typer
from rich.console import Console

from tiewatch.graph import catch_up
from tiewatch.store import Store, resolve_url

err_console = Console(stderr=True, highlight=False, soft_wrap=True)
# Piped or redirected output is read whole (a file, `less -S`, a pager): tables are not squeezed to
# 80 columns there. A terminal keeps its own width; COLUMNS still wins where it is set.
out_console = Console(
    highlight=False, soft_wrap=True,
    width=None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 200,
)


@dataclass
class Settings:
    db: str | None = None

    @cached_property
    def store(self) -> Store:
        return Store(self.db)

    @property
    def url(self) -> str:
        return resolve_url(self.db)


def settings(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    if root.obj is None:
        root.obj = Settings()
    return root.obj


def store_of(ctx: typer.Context, db: str | None = None) -> Store:
    """The store for this command: a command's own --db wins over the global one."""
    s = settings(ctx)
    if db:
        s.db = db
        s.__dict__.pop("store", None)
    return s.store


def graph_of(ctx: typer.Context, db: str | None = None) -> Store:
    """The store for a command that reads the graph, first rebuilt if an interrupted ingest or
    review left it behind what is stored (saying so on stderr)."""
    store = store_of(ctx, db)
    report = catch_up(store)
    if report is not None:
        err_console.print(f"the graph was behind what is stored (an interrupted run, or an ingest still under way); "
                          f"rebuilt it: {report.summary()}",
                          markup=False)
    return store


DB_OPTION = typer.Option(
    None, "--db", envvar="TIEWATCH_DB",
    help="Database URL: sqlite:///PATH (default sqlite:///tiewatch.db) or postgresql+psycopg://USER@HOST/DB.",
)
