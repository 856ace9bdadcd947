"""`tiewatch serve`: the web UI and REST API, with the address to open, and the alert deliverer."""

from __future__ import annotations

import errno
import ipaddress
import socket
import threading
from datetime import timedelta

import typer

from tiewatch.cli.app import app
from tiewatch.cli.context import DB_OPTION, SHOW_PATHS_OPTION, err_console, graph_of
from tiewatch.model import TiewatchError


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to host:port, taken before anything says the UI is served, so that a busy
    port is one line naming it rather than a claim to serve followed by uvicorn's error."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: a port in TIME_WAIT is free
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise TiewatchError(f"port {port} on {host} is already in use (another `tiewatch serve`?): "
                                f"stop that program or choose another port with --port") from None
        raise TiewatchError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def needs_login(host: str, require_login: bool | None) -> bool:
    """An explicit choice wins; otherwise login is required whenever others could connect."""
    return (not is_loopback(host)) if require_login is None else require_login


@app.command()
def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; anything but loopback requires login."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    require_login: bool = typer.Option(
        None, "--require-login/--no-require-login",
        help="Require signing in to read (default: only when bound to a non-loopback address).",
    ),
    deliver: bool = typer.Option(
        True, "--deliver/--no-deliver",
        help="Deliver the alert outbox (webhooks, email digests) in the background while serving.",
    ),
    deliver_every: float = typer.Option(10.0, "--deliver-every", min=0.1, help="Seconds between two delivery passes."),
    key_file: str = typer.Option(
        None, "--key-file", envvar="TIEWATCH_KEY_FILE",
        help="File holding the cookie-signing key, made with 0600 rights if missing "
        "(default ~/.config/tiewatch/secret.key; TIEWATCH_SECRET_KEY gives the key itself).",
    ),
    secure_cookies: bool = typer.Option(
        False, "--secure-cookies", help="Mark the session cookie Secure (HTTPS only); automatic for https requests.",
    ),
    session_idle: int = typer.Option(240, "--session-idle", min=1, max=100000, help="Minutes unused before a session ends."),
    session_hours: int = typer.Option(72, "--session-hours", min=1, max=10000, help="Hours after sign-in when a session ends."),
    show_paths: bool = SHOW_PATHS_OPTION,
    db: str = DB_OPTION,
) -> None:
    """Serve the graph explorer, dossiers, evidence pages, review and the API (docs at /docs)."""
    import uvicorn

    from tiewatch.web import create_app

    sock = listening_socket(host, port)
    store = graph_of(ctx, db, create=True)
    login = needs_login(host, require_login)
    web_app = create_app(
        store, require_login=login, key_file=key_file, secure_cookies=secure_cookies,
        session_idle=timedelta(minutes=session_idle), session_lifetime=timedelta(hours=session_hours),
        show_paths=show_paths,
    )
    everywhere = host in ("0.0.0.0", "::")
    shown = "127.0.0.1" if everywhere else (f"[{host}]" if ":" in host else host)
    typer.echo(f"tiewatch is serving {store.safe_url} at http://{shown}:{port}/ — open it in a browser (Ctrl+C stops).")
    if everywhere:
        typer.echo(f"Listening on every address of this machine: others use http://THIS-HOST:{port}/")
    if login and not store.list_users():
        err_console.print("Sign-in is required but there are no accounts yet: "
                          "`tiewatch users add NAME --role admin` prints a token to sign in with.", markup=False)
    elif login:
        err_console.print("Sign-in is required: `tiewatch users add NAME --role viewer` prints a token.", markup=False)
    elif not is_loopback(host):
        err_console.print(f"warning: anyone who can reach {host}:{port} may read without signing in.", markup=False)
    stop = threading.Event()
    if deliver:
        start_deliverer(store.url, deliver_every, stop)
    try:
        uvicorn.Server(uvicorn.Config(web_app, log_level="warning")).run(sockets=[sock])
    finally:
        stop.set()


def start_deliverer(url: str, every: float, stop: threading.Event) -> threading.Thread:
    """A daemon thread with its own store connection delivering the outbox until `stop` is set."""
    from tiewatch.alerts import Policy, deliver_forever
    from tiewatch.store import Store

    def report(summary) -> None:
        err_console.print(f"alerts: {summary}", markup=False)

    worker = threading.Thread(target=deliver_forever, args=(Store(url, migrate=False), Policy(), every, stop, report),
                              name="tiewatch-alerts", daemon=True)
    worker.start()
    err_console.print(f"Delivering watch-rule alerts every {every:g} s (--no-deliver turns it off).", markup=False)
    return worker
