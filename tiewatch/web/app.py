"""The app factory: one FastAPI app per store, with its security headers, input guard, cookie and routes."""

from __future__ import annotations

from datetime import timedelta
from importlib.resources import files

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tiewatch import __version__
from tiewatch.store import Store
from tiewatch.web import errors
from tiewatch.web.auth import reader
from tiewatch.web.inputs import InputGuard, document_rules
from tiewatch.web.keys import signing_key
from tiewatch.web.middleware import HttpMiddleware
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
SESSION_IDLE = timedelta(hours=4)
SESSION_LIFETIME = timedelta(days=3)


class SecurityHeaders(HttpMiddleware):
    """Adds the Content-Security-Policy (no inline script, ever) and friends to every response."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)


class CookieSessions:
    """The signed session cookie (HttpOnly, SameSite=Lax), marked Secure when `secure` is set or
    the request came over https (uvicorn reads X-Forwarded-Proto from a local proxy)."""

    def __init__(self, app: ASGIApp, secret_key: str, max_age: int, secure: bool = False):
        options = {"secret_key": secret_key, "session_cookie": "tiewatch_session", "same_site": "lax", "max_age": max_age}
        self.secure = secure
        self.plain = SessionMiddleware(app, https_only=False, **options)
        self.https = SessionMiddleware(app, https_only=True, **options)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        over_https = scope.get("scheme") in ("https", "wss")
        await (self.https if self.secure or over_https else self.plain)(scope, receive, send)


def _document(app: FastAPI, require_login: bool) -> None:
    """The OpenAPI document states the input guard's rules and, without `require_login`, that the
    routes readers use take a token but do not need one (an empty security requirement)."""
    open_reads = set() if require_login else {
        route.unique_id for router in ROUTERS for route in router.routes
        if isinstance(route, APIRoute) and any(dep.call is reader for dep in route.dependant.dependencies)
    }
    build = app.openapi

    def openapi() -> dict:
        schema = build()
        document_rules(schema)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if operation.get("operationId") in open_reads and {} not in operation.setdefault("security", []):
                    operation["security"].append({})
        return schema

    app.openapi = openapi


def create_app(
    store: Store,
    require_login: bool = False,
    secret: str | None = None,
    *,
    key_file: str | None = None,
    secure_cookies: bool = False,
    session_idle: timedelta = SESSION_IDLE,
    session_lifetime: timedelta = SESSION_LIFETIME,
    show_paths: bool = False,
) -> FastAPI:
    """The web UI and REST API over `store`. With `require_login`, anonymous users see only /login.

    `secret` signs the cookie; without it the key comes from tiewatch.web.keys (`key_file`, the
    environment or the config dir). Sessions end after `session_idle` unused and at `session_lifetime`.
    Local file names of documents appear on pages and in the API only with `show_paths`.
    """
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
    app.state.session_idle = session_idle
    app.state.session_lifetime = session_lifetime
    app.state.show_paths = show_paths
    app.add_middleware(errors.BusyAnswer)
    app.add_middleware(InputGuard)
    app.add_middleware(
        CookieSessions, secret_key=secret or signing_key(key_file),
        max_age=int(session_lifetime.total_seconds()), secure=secure_cookies,
    )
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(files("tiewatch.web").joinpath("static"))), name="static")
    errors.install(app)
    for router in ROUTERS:
        app.include_router(router, responses=errors.RESPONSES)
    _document(app, require_login)
    return app
