"""`tiewatch ingest PATH_OR_URL...`: read files, folders, feeds, Telegram exports and URLs into the
store, extract the ties they claim, and say what was new, known and skipped."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tiewatch.batch.pipeline import IngestReport, ingest as run_ingest
from tiewatch.cli.app import app
from tiewatch.extract import DEFAULT_EXTRACTOR, get_extractor
from tiewatch.cli.context import DB_OPTION, err_console, out_console, store_of
from tiewatch.cli.limits import with_budget
from tiewatch.ingest import DEFAULT_FETCH_SECONDS, Budget
from tiewatch.ingest.fingerprint import storable
from tiewatch.ingest.given import Given
from tiewatch.model import TiewatchError


@contextmanager
def progress_bar() -> Iterator:
    """A Rich progress bar on stderr, fed by the pipeline's callback; nothing when stderr is not a terminal."""
    if not err_console.is_terminal:
        yield None
        return
    bar = Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=err_console, transient=True,
    )
    task = bar.add_task("", total=None)

    def advance(origin: str, total: int) -> None:
        bar.update(task, total=total, advance=1, description=origin[-50:])

    with bar:
        yield advance


def print_report(report: IngestReport, url: str) -> None:
    if report.extractor:
        out_console.print(f"{report.claims} claims extracted by {report.extractor!r}", markup=False)
    out_console.print(f"{report.inputs} inputs read into {url}", markup=False)
    out_console.print(report.summary(), markup=False)
    if report.described:
        out_console.print(f"{report.described} stored document(s) described anew (the review log in the web UI shows each change and can undo it)", markup=False)
    for skip in report.skipped:
        out_console.print(f"  skipped {skip.origin}: {skip.reason}", markup=False)
    for cut in report.cut:
        out_console.print(f"  stored {cut.origin} whole, {cut.reason}", markup=False)


@app.command()
@with_budget
def ingest(
    ctx: typer.Context,
    targets: list[str] = typer.Argument(..., metavar="PATH_OR_URL...", help="Files, folders (recursive) or http(s) URLs."),
    db: str = DB_OPTION,
    allow_private: bool = typer.Option(
        False, "--allow-private", help="Allow URLs on loopback, private and link-local addresses (your own network)."
    ),
    extractor: str = typer.Option(DEFAULT_EXTRACTOR, "--extractor",
                                  help="Which extractor finds the ties: learned (default), rules or cooccurrence (see docs/internals.md)."),
    no_extract: bool = typer.Option(False, "--no-extract", help="Only store the documents; find no ties."),
    fetch_timeout: float = typer.Option(
        DEFAULT_FETCH_SECONDS, "--fetch-timeout", min=1, max=86400, metavar="SECONDS",
        help="Give up on a URL whose download (connecting, redirects and body) takes longer than this in total.",
    ),
    follow_links: bool = typer.Option(
        False, "--follow-links",
        help="Read symbolic links, also those leading out of a folder (refused by default, so a link cannot bring in a local file).",
    ),
    title: str = typer.Option(None, "--title", help="The document's title (one file or URL only)."),
    publisher: str = typer.Option(None, "--publisher", help="Who published what is read, e.g. \"MEMRI JTTM\"."),
    published: str = typer.Option(None, "--published", metavar="DATE",
                                  help="When it was published, e.g. 2016-02-28; dates ties and the timeline."),
    url: str = typer.Option(None, "--url", help="Where it lives on the web (one file only)."),
    budget: Budget = Budget(),
) -> None:
    """Store what you collected: pages, PDF/DOCX/TXT/MD, RSS/Atom feeds, Telegram exports, URLs.

    Ends with "N new, M already known, K skipped" and the reason for each skip. A bad file inside a
    folder is skipped; a bad file named here stops the run (exit 2) before anything is stored.
    Each input is read within the limits of the --max-* options; one over a limit is skipped with
    the limit it hit. A file NAME.meta.yaml beside a file gives its title, publisher, published and
    url; the flags win over it, and both correct a document that is already stored.
    """
    try:
        given = Given.parse(title=title, publisher=publisher, published=published, url=url)
        store = store_of(ctx, db, create=True)
        chosen = None if no_extract else get_extractor(extractor)
        with progress_bar() as advance:
            report = run_ingest(store, targets, extractor=chosen, allow_private=allow_private, budget=budget,
                                progress=advance, follow_links=follow_links, fetch_timeout=fetch_timeout,
                                given=given)
    except TiewatchError as exc:
        err_console.print(f"error: {storable(str(exc))}", markup=False)
        raise typer.Exit(exc.exit_code) from None
    print_report(report, store.safe_url)
    from tiewatch.alerts import evaluate
    from tiewatch.cli.alerts import waiting_line

    alerts = evaluate(store)
    if alerts:
        out_console.print(f"{len(alerts)} new alert(s) from watch rules", markup=False)
    if waiting := waiting_line(store):
        out_console.print(waiting, markup=False)
