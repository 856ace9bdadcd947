"""What every command shares: the chosen database and how errors reach the user."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import cached_property

import typer
from rich.console import Console

from tiewatch.graph import catch_up
from tiewatch.model import StoreError
from tiewatch.store import Store, missing_file, resolve_url

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


def store_of(ctx: typer.Context, db: str | None = None, create: bool = False) -> Store:
    """The store for this command: a command's own --db wins over the global one, and both over
    TIEWATCH_DB. Only a command that builds a store (`create`) makes a SQLite file that is not
    there: any other would read an empty new database in the wrong folder and say nothing."""
    s = settings(ctx)
    if db:
        s.db = db
        s.__dict__.pop("store", None)
    path = None if create or "store" in s.__dict__ else missing_file(s.url)
    if path is not None:
        raise StoreError(f"no database at {path.resolve()}: run `tiewatch ingest` there first, "
                         "or name the one to use with --db or TIEWATCH_DB")
    return s.store


def graph_of(ctx: typer.Context, db: str | None = None, create: bool = False) -> Store:
    """The store for a command that reads the graph, first rebuilt if an interrupted ingest or
    review left it behind what is stored (saying so on stderr)."""
    store = store_of(ctx, db, create)
    report = catch_up(store)
    if report is not None:
        err_console.print(f"the graph was behind what is stored (an interrupted run, or an ingest still under way); "
                          f"rebuilt it: {report.summary()}",
                          markup=False)
    return store


def actor_argument(metavar: str = "ACTOR", role: str = "The actor") -> typer.models.ArgumentInfo:
    """A positional argument naming an actor, said the same way by every command that takes one."""
    return typer.Argument(..., metavar=metavar, help=f"{role}: its id, its name or one of its aliases.")


# No `envvar` here: TIEWATCH_DB is read by `resolve_url` only when no --db was given anywhere on the
# command line, so `tiewatch --db X ties` means X whatever the environment says.
SHOW_PATHS_OPTION = typer.Option(
    False, "--show-paths",
    help="Name the files documents were read from (as stored, relative to what was ingested); "
    "by default only web addresses are shown, so nothing local travels with a page, brief or export.",
)

DB_OPTION = typer.Option(
    None, "--db", metavar="URL",
    help="Database URL: sqlite:///PATH or postgresql+psycopg://USER@HOST/DB "
    "(default: TIEWATCH_DB, else sqlite:///tiewatch.db in this folder).",
)
