"""How listing commands print: a table for reading, or for tools JSON lines (one object per line)
or CSV (a header from the first record's fields, then one row per record; lists joined with "; ",
mappings as JSON, as the csv export writes them)."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from typing import Any, Iterable

import typer

from tiewatch.export.csv import cell


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


FORMAT_HELP = "table for reading; jsonl (a JSON object per line) or csv (a header, then a row per item) for tools."


def format_option(default: Format = Format.table) -> Any:
    return typer.Option(default, "--format", help=FORMAT_HELP)


class RecordWriter:
    """Writes records one by one in `format` (jsonl or csv) to standard output."""

    def __init__(self, format: Format):
        self.format, self.csv = format, None

    def write(self, record: dict[str, Any]) -> None:
        if self.format is Format.jsonl:
            typer.echo(json.dumps(record, ensure_ascii=False))
            return
        if self.csv is None:
            self.csv = csv.DictWriter(sys.stdout, fieldnames=list(record), extrasaction="ignore", lineterminator="\n")
            self.csv.writeheader()
        self.csv.writerow({k: cell(v) for k, v in record.items()})
        sys.stdout.flush()


def print_records(format: Format, records: Iterable[dict[str, Any]]) -> bool:
    """Print `records` for tools and say True; for a table say False (the command draws its own)."""
    if format is Format.table:
        return False
    writer = RecordWriter(format)
    for record in records:
        writer.write(record)
    return True
