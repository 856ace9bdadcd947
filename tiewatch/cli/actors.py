"""`tiewatch actors`: list, rank, merge, split and undo actors; list merge candidates and the log."""

from __future__ import annotations

from typing import Any, Callable

import typer
from rich.table import Table

from tiewatch import resolve
from tiewatch.cli.app import app
from tiewatch.cli.context import DB_OPTION, actor_argument, graph_of, out_console, store_of
from tiewatch.cli.output import Format, format_option, print_records
from tiewatch.graph import refresh
from tiewatch.graph.network import ranking
from tiewatch.store import Store

actors_app = typer.Typer(help="Actors: list (default), rank, merge, split, unmerge, candidates, log.",
                         invoke_without_command=True, no_args_is_help=False)
app.add_typer(actors_app, name="actors")

WHY = typer.Option(None, "--why", help="Why, for the merge log.")
WHO = typer.Option(None, "--who", help="Who decides (default: $USER).")


@actors_app.callback()
def actors(
    ctx: typer.Context,
    format: Format = format_option(),
    rank: bool = typer.Option(False, "--rank", help="Rank by centrality in the tie network instead."),
    kind: str = typer.Option(None, "--kind", help="Only actors of this kind (group, person, state, place)."),
    db: str = DB_OPTION,
) -> None:
    """List actors (id, name, kind, aliases, number of claims)."""
    if ctx.invoked_subcommand is not None:
        return
    store = graph_of(ctx, db)
    if rank:
        _print_ranking(store, format)
        return
    listed = store.list_actors(kind=kind)
    if print_records(format, ({"id": a.id, "name": a.name, "label": a.label, "kind": a.kind, "aliases": a.aliases,
                               "claims": a.claim_count, "external_ids": a.external_ids, "designations": a.designations,
                               "first_seen": a.first_seen, "part_of": (store.actor_parent(a.id) or (None, None))[1]}
                              for a in listed)):
        return
    table = Table("id", "name", "kind", "aliases", "claims")
    for a in listed:
        table.add_row(str(a.id), a.name, a.kind, "; ".join(a.aliases[:6]) + (" …" if len(a.aliases) > 6 else ""),
                      str(a.claim_count))
    out_console.print(table)


def _print_ranking(store, format: Format) -> None:
    ranks = ranking(store)
    if print_records(format, ({"id": r.actor.id, "name": r.actor.name, "degree": r.degree,
                               "betweenness": r.betweenness, "pagerank": r.pagerank} for r in ranks)):
        return
    table = Table("rank", "id", "name", "ties to", "betweenness", "pagerank")
    for i, r in enumerate(ranks, 1):
        table.add_row(str(i), str(r.actor.id), r.actor.name, str(r.degree), f"{r.betweenness:.3f}", f"{r.pagerank:.3f}")
    out_console.print(table)


def _change(ctx: typer.Context, db: str | None, change: Callable[[Store], Any], message: str) -> Store:
    """Apply an analyst's change, re-aggregate the ties, and say what happened."""
    store = store_of(ctx, db)
    change(store)
    refresh(store)
    out_console.print(message, markup=False)
    return store


@actors_app.command()
def merge(ctx: typer.Context, keep: str = actor_argument("KEEP", "The actor that stays"),
          other: str = actor_argument("OTHER", "The actor folded into KEEP"), why: str = WHY,
          force: bool = typer.Option(False, "--force", help="Merge even two distinct watchlist entries."), who: str = WHO, db: str = DB_OPTION) -> None:
    """Fold actor OTHER into KEEP (names, mentions and claims); logged and reversible."""
    logged: list[int] = []
    _change(ctx, db, lambda store: logged.append(resolve.merge(store, keep, other, why=why, who=who, force=force)),
            f"merged {other!r} into {keep!r}")
    out_console.print(f"undo with `tiewatch actors undo {logged[0]}` or `tiewatch actors unmerge {other!r}`",
                      markup=False)


@actors_app.command()
def split(ctx: typer.Context, actor: str = actor_argument(), alias: str = typer.Option(..., "--alias", help="The name to take off."),
          why: str = WHY, who: str = WHO, db: str = DB_OPTION) -> None:
    """Take the name ALIAS off ACTOR: undoes the merge it came with, else makes it its own actor."""
    _change(ctx, db, lambda store: resolve.split(store, actor, alias, why=why, who=who),
            f"{alias!r} is its own actor again")


