"""`tiewatch extract PATH... --format jsonl|table`: the ties files claim, printed, nothing stored."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator

import typer
from rich.table import Table

from tiewatch.cli.app import app
from tiewatch.extract import DEFAULT_EXTRACTOR
from tiewatch.cli.context import err_console, out_console
from tiewatch.cli.limits import with_budget
from tiewatch.cli.output import Format, RecordWriter, format_option
from tiewatch.ingest import Budget
from tiewatch.ingest.fingerprint import mark_extraction_end
from tiewatch.model import Claim, Document, IngestError


STDIN = "-"


def _stdin_file(folder: Path, limit: int) -> str:
    """Standard input saved as a file the readers can open (HTML when it starts with a tag, else
    text), refused past `limit` bytes like any other input."""
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise IngestError(f"standard input is larger than {limit:,} bytes (see --max-bytes)")
    if not data.strip():
        raise IngestError("standard input is empty: pipe a document into `tiewatch extract -`")
    path = folder / ("stdin.html" if data.lstrip()[:1] == b"<" else "stdin.txt")
    path.write_bytes(data)
    return str(path)


def _documents(paths: list[str], follow_links: bool, budget: Budget) -> Iterator[tuple[str, Document]]:
    """(the input as the user named it, document) for every document in every input, each read
    within the budget. A file found in a folder that cannot be read is skipped with its reason on
    stderr; a named one stops the run."""
    from tiewatch.ingest import expand
    from tiewatch.ingest.sandbox import read_within

    for item in expand(paths, follow_links=follow_links):
        try:
            found = read_within(item, budget)
        except IngestError as exc:
            if item.direct:
                raise
            err_console.print(f"skipped {exc}", markup=False)
            continue
        for doc in found:
            yield item.origin, doc


def claim_record(source: str, doc: Document, claim: Claim) -> dict[str, Any]:
    return {
        "source": source, "title": doc.title,
        "subject": claim.subject.canonical or claim.subject.text, "subject_kind": claim.subject.kind,
        "subject_text": claim.subject.text,
        "type": claim.type,
        "object": claim.object.canonical or claim.object.text, "object_kind": claim.object.kind,
        "object_text": claim.object.text,
        "polarity": claim.polarity, "claimant": claim.claimant,
        "sentence": claim.sentence, "start": claim.start, "end": claim.end,
        "subject_start": claim.subject.start, "subject_end": claim.subject.end,
        "object_start": claim.object.start, "object_end": claim.object.end,
        "rule": claim.rule, "confidence": claim.confidence, "extractor": claim.extractor,
    }


@app.command()
@with_budget
def extract(
    paths: list[str] = typer.Argument(..., metavar="PATH...", help="Files or folders (recursive) to read; - reads standard input."),
    format: Format = format_option(Format.jsonl),
    extractor: str = typer.Option(DEFAULT_EXTRACTOR, "--extractor",
                                  help="Which extractor finds the ties: learned (default), rules or cooccurrence (see docs/internals.md)."),
    follow_links: bool = typer.Option(False, "--follow-links", help="Read symbolic links, also those leading out of a folder."),
    budget: Budget = Budget(),
) -> None:
    """Print the ties the files claim (who, what tie, whom, asserted/denied/hedged, who says so,
    the sentence and its offsets) without storing anything."""
    from tiewatch.extract import get_extractor

    engine = get_extractor(extractor)
    sources: dict[int, str] = {}

    def documents() -> Iterator[Document]:
        for source, doc in _documents(paths, follow_links, budget):
            sources[id(doc)] = source
            if note := mark_extraction_end(doc, budget):
                err_console.print(f"note: {source}: {note}", markup=False)
            yield doc

    records, writer, piped = [], RecordWriter(format) if format is not Format.table else None, None
    with tempfile.TemporaryDirectory(prefix="tiewatch-stdin-") as folder:
        if STDIN in paths:
            piped = _stdin_file(Path(folder), budget.max_bytes)
            paths = [piped if p == STDIN else p for p in paths]
        try:
            for doc, _mentions, claims in engine.extract(documents()):
                for claim in claims:
                    shown = sources.get(id(doc), doc.origin)
                    record = claim_record(STDIN if shown == piped else shown, doc, claim)
                    if writer:
                        writer.write(record)
                    else:
                        records.append(record)
        except UnicodeDecodeError as exc:
            raise IngestError(f"cannot read the input as text ({exc.reason})") from None
    if format is Format.table:
        table = Table("subject")
        table.add_column("type", no_wrap=True)
        table.add_column("object")
        table.add_column("polarity", no_wrap=True)
        table.add_column("claimant")
        table.add_column("sentence")
        for r in records:
            table.add_row(r["subject"], r["type"], r["object"], r["polarity"], r["claimant"], r["sentence"][:90])
        out_console.print(table)
