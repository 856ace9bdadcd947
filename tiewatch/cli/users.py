"""`tiewatch users add|list|role|token|sign-out|remove`: accounts for the web UI and the API.

Changing a role or a token, or removing an account, signs that account out of every browser.
"""

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
    user, token = store_of(ctx, db, create=True).add_user(name, role)  # accounts may come before serve
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


@users_app.command("role")
def role(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The account to change."),
    new_role: str = typer.Argument(..., metavar="ROLE", help="viewer, analyst or admin."),
    db: str = DB_OPTION,
) -> None:
    """Give an account another role; it is signed out everywhere and signs in again with the new role."""
    user = store_of(ctx, db).set_role(name, new_role)
    typer.echo(f"{user.name} is now {'an' if user.role[0] in 'aeiou' else 'a'} {user.role}; its web sessions have ended")


@users_app.command("token")
def token(ctx: typer.Context, name: str = typer.Argument(..., help="The account whose token to replace."),
          db: str = DB_OPTION) -> None:
    """Replace an account's API token (the old one stops working) and end its web sessions; prints the new one."""
    typer.echo(store_of(ctx, db).new_token(name))
    typer.echo(f"{name} has a new token (shown once); the old token and every web session of {name} have ended.",
               err=True)


@users_app.command("sign-out")
def sign_out(ctx: typer.Context, name: str = typer.Argument(..., help="The account to sign out."),
             db: str = DB_OPTION) -> None:
    """End every web session of an account (its API token keeps working)."""
    ended = store_of(ctx, db).close_sessions(name)
    typer.echo(f"{name} signed out of {ended} session{'s' if ended != 1 else ''}")


@users_app.command("remove")
def remove(ctx: typer.Context, name: str = typer.Argument(..., help="The account to remove."), db: str = DB_OPTION) -> None:
    """Remove an account; its token and its web sessions stop working at once."""
    store_of(ctx, db).remove_user(name)
    typer.echo(f"{name} removed")
