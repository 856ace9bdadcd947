"""`tiewatch path A B`: how two actors connect, hop by hop, each hop with the quote behind it."""

from __future__ import annotations

import typer

from tiewatch.cli.app import app
from tiewatch.cli.context import DB_OPTION, actor_argument, graph_of, out_console
from tiewatch.graph.evidence import cite
from tiewatch.graph.network import paths
from tiewatch.resolve import find_actor


@app.command()
def path(
    ctx: typer.Context,
    source: str = actor_argument("SOURCE", "Where the path starts"),
    target: str = actor_argument("TARGET", "Where it ends"),
    limit: int = typer.Option(3, "--limit", min=1, max=100, help="How many shortest paths to show."),
    max_hops: int = typer.Option(4, "--max-hops", min=1, max=10, help="Longest path to consider."),
    db: str = DB_OPTION,
) -> None:
    """Shortest evidence-backed paths from SOURCE to TARGET (names, aliases or ids)."""
    store = graph_of(ctx, db)
    a, b = find_actor(store, source), find_actor(store, target)
    found = paths(store, a.id, b.id, limit=limit, max_hops=max_hops)
    if not found:
        out_console.print(f"no evidence-backed path from {a.name} to {b.name} within {max_hops} hops", markup=False)
        raise typer.Exit(1)
    for number, hops in enumerate(found, 1):
        out_console.print(f"path {number}: " + " \u2014 ".join([hops[0].source] + [h.target for h in hops]), markup=False)
        for hop in hops:
            tie = hop.tie
            out_console.print(f"  {tie.subject} {tie.type} {tie.object}  [{tie.grade}, {tie.sources} source{'' if tie.sources == 1 else 's'}]",
                              markup=False)
            if hop.quote is not None:
                out_console.print(f"    {cite(hop.quote)}", markup=False)
