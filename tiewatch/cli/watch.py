"""`tiewatch watch add|list|remove|feed|check`: be told when the graph changes (delivery: cli/alerts.py)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from tiewatch.cli.app import app
from tiewatch.cli.context import DB_OPTION, err_console, out_console, store_of

watch = typer.Typer(help="Watch rules: alerts for new ties, first denials and corroboration.", no_args_is_help=True)
app.add_typer(watch, name="watch")


@watch.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="A short name; also the feed's name (/feeds/NAME.atom)."),
    actor: str = typer.Option(None, "--actor", help="Ties with this actor (name or alias) at either end."),
    type: str = typer.Option(None, "--type", help="Ties of this type, e.g. supplies_weapons."),
    min_sources: int = typer.Option(None, "--min-sources", min=1, max=1_000_000, help="Alert when a tie reaches N independent sources."),
    polarity: str = typer.Option(None, "--polarity", help="Ties with a claim of this polarity: asserted, denied, hedged."),
    webhook: str = typer.Option(None, "--webhook", help="POST alerts as JSON to this URL."),
    webhook_secret: str = typer.Option(
        None, "--webhook-secret", help="HMAC key for the signature header (else TIEWATCH_WEBHOOK_SECRET)."),
    email: str = typer.Option(None, "--email", help="Send a digest to these addresses (comma-separated)."),
    db: str = DB_OPTION,
) -> None:
    """Add a rule. What is already true stays quiet; only later changes raise alerts."""
    from tiewatch.alerts import add_rule, describe, new_rule, watched_actors

    store = store_of(ctx, db, create=True)  # rules may come before the first ingest
    rule = add_rule(store, new_rule(
        name, actor=actor, type=type, min_sources=min_sources, polarity=polarity, webhook_url=webhook,
        webhook_secret=webhook_secret, email=email,
    ))
    err_console.print(f"watching {describe(rule)} as {rule.name!r}", markup=False)
    if actor and not watched_actors(store, rule):
        err_console.print(f"note: no actor called {actor!r} yet; the rule applies once one appears", markup=False)


@watch.command("list")
def list_rules(ctx: typer.Context, db: str = DB_OPTION) -> None:
    """List the rules with what they match, where they deliver and how many alerts they raised."""
    from tiewatch.alerts import describe

    store = store_of(ctx, db)
    table = Table("name", "matches", "delivers to", "alerts", "since")
    for rule in store.list_watch_rules():
        targets = ", ".join(t for t in (rule.webhook_url, rule.email) if t) or "feed only"
        table.add_row(rule.name, describe(rule), targets, str(len(store.list_alerts(rule.id))), rule.created_at[:10])
    out_console.print(table)


@watch.command("remove")
def remove(ctx: typer.Context, name: str = typer.Argument(..., metavar="NAME", help="The rule, as `tiewatch watch list` shows it."), db: str = DB_OPTION) -> None:
    """Remove a rule and its alerts."""
    store_of(ctx, db).remove_watch_rule(name)
    err_console.print(f"removed watch rule {name!r}", markup=False)


@watch.command("feed")
def feed(
    ctx: typer.Context,
    name: str = typer.Argument(..., metavar="NAME", help="The rule whose feed to write."),
    out: Path = typer.Option(None, "--out", "-o", help="Atom file to write; standard output when omitted."),
    db: str = DB_OPTION,
) -> None:
    """Write the rule's Atom feed."""
    from tiewatch.alerts import render_feed

    document = render_feed(store_of(ctx, db), name)
    if out is None:
        typer.echo(document.decode("utf-8"))
        return
    from tiewatch.export import prepare_target
    from tiewatch.model import ExportError

    try:
        prepare_target(out).write_bytes(document)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None
    err_console.print(f"wrote {out}", markup=False)


@watch.command("check")
def check(ctx: typer.Context, db: str = DB_OPTION) -> None:
    """Raise alerts now (ingest does this after every run); `tiewatch alerts deliver` sends them."""
    from tiewatch.alerts import evaluate
    from tiewatch.cli.alerts import waiting_line

    store = store_of(ctx, db)
    alerts = evaluate(store)
    for alert in alerts:
        typer.echo(f"{alert.rule}: {alert.title}")
    err_console.print(f"{len(alerts)} new alert(s)", markup=False)
    if waiting := waiting_line(store):
        err_console.print(waiting, markup=False)
