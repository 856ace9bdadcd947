"""Who is asking: Bearer tokens for the API, a signed session cookie for the browser, CSRF tokens
for forms, and the role checks (viewers read, analysts review, admins manage users).
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Depends, Request
from fastapi.security import HTTPBearer

from tiewatch.model import NotFound
from tiewatch.store import Store, User

ANONYMOUS = User(name="", role="viewer")
# Declares the Bearer scheme in the OpenAPI document (Swagger's "Authorize"); `signed_in` reads it.
BEARER = HTTPBearer(auto_error=False, description="An API token from `tiewatch users add NAME --role ROLE`.")
CSRF_HEADER = "x-csrf-token"


class LoginRequired(Exception):
    """Nobody is signed in and this needs someone (pages redirect to /login, the API answers 401)."""


class Forbidden(Exception):
    """Signed in, but the role does not allow this."""


def get_store(request: Request) -> Store:
    return request.app.state.store


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def signed_in(request: Request) -> User | None:
    """The account behind this request's Bearer token or session cookie, if any."""
    store = get_store(request)
    token = _bearer(request)
    if token is not None:
        user = store.user_for_token(token)
        if user is None:
            raise LoginRequired("that API token is not valid; ask an admin for a new one")
        return user
    name = request.session.get("user")
    if not name:
        return None
    try:
        return store.get_user(name)
    except NotFound:
        request.session.pop("user", None)
        return None


def csrf_token(request: Request) -> str:
    """This session's CSRF token, created on first use; every form carries it."""
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(24)
    return token


def check_csrf(request: Request, sent: str | None) -> None:
    expected = request.session.get("csrf")
    if not expected or not sent or not hmac.compare_digest(expected, sent):
        raise Forbidden("the form has expired or did not come from this site; reload the page and try again")


def _cookie_write_guard(request: Request) -> None:
    """API writes authenticated by the session cookie must also send the CSRF token as a header."""
    if _bearer(request) is None:
        check_csrf(request, request.headers.get(CSRF_HEADER))


def reader(request: Request, _token: object = Depends(BEARER)) -> User:
    """Anyone allowed to read: a signed-in user, or anonymous when login is not required."""
    user = signed_in(request)
    if user is not None:
        return user
    if request.app.state.require_login:
        raise LoginRequired("sign in to read this; `tiewatch users add NAME --role viewer` makes an account")
    return ANONYMOUS


def _role(role: str):
    def check(request: Request, _token: object = Depends(BEARER)) -> User:
        user = signed_in(request)
        if user is None:
            raise LoginRequired(f"sign in as an {role} to do this")
        if not user.can(role):
            raise Forbidden(f"{user.name} is a {user.role}; only an {role} may do this")
        if request.method not in ("GET", "HEAD") and request.url.path.startswith("/api/"):
            _cookie_write_guard(request)
        return user

    return check


analyst = _role("analyst")
admin = _role("admin")

Reader = Depends(reader)
Analyst = Depends(analyst)
Admin = Depends(admin)


def sign_in(request: Request, user: User) -> None:
    request.session.clear()
    request.session["user"] = user.name
    csrf_token(request)


def sign_out(request: Request) -> None:
    request.session.clear()
