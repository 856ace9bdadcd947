"""`tiewatch users add|list|remove`: accounts for the web UI and the API."""

from __future__ import annotations

import typer
from rich.table import Table

from tiewatch.cli.app import app
from tiewatch.cli.context import DB_OPTION, out_console, store_of

users_app = typer.Typer(help="Accounts for the web UI and API: viewers read, analysts review, admins manage users.",
                        no_args_is_help=True)
app.add_typer(users_app, name="users")


@users_app.command("add")
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The name to sign in with."),
    role: str = typer.Option("viewer", "--role", help="viewer (reads), analyst (reviews) or admin (manages users)."),
    db: str = DB_OPTION,
) -> None:
    """Create an account and print its API token (shown once; only its hash is stored)."""
    user, token = store_of(ctx, db).add_user(name, role)
    typer.echo(token)
    typer.echo(
        f"{user.name} ({user.role}) added. Sign in at /login with this token, or send it as "
        "`Authorization: Bearer TOKEN` to the API. It is not stored and cannot be shown again.",
        err=True,
    )


@users_app.command("list")
def list_users(ctx: typer.Context, db: str = DB_OPTION) -> None:
    """List accounts and their roles."""
    table = Table("name", "role", "created")
    for user in store_of(ctx, db).list_users():
        table.add_row(user.name, user.role, user.created_at or "")
    out_console.print(table)


@users_app.command("remove")
def remove(ctx: typer.Context, name: str = typer.Argument(..., help="The account to remove."), db: str = DB_OPTION) -> None:
    """Remove an account; its token stops working at once."""
    store_of(ctx, db).remove_user(name)
    typer.echo(f"{name} removed")
