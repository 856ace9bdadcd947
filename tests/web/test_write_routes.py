"""Every state-changing route, found by walking the app's routes, is refused to anonymous users and
viewers (role) and to any session that does not send its CSRF token — and nothing changes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import MetaData, select

from web.conftest import app_routes, csrf_of, sign_in

SESSION_ROUTES = {"/login", "/logout"}  # sign-in and sign-out need the CSRF token but no role
BODY = {"action": "reject", "other": "Red Hand Cell", "alias": "Kora Valley Front", "reliability": "A",
        "name": "mallory", "role": "admin", "type": "funds"}
FORM_BODY = {"/actors/{actor_id}/review": {"action": "merge", "name": "Red Hand Cell"}, "/actors/{actor_id}/kind": {"kind": "person"},
             "/actors/candidates/merge": {"keep": "1", "other": "2"}, "/actors/candidates/apart": {"a": "1", "b": "2"}}


def _writes(app) -> list[tuple[str, str]]:
    routes = [(method, r.path) for r in app_routes(app) for method in sorted(r.methods - {"GET", "HEAD"})]
    assert len(routes) >= 12, routes
    return routes


def _url(path: str, world) -> str:
    values = {"actor_id": world.ids["Kora Valley Front"], "claim_id": 1, "entry_id": 1, "source_id": 1, "name": "viewer-one",
              "document_id": 1}
    for key, value in values.items():
        path = path.replace("{" + key + "}", str(value))
    return path


def _snapshot(store) -> dict:
    """Every row of every table but the sessions table."""
    meta = MetaData()
    meta.reflect(store.engine)
    with store.reading() as conn:
        return {
            name: sorted(map(repr, conn.execute(select(table)).all()))
            for name, table in meta.tables.items() if name != "web_sessions" and not name.startswith("documents_fts")
        }


def _post(client: TestClient, method: str, path: str, world, csrf: str | None, headers: dict | None = None):
    """The request a form or the API would send to the route at `path`, with `csrf` if given."""
    headers, url = dict(headers or {}), _url(path, world)
    if url.startswith("/api/"):
        if csrf:
            headers["x-csrf-token"] = csrf
        return client.request(method, url, json=BODY, headers=headers)
    body = {**BODY, **FORM_BODY.get(path, {}), **({"csrf": csrf} if csrf else {})}
    return client.request(method, url, data=body, headers=headers)


def _refused(answer) -> bool:
    return answer.status_code in (401, 403) or (answer.status_code == 303 and answer.headers["location"].startswith("/login"))


@pytest.fixture
def world_with_review(world):
    """A first review entry, so /review/1/undo has something to undo."""
    from tiewatch.web import reviewing
    from tiewatch.store import User

    reviewing.review_claim(world.store, User("analyst-one", "analyst"), 1, "confirm", None)
    return world


def test_anonymous_and_viewers_change_nothing(client, world_with_review):
    world = world_with_review
    before = _snapshot(world.store)
    viewer = TestClient(client.app, follow_redirects=False)
    sign_in(viewer, world, "viewer")
    viewer_csrf = csrf_of(viewer.get("/").text)
    anonymous_csrf = csrf_of(client.get("/login").text)
    for method, path in _writes(client.app):
        if path in SESSION_ROUTES:
            continue
        for who, answer in (
            ("anonymous", _post(client, method, path, world, anonymous_csrf)),
            ("viewer session", _post(viewer, method, path, world, viewer_csrf)),
            ("viewer token", _post(TestClient(client.app, follow_redirects=False), method, path, world, None, world.auth("viewer"))),
        ):
            assert _refused(answer), (who, method, path, answer.status_code, answer.text[:200])
    assert _snapshot(world.store) == before


def test_sessions_without_the_csrf_token_change_nothing(client, world_with_review):
    world = world_with_review
    before = _snapshot(world.store)
    sign_in(client, world, "admin")
    for method, path in _writes(client.app):
        answer = _post(client, method, path, world, None)
        assert answer.status_code == 403, (method, path, answer.status_code, answer.text[:200])
        wrong = _post(client, method, path, world, "not-the-token")
        assert wrong.status_code == 403, (method, path, wrong.status_code)
        cross_site = _post(client, method, path, world, None, {"origin": "https://evil.example"})
        assert cross_site.status_code == 403
    assert _snapshot(world.store) == before
    assert client.get("/api/me").json()["name"] == "admin-one"


def test_the_same_requests_work_for_an_admin_with_the_token(client, world_with_review):
    world = world_with_review
    sign_in(client, world, "admin")
    csrf = csrf_of(client.get("/").text)
    for method, path in _writes(client.app):
        if path in SESSION_ROUTES:
            continue
        answer = _post(client, method, path, world, csrf)
        assert not _refused(answer), (method, path, answer.status_code, answer.text[:200])
