"""Hostile requests get a 4xx, never a 500, on SQLite and PostgreSQL: control characters in every
field the app reads, integers no database holds, search syntax, and a busy database (503)."""

from __future__ import annotations

import sqlite3
from urllib.parse import quote

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from tiewatch.store import Store
from tiewatch.web import create_app
from web.conftest import app_routes, csrf_of, sign_in

BAD_CHARACTERS = ["\x00", "\x01", "\x1b", "\x7f", "\n"]
HUGE = ["9223372036854775808", "100000000000000000000000000000", "-1", "2147483648"]
SEARCHES = [
    '"', '""', "'", "*", "a*", "^x", "NEAR(a b)", "a NEAR/2 b", "title:x", "- -", "(", ")", "AND", "OR NOT",
    "'; DROP TABLE documents; --", "1' OR '1'='1", "\\", "%", "_", "{x}", "x:*", "!&|<->", "a & b | !c",
    "\u202e", "🔥" * 50, "Kora" * 50,
]


def _fill(path: str, value: str = "1") -> str:
    for part in path.split("/"):
        if part.startswith("{") and "}" in part:
            path = path.replace(part[: part.index("}") + 1], value)
    return path


def _params(dependant, kind: str) -> list:
    """The `kind` params (query_params, path_params, body_params) of a route and its dependencies."""
    return list(getattr(dependant, kind)) + [p for sub in dependant.dependencies for p in _params(sub, kind)]


def _fields(app):
    """(method, path template, where, name, is_int) for every field of every route."""
    for route in app_routes(app):
        method = sorted(route.methods - {"HEAD"})[0]
        for where in ("query", "path", "body"):
            params = {p.alias: p for p in _params(route.dependant, f"{where}_params")}.values()
            for param in params:
                annotation = param.field_info.annotation
                if where == "body" and hasattr(annotation, "model_fields"):
                    for name, field in annotation.model_fields.items():
                        yield method, route.path, "json", name, field.annotation is int
                else:
                    yield method, route.path, "form" if where == "body" else where, param.alias, "int" in str(annotation)


def _send(client, method, path, where, name, value, csrf):
    if where == "path":
        url = path.replace("{" + name + "}", quote(value, safe=""))
        return client.request(method, _fill(url), data={"csrf": csrf} if method == "POST" else None)
    url = _fill(path)
    if where == "query":
        return client.request(method, url, params={name: value})
    if where == "form":
        return client.request(method, url, data={"csrf": csrf, name: value})
    return client.request(method, url, json={name: value}, headers={"x-csrf-token": csrf})


@pytest.fixture
def admin(client, world):
    sign_in(client, world, "admin")
    client.csrf = csrf_of(client.get("/").text)
    return client


def test_every_field_refuses_control_characters(admin, world):
    fields = [f for f in _fields(admin.app) if not f[4]]
    assert len(fields) > 20 and {f[2] for f in fields} == {"query", "path", "form", "json"}
    users_before = [u.name for u in world.store.list_users()]
    for method, path, where, name, _is_int in fields:
        for bad in BAD_CHARACTERS:
            if bad == "\n" and where in ("form", "json"):
                continue
            answer = _send(admin, method, path, where, name, f"Kora{bad}Front", admin.csrf)
            assert answer.status_code == 400, (method, path, where, name, repr(bad), answer.status_code, answer.text[:200])
            assert "is not allowed" in answer.text
    assert [u.name for u in world.store.list_users()] == users_before


def test_a_lone_surrogate_in_json_is_refused(admin, world):
    answer = admin.post(f"/api/actors/{world.ids['Kora Valley Front']}/merge", content='{"other": "\\ud800x"}',
                        headers={"content-type": "application/json", "x-csrf-token": admin.csrf})
    assert answer.status_code == 400 and "U+D800" in answer.json()["error"]


