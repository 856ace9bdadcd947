"""Atom feeds: one per watch rule, at /feeds/NAME.atom, for any feed reader."""

from __future__ import annotations

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from tiewatch.alerts import render_feed
from tiewatch.store import User
from tiewatch.web.auth import Reader, get_store
from tiewatch.web.errors import PAGE_RESPONSES

router = APIRouter()


@router.get("/feeds/{name}.atom", tags=["feeds"], response_class=Response, responses={
    **PAGE_RESPONSES, 200: {"description": "The Atom feed.", "content": {"application/atom+xml": {}}},
})
def feed(request: Request, name: str = Path(..., min_length=1, max_length=100), user: User = Reader) -> Response:
    """The watch rule's latest alerts as Atom 1.0 (`tiewatch watch add NAME ...` makes a rule)."""
    body = render_feed(get_store(request), name, base_url=str(request.base_url))
    return Response(body, media_type="application/atom+xml; charset=utf-8")
