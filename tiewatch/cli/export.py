"""`tiewatch export FORMAT --out PATH`: the graph (or part of it) in another tool's format."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import typer

from tiewatch.cli.app import app
from tiewatch.cli.context import DB_OPTION, SHOW_PATHS_OPTION, err_console, graph_of


@app.command()
def export(
    ctx: typer.Context,
    format: str = typer.Argument(
        ..., metavar="FORMAT",
        help="stix, gexf (GEXF 1.3 for Gephi), graphml, gephi (Gephi spreadsheet CSVs), ftm, "
        "misp (a MISP feed folder), csv or jsonl; installed plugins add more.",
    ),
    out: Path = typer.Option(..., "--out", "-o", help="File to write (- for standard output); a folder for csv, gephi and misp."),
    actor: list[str] = typer.Option([], "--actor", help="Only ties touching this actor (repeatable)."),
    type: str = typer.Option(None, "--type", help="Only ties of this type, e.g. supplies_weapons."),
    since: str = typer.Option(None, "--since", help="Only ties new (or first denied) since this date."),
    profile: str = typer.Option(None, "--profile", help="stix: `opencti` maps types to those OpenCTI accepts."),
    tlp: str = typer.Option("clear", "--tlp", help="stix and misp: TLP 2.0 marking: clear, green, amber, amber+strict, red."),
    all_actors: bool = typer.Option(
        False, "--all-actors", help="Also every actor without a tie (by default only actors that some exported tie joins)."),
    show_paths: bool = SHOW_PATHS_OPTION,
    db: str = DB_OPTION,
) -> None:
    """Write the graph as STIX 2.1, GEXF, GraphML, Gephi CSVs, FollowTheMoney, a MISP feed, CSV or JSON lines."""
    from tiewatch.export import ExportOptions
    from tiewatch.export import export as run_export
    from tiewatch.model import ExportError, vocabulary

    if type and type not in vocabulary():
        raise ExportError(f"unknown tie type {type!r}; known: {', '.join(vocabulary())}")
    if profile not in (None, "opencti"):
        raise ExportError(f"unknown profile {profile!r}; the only profile is opencti")
    options = ExportOptions(actors=list(actor), type=type, since=since, profile=profile, tlp=tlp.lower(), show_paths=show_paths,
                            all_actors=all_actors)
    if str(out) == "-":
        count = _to_stdout(graph_of(ctx, db), format.lower(), options)
        err_console.print(f"wrote {count} items to standard output", markup=False)
        return
    count = run_export(graph_of(ctx, db), format.lower(), out, options)
    err_console.print(f"wrote {count} items to {out}", markup=False)


def _to_stdout(store, fmt: str, options) -> int:
    """Export into a file of a private folder, then copy it to standard output (a folder format cannot)."""
    from tiewatch.export import export as run_export
    from tiewatch.export import exporters
    from tiewatch.model import ExportError

    if fmt in exporters and exporters.get(fmt).directory:
        raise ExportError(f"{fmt} writes a folder of files, which cannot go to standard output; give --out FOLDER")
    with tempfile.TemporaryDirectory(prefix="tiewatch-export-") as folder:
        path = Path(folder) / f"export.{fmt}"
        count = run_export(store, fmt, path, options)
        with path.open("rb") as written:
            shutil.copyfileobj(written, sys.stdout.buffer)
    sys.stdout.flush()
    return count
