"""Signing in and out (name + API token, then a session cookie) and user management for admins."""

from __future__ import annotations

from fastapi import APIRouter, Body, Form, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import Field

from tiewatch.store import ROLES, User
from tiewatch.web.auth import Admin, Reader, check_csrf, get_store, sign_in, sign_out, signed_in
from tiewatch.web.render import render
from tiewatch.web.serialize import RequestBody

router = APIRouter()
ROLE_PATTERN = "^(" + "|".join(ROLES) + ")$"


class NewUser(RequestBody):
    name: str = Field(..., min_length=1, max_length=100)
    role: str = Field(..., pattern=ROLE_PATTERN, description="viewer | analyst | admin")


def user_json(user: User) -> dict:
    return {"name": user.name, "role": user.role, "created_at": user.created_at}


def local_path(target: str | None) -> str:
    """Where to go after signing in: only a path on this site (never //host or a scheme)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login", include_in_schema=False)
def login_page(request: Request, next: str = Query("/", max_length=500)):
    return render(request, "login.html", {"next": local_path(next), "error": None, "name": ""})


@router.post("/login", include_in_schema=False)
def login(
    request: Request,
    name: str = Form("", max_length=100),
    token: str = Form("", max_length=200),
    next: str = Form("/", max_length=500),
    csrf: str = Form(""),
):
    check_csrf(request, csrf)
    user = get_store(request).user_for_token(token.strip(), name=name.strip())
    if user is None:
        return render(request, "login.html", {
            "next": local_path(next), "name": name,
            "error": "That name and token do not match an account. `tiewatch users add NAME --role viewer` makes one.",
        }, status_code=401)
    sign_in(request, user)
    return RedirectResponse(local_path(next), status_code=303)


@router.post("/logout", include_in_schema=False)
def logout(request: Request, csrf: str = Form("")):
    check_csrf(request, csrf)
    sign_out(request)
    return RedirectResponse("/login" if request.app.state.require_login else "/", status_code=303)


@router.get("/users", include_in_schema=False)
def users_page(request: Request, user: User = Admin):
    return render(request, "users.html", {
        "users": get_store(request).list_users(), "new_token": request.session.pop("new_token", None),
    })


@router.post("/users", include_in_schema=False)
def add_user_form(
    request: Request,
    name: str = Form(..., min_length=1, max_length=100),
    role: str = Form(..., pattern=ROLE_PATTERN),
    csrf: str = Form(""),
    user: User = Admin,
):
    check_csrf(request, csrf)
    created, token = get_store(request).add_user(name, role)
    request.session["new_token"] = {"name": created.name, "role": created.role, "token": token}
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{name}/delete", include_in_schema=False)
def remove_user_form(request: Request, name: str, csrf: str = Form(""), user: User = Admin):
    check_csrf(request, csrf)
    get_store(request).remove_user(name)
    request.session["flash"] = f"{name} can no longer sign in."
    return RedirectResponse("/users", status_code=303)


@router.get("/api/me", tags=["accounts"])
def me_api(request: Request, user: User = Reader) -> dict:
    """Who the API sees: your name and role (`anonymous` when not signed in)."""
    who = signed_in(request)
    return user_json(who) if who else {"name": "anonymous", "role": "viewer", "created_at": None}


@router.get("/api/users", tags=["accounts"])
def users_api(request: Request, user: User = Admin) -> dict:
    """Every account (admins)."""
    return {"items": [user_json(u) for u in get_store(request).list_users()]}


@router.post("/api/users", tags=["accounts"], status_code=201)
def add_user_api(request: Request, body: NewUser = Body(...), user: User = Admin) -> dict:
    """Create an account (admins); the answer carries its API token, shown only this once."""
    created, token = get_store(request).add_user(body.name, body.role)
    return {**user_json(created), "token": token}
