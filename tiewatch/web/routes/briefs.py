"""Briefs from the dossier: `tiewatch brief` for one actor, read on a page or downloaded as Markdown.

The brief is the one `tiewatch.export.brief` writes (the same summary, ties, quotes and sources),
shown through tiewatch.web.markdown, so what a hostile document put in a quote stays text. Local
file names stay out of it unless the server shows paths; a merged actor leads to the one that kept it.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from tiewatch import resolve
from tiewatch.export import brief as briefs
from tiewatch.model import Actor
from tiewatch.store import User
from tiewatch.web.auth import Reader, get_store
from tiewatch.web.markdown import to_html
from tiewatch.web.render import render
from tiewatch.web.serialize import shows_paths

router = APIRouter()
ActorId = Path(..., ge=1, le=2**31 - 1, description="The actor's id.")
Since = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="Only ties new (or first denied) since this date.")
FILE_NAME_CHARS = 60


def file_name(actor: Actor) -> str:
    """A download name any system accepts: tiewatch-brief-<the name's words in plain ASCII>.md."""
    ascii_name = unicodedata.normalize("NFKD", actor.label).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:FILE_NAME_CHARS].strip("-")
    return f"tiewatch-brief-{words or f'actor-{actor.id}'}.md"


def _page(request: Request, actor: Actor, brief: briefs.Brief, text: str, since: str | None) -> Response:
    return render(request, "brief.html", {
        "actor": actor, "brief": brief, "since": since, "rendered": to_html(text),
        "download": f"/actors/{actor.id}/brief.md" + (f"?since={since}" if since else ""),
    })


def _download(request: Request, actor: Actor, brief: briefs.Brief, text: str, since: str | None) -> Response:
    return Response(text, media_type="text/markdown; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{file_name(actor)}"'})


def _answer(request: Request, actor_id: int, since: str | None, page: str, answer: Callable[..., Response]) -> Response:
    """`answer` with the actor's brief (NotFound, a 404 page, for no actor); for an actor merged into
    another, a redirect to that actor's same `page`, as the dossier does."""
    store = get_store(request)
    store.get_actor(actor_id)
    actor = resolve.find_actor(store, actor_id)
    if actor.id != actor_id:
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"/actors/{actor.id}/{page}{query}", status_code=307)
    brief = briefs.gather(store, [str(actor.id)], since, show_paths=shows_paths(request))
    return answer(request, actor, brief, briefs.render(brief, "md"), since)


@router.get("/actors/{actor_id}/brief", include_in_schema=False)
def brief_page(request: Request, actor_id: int = ActorId, since: str | None = Since, user: User = Reader):
    return _answer(request, actor_id, since, "brief", _page)


@router.get("/actors/{actor_id}/brief.md", include_in_schema=False)
def brief_markdown(request: Request, actor_id: int = ActorId, since: str | None = Since, user: User = Reader):
    return _answer(request, actor_id, since, "brief.md", _download)
