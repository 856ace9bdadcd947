"""`tiewatch users` and `tiewatch serve` from the command line, the way a user runs them."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from tiewatch.cli.app import app
from tiewatch.store import Store

TIEWATCH = str(Path(sys.executable).with_name("tiewatch"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_users_add_prints_a_token_that_signs_in(sqlite_url):
    runner = CliRunner()
    added = runner.invoke(app, ["users", "add", "amira", "--role", "analyst", "--db", sqlite_url])
    assert added.exit_code == 0, added.output
    token = added.stdout.strip().splitlines()[0]
    store = Store(sqlite_url)
    assert store.user_for_token(token).role == "analyst"
    assert token not in str(store.engine.url) and store.get_user("amira").name == "amira"
    listed = runner.invoke(app, ["users", "list", "--db", sqlite_url])
    assert "amira" in listed.stdout and "analyst" in listed.stdout
    again = runner.invoke(app, ["users", "add", "amira", "--db", sqlite_url])
    assert again.exit_code != 0 and "already exists" in str(again.exception)
    removed = runner.invoke(app, ["users", "remove", "amira", "--db", sqlite_url])
    assert removed.exit_code == 0 and store.user_for_token(token) is None


def test_users_add_refuses_an_unknown_role_in_one_line(sqlite_url):
    done = subprocess.run(
        [TIEWATCH, "users", "add", "x", "--role", "boss", "--db", sqlite_url],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 1 and done.stderr.strip() == "error: unknown role 'boss'; use one of viewer, analyst, admin"


def _serve(sqlite_url: str, *args: str):
    port = _free_port()
    proc = subprocess.Popen(
        [TIEWATCH, "serve", "--port", str(port), "--db", sqlite_url, *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/favicon.ico", timeout=1)
            return proc, port
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    pytest.fail("tiewatch serve did not answer within 30 s: " + proc.stderr.read())


@pytest.mark.parametrize("args,status", [([], 200), (["--require-login"], 303), (["--host", "0.0.0.0"], 303),
                                         (["--host", "0.0.0.0", "--no-require-login"], 200)])
def test_serve_prints_the_address_and_guards_non_loopback(sqlite_url, args, status):
    proc, port = _serve(sqlite_url, *args)
    try:
        answer = httpx.get(f"http://127.0.0.1:{port}/", follow_redirects=False, timeout=5)
        assert answer.status_code == status
        if status == 303:
            assert answer.headers["location"] == "/login?next=/"
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=20)
    assert f":{port}/ — open it in a browser" in out
    assert ("no accounts yet" in err) == (status == 303)
