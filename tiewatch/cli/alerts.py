"""`tiewatch alerts deliver|list|retry`: the outbox between watch rules and their webhooks and emails."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tiewatch.alerts import Policy, deliver_forever
from tiewatch.alerts import deliver as deliver_due
from tiewatch.cli.app import app
from tiewatch.cli.context import DB_OPTION, err_console, out_console, store_of
from tiewatch.cli.output import Format, format_option, print_records
from tiewatch.model import TiewatchError
from tiewatch.store.outbox import STATES

alerts = typer.Typer(help="The alert outbox: deliver webhooks and email digests, see what failed, retry.",
                     no_args_is_help=True)
app.add_typer(alerts, name="alerts")
DEFAULT = Policy()


def waiting_line(store) -> str:
    """"2 alert deliveries waiting (...)" or "" when the outbox has nothing left to send."""
    counts = store.outbox_counts()
    waiting = counts["pending"] + counts["sending"]
    if not waiting:
        return ""
    return (f"{waiting} alert deliver{'y' if waiting == 1 else 'ies'} waiting: `tiewatch alerts deliver` "
            "sends them (`tiewatch serve` does it in the background)")


@contextmanager
def progress_bar(total: int) -> Iterator:
    """A bar on stderr advanced per delivery; nothing when stderr is not a terminal."""
    if not err_console.is_terminal:
        yield None
        return
    bar = Progress(TextColumn("[bold]deliver"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=err_console, transient=True)
    task = bar.add_task("", total=total)
    with bar:
        yield lambda done: bar.update(task, advance=done)


@alerts.command("deliver")
def deliver(
    ctx: typer.Context,
    once: bool = typer.Option(True, "--once/--loop", help="Send what is due and stop (default), or keep "
                              "delivering every --interval seconds until Ctrl+C."),
    interval: float = typer.Option(10.0, "--interval", min=0.1, help="With --loop: seconds between two passes."),
    attempts: int = typer.Option(DEFAULT.attempts, "--attempts", min=1,
                                 help="Attempts per delivery before it waits for a later run."),
    timeout: float = typer.Option(DEFAULT.timeout, "--timeout", min=0.1, help="Seconds one attempt may take."),
    deadline: float = typer.Option(DEFAULT.deadline, "--deadline", min=0.1,
                                   help="Seconds one delivery may take, all attempts and waits included."),
    retry_after: float = typer.Option(DEFAULT.retry_after, "--retry-after", min=0.0,
                                      help="Seconds before a later run tries a failed delivery again (doubling)."),
    give_up: int = typer.Option(DEFAULT.give_up, "--give-up", min=1,
                                help="Attempts after which a delivery is marked failed."),
    lease: float = typer.Option(DEFAULT.lease, "--lease", min=0.1, help="Seconds a delivery stays claimed; after that "
                                "(a deliverer that died mid-send) another run sends it again. At least --deadline."),
    db: str = DB_OPTION,
) -> None:
    """Send the outbox: one signed POST per alert and webhook, one email digest per rule.

    Ends with "N delivered, M to retry later, K failed" and what is still waiting.
    """
    store = store_of(ctx, db)
    policy = Policy(attempts=attempts, timeout=timeout, deadline=deadline, retry_after=retry_after,
                    give_up=give_up, lease=lease)
    if not once:
        err_console.print(f"delivering alerts from {store.safe_url} every {interval:g} s (Ctrl+C stops)", markup=False)
        deliver_forever(store, policy, interval, threading.Event(),
                        report=lambda s: err_console.print(str(s), markup=False))
        return
    with progress_bar(store.outbox_counts()["due"]) as advance:
        summary = deliver_due(store, policy, progress=advance)
    out_console.print(str(summary), markup=False)
    rest = waiting_line(store)
    if rest:
        out_console.print(rest, markup=False)
    failed = store.outbox_counts()["failed"]
    if failed:
        out_console.print(f"{failed} failed: `tiewatch alerts list --state failed` says why", markup=False)


@alerts.command("list")
def list_outbox(
    ctx: typer.Context,
    state: str = typer.Option(None, "--state",
                              help="Only deliveries in this state: pending, sending, delivered, failed."),
    rule: str = typer.Option(None, "--rule", help="Only deliveries of this watch rule."),
    limit: int = typer.Option(100, "--limit", min=1, help="At most this many, newest first."),
    format: Format = format_option(),
    db: str = DB_OPTION,
) -> None:
    """Show each alert's delivery per channel: state, attempts, next try, and why it failed."""
    if state and state not in STATES:
        raise TiewatchError(f"unknown state {state!r}; choose {', '.join(STATES)}")
    store = store_of(ctx, db)
    if rule:
        store.get_watch_rule(rule)
    rows = store.list_outbox(state=state, rule=rule, limit=limit)
    if print_records(format, ({
        "id": r.id, "rule": r.rule, "alert": r.alert.id, "title": r.alert.payload.get("title"), "channel": r.channel,
        "endpoint": r.endpoint, "key": r.key, "state": r.state, "attempts": r.attempts,
        "next_try": r.next_try, "delivered_at": r.delivered_at, "error": r.last_error,
    } for r in rows)):
        return
    if not rows:
        out_console.print("no alert deliveries match", markup=False)
        return
    table = Table("id", "rule", "channel", "to", "state", "attempts", "when", "alert", "problem")
    for r in rows:
        when = r.delivered_at if r.state == "delivered" else (r.lease_until if r.state == "sending" else r.next_try)
        table.add_row(str(r.id), r.rule, r.channel, r.endpoint, r.state, str(r.attempts), when or "",
                      str(r.alert.payload.get("title", "")), r.last_error or "")
    out_console.print(table)


@alerts.command("retry")
def retry(
    ctx: typer.Context,
    ids: list[int] = typer.Argument(None, min=1, max=2**63 - 1, help="Ids from `tiewatch alerts list` to send again at the next delivery."),
    failed: bool = typer.Option(False, "--failed", help="Every failed delivery."),
    db: str = DB_OPTION,
) -> None:
    """Make failed (or waiting) deliveries due now; `tiewatch alerts deliver` then sends them."""
    if not ids and not failed:
        raise TiewatchError("name delivery ids (`tiewatch alerts list` shows them) or use --failed")
    count = store_of(ctx, db).retry_outbox(ids or (), failed=failed)
    err_console.print(f"{count} deliver{'y' if count == 1 else 'ies'} due again", markup=False)
