"""A populated store (hand-made corpus, real graph refresh), accounts of every role, and clients."""

from __future__ import annotations

import re
import socket
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

import pytest
import uvicorn
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from web import corpus
from tiewatch.store import ROLES, Store
from tiewatch.web import create_app


@pytest.fixture(autouse=True)
def key_file(tmp_path, monkeypatch):
    """Each test's cookie-signing key in its own file (never the user's ~/.config)."""
    path = tmp_path / "keys" / "secret.key"
    monkeypatch.delenv("TIEWATCH_SECRET_KEY", raising=False)
    monkeypatch.setenv("TIEWATCH_KEY_FILE", str(path))
    return path


@dataclass
class World:
    store: Store
    ids: dict[str, int]
    tokens: dict[str, str]

    def auth(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}


@pytest.fixture
def world(store) -> World:
    ids = corpus.build(store)
    tokens = {role: store.add_user(f"{role}-one", role)[1] for role in ROLES}
    return World(store, ids, tokens)


@pytest.fixture
def client(world) -> TestClient:
    return TestClient(create_app(world.store), follow_redirects=False)


@pytest.fixture
def locked(world) -> TestClient:
    """The app as served on a shared address: login required."""
    return TestClient(create_app(world.store, require_login=True), follow_redirects=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(app) -> Iterator[str]:
    """`app` served by uvicorn on a free loopback port for the block; yields its base URL."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 15
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    assert server.started, "the test server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def app_routes(app) -> list[APIRoute]:
    """Every API route the app serves, found by walking its routing tree (no hand-made list)."""
    found, todo = [], list(app.routes)
    while todo:
        route = todo.pop(0)
        if isinstance(route, APIRoute):
            found.append(route)
        router = getattr(route, "original_router", None) or route
        todo.extend(getattr(router, "routes", []) if router is not route or not isinstance(route, APIRoute) else [])
    return found


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page carries no CSRF token"
    return found.group(1)


def sign_in(client: TestClient, world: World, role: str) -> None:
    token = csrf_of(client.get("/login").text)
    answer = client.post("/login", data={"name": f"{role}-one", "token": world.tokens[role], "csrf": token, "next": "/"})
    assert answer.status_code == 303, answer.text
