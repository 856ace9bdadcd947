"""Downloads of what the ties table shows: the same filter, every matching tie (not one page), as a
CSV sheet, a STIX 2.1 bundle or a GEXF graph for Gephi. Local file paths stay out unless the
server was started with --show-paths, as everywhere else."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.background import BackgroundTask
from starlette.responses import FileResponse

from tiewatch.export import ExportOptions, Selection, export
from tiewatch.export.records import TIE_FIELDS, tie_record
from tiewatch.store import User
from tiewatch.web.auth import Reader, get_store
from tiewatch.web.routes.ties import form_filter
from tiewatch.web.serialize import shows_paths

router = APIRouter()
FILES = {"stix": ("ties.stix.json", "application/stix+json;version=2.1"), "gexf": ("ties.gexf", "application/gexf+xml")}


def _options(request: Request) -> ExportOptions:
    return ExportOptions(where=form_filter(request), show_paths=shows_paths(request))


@router.get("/ties.csv", include_in_schema=False)
def ties_csv(request: Request, user: User = Reader) -> Response:
    """One row per tie, with the names it is shown by and a link to its evidence."""
    store = get_store(request)
    sheet = io.StringIO()
    writer = csv.DictWriter(sheet, fieldnames=[*TIE_FIELDS, "evidence"], extrasaction="ignore")
    writer.writeheader()
    ties = list(Selection(store, _options(request)).ties())
    shown = store.display_names({i for t in ties for i in (t.subject_id, t.object_id)})
    base = str(request.base_url).rstrip("/")
    for tie in ties:
        row = tie_record(tie)
        row.update(subject=shown.get(tie.subject_id, tie.subject), object=shown.get(tie.object_id, tie.object),
                   evidence=f"{base}/ties/{tie.id}")
        writer.writerow(row)
    return Response(sheet.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="ties.csv"'})


def _exported(request: Request, fmt: str) -> FileResponse:
    folder = Path(tempfile.mkdtemp(prefix="tiewatch-download-"))
    name, media = FILES[fmt]
    try:
        export(get_store(request), fmt, folder / name, _options(request))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(folder / name, media_type=media, filename=name,
                        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))


@router.get("/ties.stix.json", include_in_schema=False)
def ties_stix(request: Request, user: User = Reader) -> FileResponse:
    """The ties shown, their actors and every claim's evidence, as a STIX 2.1 bundle."""
    return _exported(request, "stix")


@router.get("/ties.gexf", include_in_schema=False)
def ties_gexf(request: Request, user: User = Reader) -> FileResponse:
    """The ties shown as a GEXF 1.3 graph for Gephi, each tie dated by its claims (see export/gexf.py)."""
    return _exported(request, "gexf")
