"""Accounts and roles: tokens, sign-in with a session, login required off loopback, admin pages."""

from __future__ import annotations

import pytest

from web.conftest import csrf_of, sign_in


def test_anonymous_may_read_on_loopback_but_not_review(client, world):
    assert client.get("/api/ties").status_code == 200
    claim = world.store.claims_for_tie(world.ids["trains"])[0]
    answer = client.post(f"/api/claims/{claim.id}/review", json={"action": "reject"})
    assert answer.status_code == 401 and "sign in as an analyst" in answer.json()["error"]
    assert client.get("/api/me").json()["name"] == "anonymous"


def test_login_required_sends_pages_to_login_and_the_api_answers_401(locked, world):
    page = locked.get(f"/ties/{world.ids['trains']}")
    assert page.status_code == 303 and page.headers["location"] == f"/login?next=/ties/{world.ids['trains']}"
    api = locked.get("/api/actors")
    assert api.status_code == 401 and "sign in" in api.json()["error"]
    assert locked.get("/api/actors", headers=world.auth("viewer")).status_code == 200
    search = locked.get("/search", params={"q": "rifles & more"})
    assert search.headers["location"] == "/login?next=/search%3Fq%3Drifles%2B%2526%2Bmore"


def test_sign_in_with_name_and_token_then_out(locked, world):
    token = csrf_of(locked.get("/login").text)
    wrong = locked.post("/login", data={"name": "viewer-one", "token": "nope", "csrf": token})
    assert wrong.status_code == 401 and "do not match an account" in wrong.text
    other = locked.post("/login", data={"name": "analyst-one", "token": world.tokens["viewer"], "csrf": token})
    assert other.status_code == 401
    ok = locked.post("/login", data={"name": "viewer-one", "token": world.tokens["viewer"], "csrf": token, "next": "/graph"})
    assert ok.status_code == 303 and ok.headers["location"] == "/graph"
    assert "tiewatch_session" in ok.headers["set-cookie"] and "httponly" in ok.headers["set-cookie"].lower()
    home = locked.get("/")
    assert home.status_code == 200 and "viewer-one" in home.text
    out = locked.post("/logout", data={"csrf": csrf_of(home.text)})
    assert out.status_code == 303 and locked.get("/").status_code == 303


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "javascript:alert(1)"])
def test_sign_in_never_redirects_off_site(client, world, target):
    token = csrf_of(client.get("/login").text)
    answer = client.post("/login", data={"name": "viewer-one", "token": world.tokens["viewer"], "csrf": token, "next": target})
    assert answer.headers["location"] == "/"


def test_login_form_needs_its_csrf_token(client, world):
    answer = client.post("/login", data={"name": "viewer-one", "token": world.tokens["viewer"]})
    assert answer.status_code == 403


def test_a_bad_bearer_token_is_refused(client):
    answer = client.get("/api/actors", headers={"Authorization": "Bearer not-a-token"})
    assert answer.status_code == 401 and "not valid" in answer.json()["error"]


@pytest.mark.parametrize("role,status", [("viewer", 403), ("analyst", 200), ("admin", 200)])
def test_roles_decide_who_reviews(client, world, role, status):
    claim = world.store.claims_for_tie(world.ids["trains"])[0]
    answer = client.post(f"/api/claims/{claim.id}/review", json={"action": "confirm"}, headers=world.auth(role))
    assert answer.status_code == status
    assert world.store.get_claim(claim.id).status == ("confirmed" if status == 200 else "pending")


@pytest.mark.parametrize("role,status", [("viewer", 403), ("analyst", 403), ("admin", 200)])
def test_only_admins_manage_users(client, world, role, status):
    assert client.get("/api/users", headers=world.auth(role)).status_code == status
    created = client.post("/api/users", json={"name": f"new-{role}", "role": "viewer"}, headers=world.auth(role))
    assert created.status_code == (201 if status == 200 else 403)
    if status == 200:
        token = created.json()["token"]
        assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()["name"] == f"new-{role}"


def test_admin_adds_and_removes_users_in_the_browser_flow(client, world):
    sign_in(client, world, "admin")
    page = client.get("/users")
    assert page.status_code == 200 and "analyst-one" in page.text
    token = csrf_of(page.text)
    client.post("/users", data={"name": "reporter", "role": "analyst", "csrf": token})
    shown = client.get("/users").text
    assert "reporter (analyst) can sign in with this token" in shown
    assert "shown only once" not in client.get("/users").text
    client.post("/users/reporter/delete", data={"csrf": token})
    assert "reporter" not in [u.name for u in world.store.list_users()]
    duplicate = client.post("/api/users", json={"name": "viewer-one", "role": "viewer"}, headers=world.auth("admin"))
    assert duplicate.status_code == 400 and "already exists" in duplicate.json()["error"]


def test_a_removed_user_loses_access_at_once(locked, world):
    sign_in(locked, world, "viewer")
    assert locked.get("/").status_code == 200
    world.store.remove_user("viewer-one")
    assert locked.get("/").status_code == 303
    assert locked.get("/api/actors", headers=world.auth("viewer")).status_code == 401
