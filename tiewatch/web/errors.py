"""Errors as the user sees them: JSON `{"error": ...}` under /api, a readable page elsewhere.

Never a traceback: model errors carry a one-line message, validation errors are summarised, and a
database that is busy (locked, lock timeout) answers 503 with Retry-After.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.types import Message, Receive, Scope, Send

from tiewatch.model import NotFound, TiewatchError
from tiewatch.store.busy import is_busy
from tiewatch.web.auth import Forbidden, LoginRequired
from tiewatch.web.middleware import HttpMiddleware
from tiewatch.web.render import render

HTTP_MESSAGES = {404: "no such page", 405: "that method is not allowed here"}
RETRY_AFTER = "2"
BUSY_MESSAGE = "the database is busy with another write; try again in a few seconds"


class ErrorBody(BaseModel):
    """What every error answer of the API carries."""

    error: str
    status: int


ERRORS = (
    (400, "Bad input (a control character, an unknown tie type, a request that cannot be done)."),
    (401, "Not signed in, or the token is not valid."),
    (403, "The role does not allow this, or the CSRF token is missing."),
    (404, "No such item."),
    (413, "The request body is too large."),
    (415, "The body's media type is not accepted."),
    (422, "A parameter or the body does not match the schema."),
    (503, "The database is busy; retry after the Retry-After seconds."),
)
# How /api answers errors (JSON), and how the other documented routes do (an HTML page, or
# a redirect to /login when signing in is required).
RESPONSES = {status: {"model": ErrorBody, "description": text} for status, text in ERRORS}
PAGE_RESPONSES = {
    303: {"description": "Sign in first (login is required)."},
    **{status: {"description": text, "content": {"text/html": {}, "text/plain": {}}} for status, text in ERRORS},
}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def error_response(request: Request, status: int, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return render(request, "error.html", {"status": status, "message": message}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid value')}")
    return "bad parameter — " + "; ".join(parts)


def _answer_with(status: int):
    async def handler(request: Request, exc: Exception) -> Response:
        return error_response(request, status, str(exc))

    return handler


class BusyAnswer(HttpMiddleware):
    """ASGI middleware: a busy database (see tiewatch.store.busy) becomes a 503 with Retry-After."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            if started or not is_busy(exc):
                raise
            await _busy_response(Request(scope))(scope, receive, send)


def _busy_response(request: Request) -> Response:
    headers = {"Retry-After": RETRY_AFTER}
    if _wants_json(request):
        return JSONResponse({"error": BUSY_MESSAGE, "status": 503}, status_code=503, headers=headers)
    return PlainTextResponse(BUSY_MESSAGE, status_code=503, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if _wants_json(request):
            return error_response(request, 401, str(exc))
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='/')}" if request.method == "GET" else "/login", status_code=303)

    for error_class, status in ((Forbidden, 403), (NotFound, 404), (TiewatchError, 400)):
        app.add_exception_handler(error_class, _answer_with(status))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, _validation_message(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) and exc.status_code not in HTTP_MESSAGES else None
        return error_response(request, exc.status_code, message or HTTP_MESSAGES.get(exc.status_code, "request failed"))
