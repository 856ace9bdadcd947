"""Correcting what a document says about itself: its title, publisher, date and web address.

An analyst (in the UI), a flag on `tiewatch ingest` or a sidecar file may set them after the document
is stored. Each change is one `review_log` entry ("describe", target kind "document") holding the
fields before and after, so it shows in the review history and can be undone like a review. The
graph is marked for a rebuild: first and last seen, timelines and exports follow the new date.

How the date was found travels with it in the document's metadata (`dated_by`: file, letterhead,
sign-off, lead, flag, sidecar, analyst), so a stated date can be told from an inferred one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from tiewatch.model import NotFound, ReviewError, Source
from tiewatch.store.documents import clip
from tiewatch.store.tables import documents, sources

DESCRIBED = ("title", "publisher", "published", "url")
DATED_BY, URL_KEY = "dated_by", "canonical_url"


def description(conn: Connection, document_id: int) -> dict[str, Any]:
    """The describable fields of one document as they are stored now (with how it was dated)."""
    row = conn.execute(
        select(documents.c.title, documents.c.published, documents.c.meta, sources.c.name)
        .outerjoin(sources, sources.c.id == documents.c.source_id).where(documents.c.id == document_id)
    ).first()
    if row is None:
        raise NotFound(f"no document with id {document_id}")
    meta = dict(row.meta or {})
    return {"title": row.title, "publisher": row.name, "published": row.published,
            "url": meta.get(URL_KEY), DATED_BY: meta.get(DATED_BY)}


def apply_description(conn: Connection, ensure_source: Any, document_id: int, values: dict[str, Any]) -> None:
    """Write `values` (fields of `description`) to the document row."""
    meta = dict(conn.execute(select(documents.c.meta).where(documents.c.id == document_id)).scalar() or {})
    for key, field in ((URL_KEY, "url"), (DATED_BY, DATED_BY)):
        if field in values:
            if values[field]:
                meta[key] = values[field]
            else:
                meta.pop(key, None)
    row: dict[str, Any] = {"meta": meta}
    for field in ("title", "published"):
        if field in values:
            row[field] = values[field]
    if "publisher" in values:
        name = values["publisher"]
        row["source_id"] = ensure_source(conn, Source(name=name, kind="publisher")) if name else None
    conn.execute(documents.update().where(documents.c.id == document_id).values(**clip(documents, row)))


class DescriptionsMixin:
    def describe_document(self, document_id: int, who: str, changes: dict[str, Any], dated_by: str = "analyst"):
        """Set some of a document's title, publisher, date (ISO 8601, already checked) and web
        address; a value of None clears it. Returns the review entry, ReviewError when nothing changes."""
        unknown = set(changes) - set(DESCRIBED)
        if unknown:
            raise ReviewError(f"a document's {', '.join(sorted(unknown))} cannot be set; set {', '.join(DESCRIBED)}")
        with self.transaction() as conn:
            before = description(conn, document_id)
            after = {**before, **{k: (v.strip() if isinstance(v, str) else v) or None for k, v in changes.items()}}
            if after["published"] != before["published"]:
                after[DATED_BY] = dated_by if after["published"] else None
            changed = [k for k in after if after[k] != before[k]]
            if not changed:
                raise ReviewError(f"document {document_id} already says that; nothing changed")
            apply_description(conn, self._ensure_source, document_id, {k: after[k] for k in changed})
            return self._log(conn, who, "describe", "document", document_id,
                             {k: before[k] for k in changed}, {k: after[k] for k in changed})
