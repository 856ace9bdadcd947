"""Errors as the user sees them: JSON `{"error": ...}` under /api, a readable page elsewhere.

Never a traceback: model errors carry a one-line message, validation errors are summarised.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from tiewatch.model import NotFound, TiewatchError
from tiewatch.web.auth import Forbidden, LoginRequired
from tiewatch.web.render import render

HTTP_MESSAGES = {404: "no such page", 405: "that method is not allowed here"}


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