def test_the_cases_that_used_to_fail_on_postgresql(admin, world):
    actor = world.ids["Kora Valley Front"]
    for answer in (
        admin.get("/search", params={"q": "rifles\x00"}),
        admin.get("/api/search", params={"q": "\x00"}),
        admin.get("/api/actors", params={"q": "Kora\x00"}),
        admin.get("/feeds/a%00b.atom"),
        admin.post(f"/api/actors/{actor}/merge", json={"other": "Black\x00Banner"}, headers={"x-csrf-token": admin.csrf}),
        admin.post(f"/actors/{actor}/review", data={"action": "merge", "name": "x\x00", "csrf": admin.csrf}),
        admin.post("/api/users", json={"name": "eve\x00", "role": "viewer"}, headers={"x-csrf-token": admin.csrf}),
        admin.post("/users", data={"name": "eve\x00", "role": "viewer", "csrf": admin.csrf}),
        admin.post("/users/eve%00/delete", data={"csrf": admin.csrf}),
    ):
        assert answer.status_code == 400, (answer.request.url, answer.text[:200])
    page = admin.get("/search", params={"q": "rifles\x00"})
    assert "text/html" in page.headers["content-type"] and "is not allowed" in page.text


def test_integers_no_database_holds_are_refused(admin):
    fields = [f for f in _fields(admin.app) if f[4]]
    assert {f[3] for f in fields} >= {"offset", "limit", "actor_id", "tie_id", "claim_id", "document_id"}
    for method, path, where, name, _is_int in fields:
        for number in HUGE:
            answer = _send(admin, method, path, where, name, number, admin.csrf)
            assert 400 <= answer.status_code < 500, (method, path, name, number, answer.status_code, answer.text[:200])


@pytest.mark.parametrize("url", ["/search", "/api/search", "/api/actors"])
def test_search_syntax_and_injection_attempts_get_results_or_4xx(client, world, url):
    for q in SEARCHES:
        answer = client.get(url, params={"q": q})
        assert answer.status_code == 200 or 400 <= answer.status_code < 500, (q, answer.status_code, answer.text[:200])
    assert world.store.count_documents() == 3
    found = client.get("/api/search", params={"q": '"rifles" (supplied* ^'}).json()
    assert found["documents"], "words around search syntax are still searched for"


def test_oversized_and_deeply_nested_bodies_are_refused(admin, world):
    actor = world.ids["Kora Valley Front"]
    big = admin.post(f"/api/actors/{actor}/merge", content=b'{"other": "' + b"x" * 2_000_000 + b'"}',
                     headers={"content-type": "application/json", "x-csrf-token": admin.csrf})
    assert big.status_code == 413
    deep = admin.post(f"/api/actors/{actor}/merge", content=b"[" * 100_000 + b"]" * 100_000,
                      headers={"content-type": "application/json", "x-csrf-token": admin.csrf})
    assert deep.status_code == 400 and "nested" in deep.json()["error"]
    multipart = admin.post("/users", files={"name": ("a", b"eve")}, data={"role": "viewer", "csrf": admin.csrf})
    assert multipart.status_code == 415


def _busy_client(db_url):
    """A client whose store gives up on a lock at once (SQLite busy_timeout, PostgreSQL lock_timeout)."""
    if db_url.startswith("sqlite"):
        store = Store(db_url)
        event.listen(store.engine, "connect", lambda conn, _record: conn.execute("PRAGMA busy_timeout=50"))
        store.engine.dispose()
    else:
        store = Store(db_url + "%20-clock_timeout%3D200")
    return TestClient(create_app(store), follow_redirects=False), store


def _hold_write_lock(db_url):
    if db_url.startswith("sqlite"):
        conn = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE claims SET status = status")
        return conn
    conn = psycopg.connect(db_url.replace("postgresql+psycopg://", "postgresql://"))
    conn.execute("LOCK TABLE claims IN ACCESS EXCLUSIVE MODE")
    return conn


def test_a_locked_database_answers_503_with_retry_after(world, db_url):
    client, store = _busy_client(db_url)
    claim = world.store.claims_for_tie(world.ids["trains"])[0]
    holder = _hold_write_lock(db_url)
    try:
        answer = client.post(f"/api/claims/{claim.id}/review", json={"action": "reject"}, headers=world.auth("analyst"))
        assert answer.status_code == 503 and answer.headers["retry-after"] == "2"
        assert "busy" in answer.json()["error"]
    finally:
        holder.rollback()
        holder.close()
    again = client.post(f"/api/claims/{claim.id}/review", json={"action": "reject"}, headers=world.auth("analyst"))
    assert again.status_code == 200 and world.store.get_claim(claim.id).status == "rejected"
    store.close()
