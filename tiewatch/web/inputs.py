"""Hostile input refused at the door, before any route or database sees it.

Every path, query field, form field and JSON string is checked: control characters (NUL and the
rest of C0 except tab, newline and carriage return in bodies; all of C0 in paths and query
fields), DEL and lone surrogates get a 400. Bodies are capped at `MAX_BODY` bytes (413), JSON
nested past `MAX_DEPTH` is refused, and multipart bodies (no route takes them) get a 415.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterator
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.types import Message, Receive, Scope, Send

from tiewatch.web.errors import error_response
from tiewatch.web.middleware import HttpMiddleware

MAX_BODY = 1024 * 1024
MAX_DEPTH = 32
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
_IN_LINE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
_IN_BODY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# The same rules as JSON Schema patterns, for the OpenAPI document.
LINE_PATTERN = r"^[^\u0000-\u001f\u007f]*$"
BODY_PATTERN = r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$"


class Refused(Exception):
    """What was wrong with the request, as the user sees it, and the status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def _check(where: str, value: str, pattern: re.Pattern[str]) -> None:
    found = pattern.search(value)
    if found:
        where = "a parameter name" if pattern.search(where) else where[:40]
        raise Refused(400, f"bad parameter — {where}: the character U+{ord(found.group()):04X} is not allowed")


def _strings(value: Any, where: str, depth: int = 0) -> Iterator[tuple[str, str]]:
    """Every string in a JSON value (keys too), with where it sits."""
    if depth > MAX_DEPTH:
        raise Refused(400, f"bad parameter — body: JSON nested deeper than {MAX_DEPTH} levels")
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, where, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield where, key
            yield from _strings(item, str(key), depth + 1)


def _pattern_strings(node: Any, pattern: str) -> None:
    if isinstance(node, dict):
        if node.get("type") == "string" and not {"pattern", "enum", "format", "const"} & node.keys():
            node["pattern"] = pattern
        for value in node.values():
            _pattern_strings(value, pattern)
    elif isinstance(node, list):
        for value in node:
            _pattern_strings(value, pattern)


def document_rules(openapi: dict) -> None:
    """State the guard's character rules in an OpenAPI document: a pattern on every free string."""
    schemas = openapi.get("components", {}).get("schemas", {})
    for operations in openapi.get("paths", {}).values():
        for operation in operations.values():
            _pattern_strings(operation.get("parameters", []), LINE_PATTERN)
            for content in operation.get("requestBody", {}).get("content", {}).values():
                ref = content.get("schema", {}).get("$ref", "")
                _pattern_strings(schemas.get(ref.rsplit("/", 1)[-1], {}), BODY_PATTERN)


def check_line(scope: Scope) -> None:
    """The path and the query string."""
    _check("path", scope.get("path", ""), _IN_LINE)
    for key, value in parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True):
        _check(key[:40] or "query", key + value, _IN_LINE)


def check_body(content_type: str, body: bytes) -> None:
    """A form or JSON body; other bodies are left to the route (which refuses what it cannot parse)."""
    if content_type.startswith("multipart/"):
        raise Refused(415, "send forms as application/x-www-form-urlencoded")
    if content_type.startswith("application/x-www-form-urlencoded"):
        for key, value in parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True):
            _check(key or "form", key + value, _IN_BODY)
    elif "json" in content_type:
        try:
            parsed = json.loads(body)
        except RecursionError:
            raise Refused(400, f"bad parameter — body: JSON nested deeper than {MAX_DEPTH} levels") from None
        except ValueError:
            return
        for where, value in _strings(parsed, "body"):
            _check(where, value, _IN_BODY)


class InputGuard(HttpMiddleware):
    """ASGI middleware: reads a write's body (up to MAX_BODY), checks it and the URL, replays it."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            check_line(scope)
            if scope["method"] in WRITE_METHODS:
                body = await _read_body(receive)
                check_body(Request(scope).headers.get("content-type", "").lower(), body)
                receive = _replay(body, receive)
        except Refused as refused:
            await error_response(Request(scope), refused.status, str(refused))(scope, receive, send)
            return
        await self.app(scope, receive, send)


async def _read_body(receive: Receive) -> bytes:
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            raise Refused(413, f"the request body is over {MAX_BODY // 1024} KiB")
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
