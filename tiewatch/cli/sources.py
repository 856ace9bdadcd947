"""`tiewatch sources` (list, grade NAME B) and `tiewatch channels` (structural channel edges)."""

from __future__ import annotations


import typer
from rich.table import Table

from tiewatch.cli.app import app
from tiewatch.cli.context import DB_OPTION, out_console, store_of
from tiewatch.cli.output import Format, format_option, print_records
from tiewatch.graph import refresh
from tiewatch.resolve import default_who

sources_app = typer.Typer(help="Sources and their Admiralty reliability grade (A-F, default F).",
                          invoke_without_command=True, no_args_is_help=False)
app.add_typer(sources_app, name="sources")


@sources_app.callback()
def sources(ctx: typer.Context, db: str = DB_OPTION) -> None:
    """List sources with their reliability grade and number of claims."""
    if ctx.invoked_subcommand is not None:
        return
    store = store_of(ctx, db)
    counts = store.source_claim_counts()
    table = Table("id", "name", "kind", "reliability", "claims")
    for s in store.list_sources():
        table.add_row(str(s.id), s.name, s.kind, s.reliability, str(counts.get(s.id, 0)))
    out_console.print(table)


@sources_app.command()
def grade(ctx: typer.Context,
          name: str = typer.Argument(..., metavar="NAME", help="The source, as `tiewatch sources` lists it."),
          reliability: str = typer.Argument(..., metavar="GRADE", help="A to F (the Admiralty scale's source reliability)."),
          who: str = typer.Option(None, "--who", help="Who grades (default: $USER), for the review log."),
          db: str = DB_OPTION) -> None:
    """Grade source NAME: A reliable … E unreliable, F cannot be judged. Ties are re-graded."""
    store = store_of(ctx, db)
    source = store.get_source(name)
    letter = reliability.strip().upper()
    if source.reliability == letter:
        out_console.print(f"{source.name} is already graded {letter}", markup=False)
        return
    store.grade_source(source.id, letter, who or default_who())
    refresh(store)
    out_console.print(f"{source.name} graded {letter}", markup=False)


@app.command()
def channels(
    ctx: typer.Context,
    channel: str = typer.Option(None, "--channel", help="Only edges from or to this channel."),
    format: Format = format_option(),
    db: str = DB_OPTION,
) -> None:
    """Structural edges between Telegram channels (forward, reply, link, mention), apart from claimed ties."""
    store = store_of(ctx, db)
    edges = store.list_structural_edges(channel)
    if print_records(format, ({k: e[k] for k in ("kind", "from_channel", "to_channel", "resolved", "message_link",
                                                  "original_id", "date")} for e in edges)):
        return
    table = Table("kind", "from", "to", "resolved", "message", "date")
    for e in edges:
        table.add_row(e["kind"], e["from_channel"], e["to_channel"], "yes" if e["resolved"] else "id only",
                      e["message_link"] or "", (e["date"] or "")[:10])
    out_console.print(table)
