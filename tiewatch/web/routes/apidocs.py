"""OpenAPI docs at /docs: Swagger UI served from the package (no internet, no inline script)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from tiewatch.web.render import render

router = APIRouter()


@router.get("/docs", include_in_schema=False)
def api_docs(request: Request):
    return render(request, "apidocs.html", {})


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> RedirectResponse:
    return RedirectResponse("/static/favicon.svg", status_code=308)