@actors_app.command()
def unmerge(ctx: typer.Context, actor: str = actor_argument(role="The actor merged away"), db: str = DB_OPTION) -> None:
    """Bring back ACTOR, merged earlier into another, with its mentions and claims."""
    _change(ctx, db, lambda store: resolve.unmerge(store, actor), f"{actor!r} is its own actor again")


@actors_app.command()
def kind(ctx: typer.Context, actor: str = actor_argument(), kind: str = typer.Argument(..., metavar="KIND", help="group, person, state, place or other."),
         why: str = WHY, who: str = WHO, db: str = DB_OPTION) -> None:
    """Correct ACTOR's kind (the tagger took a group for a person); logged and undoable."""
    logged: list[int] = []
    _change(ctx, db, lambda store: logged.append(resolve.set_kind(store, actor, kind, why=why, who=who)),
            f"{actor!r} is now a {kind}")
    out_console.print(f"undo with `tiewatch actors undo {logged[0]}`", markup=False)


@actors_app.command("name")
def display_name(ctx: typer.Context, actor: str = actor_argument(),
                 name: str = typer.Argument(None, metavar="NAME", help="The short name to show it by; leave out to clear it."),
                 why: str = WHY, who: str = WHO, db: str = DB_OPTION) -> None:
    """Show ACTOR by NAME everywhere (a curated short name: "ISIS Sinai Province"); its own name,
    often a watchlist's official one, stays and still finds it; logged and undoable."""
    logged: list[int] = []
    _change(ctx, db, lambda store: logged.append(resolve.set_display_name(store, actor, name, why=why, who=who)),
            f"{actor!r} is shown as {name!r}" if name else f"{actor!r} is shown by its own name again")
    out_console.print(f"undo with `tiewatch actors undo {logged[0]}`", markup=False)


@actors_app.command("not-an-actor")
def not_an_actor(ctx: typer.Context, actor: str = actor_argument(), why: str = WHY, who: str = WHO, db: str = DB_OPTION) -> None:
    """Mark ACTOR as no actor (a doctrine, a demonym, a fragment of a heading): its mentions stay,
    its claims stop making ties, it leaves lists, the graph and exports; logged and undoable."""
    logged: list[int] = []
    _change(ctx, db, lambda store: logged.append(resolve.dismiss(store, actor, why=why, who=who)),
            f"{actor!r} is marked not an actor; its ties are gone, its mentions stay")
    out_console.print(f"undo with `tiewatch actors undo {logged[0]}`", markup=False)


@actors_app.command()
def undo(ctx: typer.Context, entry: int = typer.Argument(..., metavar="ENTRY", min=1, max=2**63 - 1, help="The entry's number in `tiewatch actors log`."),
         db: str = DB_OPTION) -> None:
    """Reverse merge log ENTRY (a merge, split, kind change or not-an-actor); `tiewatch actors log` lists them."""
    _change(ctx, db, lambda store: resolve.undo(store, entry), f"undid merge log entry {entry}")


@actors_app.command()
def candidates(ctx: typer.Context, limit: int = typer.Option(50, "--limit", min=1, help="How many pairs to list, likeliest first."), db: str = DB_OPTION) -> None:
    """Pairs of actors that may be one, kept apart for you to decide (`tiewatch actors merge A B`)."""
    store = store_of(ctx, db)
    table = Table("id", "actor", "id", "maybe the same as", "score", "why")
    for c in resolve.candidates(store, limit=limit):
        table.add_row(str(c.a_id), c.a_name, str(c.b_id), c.b_name, f"{c.score:.0f}", c.reason)
    out_console.print(table)


@actors_app.command("log")
def merge_log(ctx: typer.Context, db: str = DB_OPTION) -> None:
    """The merge log: every merge and split, when, by whom, why, and whether it was undone."""
    store = store_of(ctx, db)
    names = {r.id: r.name for r in store.actor_records()}
    table = Table("entry", "action", "kept", "other", "who", "when", "why", "undone")
    for e in store.merge_entries():
        table.add_row(str(e.id), e.action, names.get(e.kept_id, str(e.kept_id)), names.get(e.other_id, str(e.other_id)),
                      e.who, e.at, e.why or "", e.undone_at or "")
    out_console.print(table)
