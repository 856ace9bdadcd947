"""Sources: publishers, sites and channels with their Admiralty reliability grades."""

from __future__ import annotations

from fastapi import APIRouter, Body, Form, Path, Request
from fastapi.responses import RedirectResponse
from pydantic import Field

from tiewatch.model import NotFound, Source
from tiewatch.store import User
from tiewatch.web import reviewing
from tiewatch.web.auth import Analyst, Reader, check_csrf, get_store
from tiewatch.web.render import render
from tiewatch.web.serialize import RequestBody, review_json

router = APIRouter()
SourceId = Path(..., ge=1, le=2**31 - 1, description="The source's id.")
GRADE_PATTERN = "^[A-Fa-f]$"


class SourceGrade(RequestBody):
    reliability: str = Field(..., pattern=GRADE_PATTERN, description="Admiralty reliability A (reliable) to F (cannot be judged).")


def source_json(source: Source) -> dict:
    return {"id": source.id, "name": source.name, "kind": source.kind, "url": source.url, "reliability": source.reliability}


def _source(request: Request, source_id: int) -> Source:
    for source in get_store(request).list_sources():
        if source.id == source_id:
            return source
    raise NotFound(f"no source with id {source_id}")


@router.get("/sources", include_in_schema=False)
def sources_page(request: Request, user: User = Reader):
    return render(request, "sources.html", {
        "sources": get_store(request).list_sources(),
    })


@router.post("/sources/{source_id}/grade", include_in_schema=False)
def grade_form(
    request: Request,
    source_id: int = SourceId,
    reliability: str = Form(..., pattern=GRADE_PATTERN),
    csrf: str = Form(""),
    user: User = Analyst,
):
    check_csrf(request, csrf)
    source = _source(request, source_id)
    reviewing.grade_source(get_store(request), user, source_id, reliability)
    request.session["flash"] = f"{source.name} graded {reliability.upper()}."
    return RedirectResponse("/sources", status_code=303)


@router.get("/api/sources", tags=["sources"])
def sources_api(request: Request, user: User = Reader) -> dict:
    """Every source with its reliability grade, by name."""
    return {"items": [source_json(s) for s in get_store(request).list_sources()]}


@router.post("/api/sources/{source_id}/grade", tags=["review"])
def grade_api(request: Request, source_id: int = SourceId, body: SourceGrade = Body(...), user: User = Analyst) -> dict:
    """Grade a source's reliability (analysts); tie grades are recomputed at once."""
    _source(request, source_id)
    entry = reviewing.grade_source(get_store(request), user, source_id, body.reliability)
    return {"review": review_json(entry), "source": source_json(_source(request, source_id))}
