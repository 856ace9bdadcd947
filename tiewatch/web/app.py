"""The app factory: one FastAPI app per store, with its security headers, sessions and routes."""

from __future__ import annotations

import secrets
from importlib.resources import files

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tiewatch import __version__
from tiewatch.store import Store
from tiewatch.web import errors
from tiewatch.web.routes import ROUTERS

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]
SECRET_SETTING = "web_session_secret"


class SecurityHeaders:
    """Adds the Content-Security-Policy (no inline script, ever) and friends to every response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)


def _session_secret(store: Store) -> str:
    """One secret per database, so sessions survive a restart of `tiewatch serve`."""
    secret = store.get_setting(SECRET_SETTING)
    if not secret:
        secret = secrets.token_urlsafe(48)
        store.set_setting(SECRET_SETTING, secret)
    return secret


def create_app(store: Store, require_login: bool = False, secret: str | None = None) -> FastAPI:
    """The web UI and REST API over `store`. With `require_login`, anonymous users see only /login."""
    app = FastAPI(
        title="tiewatch",
        version=__version__,
        description="Actors, the ties sources claim between them, their evidence, and analyst review. "
        "Authenticate with `Authorization: Bearer TOKEN` (`tiewatch users add NAME --role ROLE`).",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.store = store
    app.state.require_login = require_login
    app.add_middleware(
        SessionMiddleware, secret_key=secret or _session_secret(store), session_cookie="tiewatch_session",
        same_site="lax", max_age=14 * 24 * 3600,
    )
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(files("tiewatch.web").joinpath("static"))), name="static")
    errors.install(app)
    for router in ROUTERS:
        app.include_router(router)
    return app
