"""`tiewatch brief --actor A [--actor B] [--since D] --out brief.md|brief.html`."""

from __future__ import annotations

from pathlib import Path

import typer

from tiewatch.cli.app import app
from tiewatch.cli.context import DB_OPTION, SHOW_PATHS_OPTION, err_console, graph_of


@app.command()
def brief(
    ctx: typer.Context,
    actor: list[str] = typer.Option(..., "--actor", help="An actor the brief is about (repeatable)."),
    out: Path = typer.Option(..., "--out", "-o", help="brief.md (picture beside it as .svg) or brief.html."),
    since: str = typer.Option(None, "--since", help="Only ties new (or first denied) since this date."),
    show_paths: bool = SHOW_PATHS_OPTION,
    db: str = DB_OPTION,
) -> None:
    """Write an analyst brief: summary, each tie by type with quotes, sources, grades and denials, a picture."""
    from tiewatch.export.brief import write_brief

    written = write_brief(graph_of(ctx, db), list(actor), out, since, show_paths=show_paths)
    err_console.print(f"wrote {out}: {len(written.entries)} tie(s) from {len(written.documents)} document(s)",
                      markup=False)
