"""`tiewatch ties`: the aggregated ties, filtered by actor, type and what is new."""

from __future__ import annotations

from datetime import date, datetime

import typer
from rich.table import Table

from tiewatch.cli.app import app
from tiewatch.cli.context import DB_OPTION, graph_of, out_console
from tiewatch.cli.output import Format, format_option, print_records
from tiewatch.graph.ties import stamp
from tiewatch.model import TiewatchError, vocabulary
from tiewatch.resolve import find_actor

LAST_RUN = "ties.since_last"


def since_value(store, since: str | None) -> str | None:
    """`last` -> the time of the previous `ties --since last` (remembered now); a date stays a date."""
    if since is None:
        return None
    if since.strip().lower() == "last":
        previous = store.get_setting(LAST_RUN)
        store.set_setting(LAST_RUN, stamp())
        return previous or ""
    try:
        parsed = datetime.fromisoformat(since.strip())
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(since.strip()), datetime.min.time())
        except ValueError:
            raise TiewatchError(f"--since {since!r} is not a date; write 2024-03-01, 2024-03-01T12:00 or last") from None
    return parsed.isoformat() if parsed.time() != datetime.min.time() else parsed.date().isoformat()


@app.command()
def ties(
    ctx: typer.Context,
    actor: str = typer.Option(None, "--actor", help="Only ties of this actor (name, alias or id)."),
    type: str = typer.Option(None, "--type", help="Only ties of this type (e.g. supplies_weapons)."),
    since: str = typer.Option(None, "--since", help="Only ties first known or first denied since DATE, or "
                              "since the previous `--since last`."),
    format: Format = format_option(),
    db: str = DB_OPTION,
) -> None:
    """List ties: subject, object, type, asserted, denied, hedged, independent sources, dates, grade."""
    if type and type not in vocabulary():
        raise TiewatchError(f"unknown tie type {type!r}; known: {', '.join(vocabulary())}")
    store = graph_of(ctx, db)
    actor_id = find_actor(store, actor).id if actor else None
    listed = store.list_ties(actor_id=actor_id, type=type, since=since_value(store, since))
    if print_records(format, ({
        "id": t.id, "subject": t.subject, "object": t.object, "type": t.type, "asserted": t.asserted,
        "denied": t.denied, "hedged": t.hedged, "sources": t.sources, "first_seen": t.first_seen,
        "last_seen": t.last_seen, "grade": t.grade,
    } for t in listed)):
        return
    if not listed:
        last = since is not None and since.strip().lower() == "last"
        out_console.print(f"no new ties since {'you last looked' if last else since}" if since else "no ties match",
                          markup=False)
        return
    table = Table("subject", "object", "type", "asserted", "denied", "hedged", "sources", "first_seen",
                  "last_seen", "grade")
    for t in listed:
        table.add_row(t.subject, t.object, t.type, str(t.asserted), str(t.denied), str(t.hedged), str(t.sources),
                      t.first_seen or "", t.last_seen or "", t.grade)
    out_console.print(table)
