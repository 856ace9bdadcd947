"""`tiewatch`: the Typer application and the error boundary."""

from __future__ import annotations

import sys

import typer

from tiewatch import __version__
from tiewatch.cli.context import DB_OPTION, err_console, settings
from tiewatch.model import TiewatchError, environment

def _type_shown(option: typer.core.TyperOption, ctx) -> str | None:
    """What `--help` prints in the type column: nothing for an on/off flag, which takes no value
    (Typer 0.29 prints "<bool>" there, as if the flag wanted one)."""
    return None if option.is_flag else _typer_type_shown(option, ctx)


_typer_type_shown = typer.core.TyperOption.display_type_rich
typer.core.TyperOption.display_type_rich = _type_shown

app = typer.Typer(
    name="tiewatch",
    help="Read what you collect and build an evidence-backed graph of the ties sources claim "
    "between armed groups, people and places.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tiewatch {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: str = DB_OPTION,
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    environment()  # a bad TIEWATCH_* value stops here, in one line, before any command runs
    settings(ctx).db = db


def main() -> None:
    try:
        code = app(standalone_mode=False)  # a command's `raise typer.Exit(n)` comes back as n here
        if isinstance(code, int) and code:
            sys.exit(code)
    except TiewatchError as exc:
        err_console.print(f"error: {exc}", markup=False)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err_console.print("interrupted", markup=False)
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.exit(1)
    except Exception as exc:  # click usage errors arrive here in non-standalone mode
        from click.exceptions import ClickException

        if isinstance(exc, (ClickException, typer.TyperException)) and hasattr(exc, "show"):  # typer vendors click
            exc.show()
            sys.exit(exc.exit_code)
        raise


# Each command module adds its commands to `app` when imported; this must come after `app`.
from tiewatch.cli import commands  # noqa: E402,F401
