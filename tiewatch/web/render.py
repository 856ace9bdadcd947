"""Server-side rendering: the Jinja2 environment (autoescaping on), its filters and page context."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from tiewatch.model import shown_origin, vocabulary
from tiewatch.store import ROLES
from tiewatch.store.review import RELIABILITY
from tiewatch.web.auth import ANONYMOUS, LoginRequired, csrf_token, signed_in
from tiewatch.web.network import tie_polarity

RELIABILITY_LABELS = {
    "A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
    "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged",
}


def safe_href(url: str | None) -> str | None:
    """A link target only when it is plain http(s); anything else (javascript:, data:) is no link."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def label(name: str | None) -> str:
    """A tie type or action as words: supplies_weapons -> supplies weapons."""
    return (name or "").replace("_", " ")


@lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    env = Jinja2Templates(directory=str(files("tiewatch.web").joinpath("templates")))
    env.env.filters["safe_href"] = safe_href
    env.env.filters["label"] = label
    env.env.globals.update(
        tie_types=list(vocabulary()), tie_pol=tie_polarity, shown_origin=shown_origin, reliability=RELIABILITY, reliability_labels=RELIABILITY_LABELS, roles=ROLES,
    )
    return env


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """Render template `name` with who is signed in, their CSRF token and the page's own data."""
    try:
        user = signed_in(request)
    except LoginRequired:  # an invalid Bearer token on a page: render as anonymous
        user = None
    page = {
        "user": user or ANONYMOUS,
        "signed_in": user is not None,
        "csrf": csrf_token(request),
        "can_review": bool(user and user.can("analyst")),
        "is_admin": bool(user and user.can("admin")),
        "path": request.url.path,
        "show_paths": bool(getattr(request.app.state, "show_paths", False)),
        "flash": request.session.pop("flash", None),
        "names": {},  # actor id -> the name it is shown by, for pages that list claims (see _names.html)
        **context,
    }
    return templates().TemplateResponse(request, name, page, status_code=status_code)
