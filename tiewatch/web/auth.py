"""Who is asking: Bearer tokens for the API, a server-side session for the browser (its random id
in the signed cookie, its hash in the store), CSRF tokens for forms, and the role checks (viewers
read, analysts review, admins manage users).
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Depends, Request
from fastapi.security import HTTPBearer

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
    """The account behind this request's Bearer token or live session, if any (looked up once)."""
    if not hasattr(request.state, "user"):
        request.state.user = _who(request)
    return request.state.user


def _who(request: Request) -> User | None:
    store = get_store(request)
    token = _bearer(request)
    if token is None and "authorization" in request.headers:
        raise LoginRequired("send the API token as `Authorization: Bearer TOKEN`")
    if token is not None:
        user = store.user_for_token(token)
        if user is None:
            raise LoginRequired("that API token is not valid; ask an admin for a new one")
        return user
    session_id = request.session.get("sid")
    if not session_id:
        return None
    user = store.session_user(str(session_id), request.app.state.session_idle)
    if user is None:
        request.session.pop("sid", None)
    return user


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
    """A new session for `user` (a new id, so none chosen before sign-in survives it)."""
    store = get_store(request)
    sign_out(request)
    store.purge_sessions(request.app.state.session_idle)
    request.session["sid"] = store.open_session(user, request.app.state.session_lifetime)
    request.state.user = user
    csrf_token(request)


def sign_out(request: Request) -> None:
    """End this browser's session in the store and forget its cookie."""
    session_id = request.session.get("sid")
    if session_id:
        get_store(request).close_session(str(session_id))
    request.session.clear()
    request.state.user = None
