"""The `--max-*` options that set a reader's budget, declared once for every command that reads
inputs (`ingest`, `extract`): `@with_budget` adds them and hands the command one `budget: Budget`."""

from __future__ import annotations

import functools
import inspect
import re
from dataclasses import fields
from typing import Callable

import typer

from tiewatch.ingest.budget import SIZES, Budget, option

_UNITS = {"": 1, "B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "KIB": 2**10, "MIB": 2**20, "GIB": 2**30}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$")

HELP = {
    "max_bytes": "Skip any file or download larger than this (e.g. 50MB, 2GB).",
    "max_expanded": "Skip a ZIP-based file (DOCX) that unpacks to more than this.",
    "max_ratio": "Skip a ZIP-based file with a large member compressed more than this many times.",
    "max_items": "Skip an input with more documents than this (feed items, Telegram messages).",
    "max_pages": "Skip a PDF with more pages than this.",
    "max_elements": "Skip a web page with more elements than this.",
    "max_attributes": "Skip markup with more attributes than this on one element.",
    "max_depth": "Skip markup (HTML, XML, feeds, DOCX) or JSON nested deeper than this.",
    "max_paragraph": "Cut longer paragraphs into pieces of at most this many characters before extraction.",
    "max_extracted": "Find ties in the first this many characters of a document only (the rest is stored and searchable).",
    "max_seconds": "Stop reading an input after this many seconds per started 10 MB of it.",
    "max_memory": "Stop reading an input whose reader needs more memory than this (e.g. 1GB).",
}


def parse_size(text: str) -> int:
    """'50MB', '2GB', '1000' -> bytes."""
    match = _SIZE.match(text)
    unit = match.group(2).upper() if match else None
    if not match or unit not in _UNITS:
        raise typer.BadParameter(f"{text!r} is not a size; write it like 50MB, 2GB or 1000000")
    return int(float(match.group(1)) * _UNITS[unit])


def _parse(limit: str, text: str) -> float:
    if limit in SIZES:
        return parse_size(text)
    try:
        value = float(text) if limit == "max_seconds" else int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise typer.BadParameter(f"{option(limit)} {text!r} is not a number") from None
    if value <= 0:
        raise typer.BadParameter(f"{option(limit)} must be above 0")
    return value


def with_budget(command: Callable) -> Callable:
    """Add one option per budget limit to `command`, which takes `budget: Budget` instead."""
    added = [
        inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, annotation=str,
                          default=typer.Option(_size_default(f.name, f.default), option(f.name), help=HELP[f.name]))
        for f in fields(Budget)
    ]
    signature = inspect.signature(command)
    kept = [p for p in signature.parameters.values() if p.name != "budget"]

    @functools.wraps(command)
    def run(*args, **kwargs):
        limits = {f.name: _parse(f.name, kwargs.pop(f.name)) for f in fields(Budget)}
        return command(*args, budget=Budget(**limits), **kwargs)

    run.__signature__ = signature.replace(parameters=kept + added)
    run.__annotations__ = {**{k: v for k, v in command.__annotations__.items() if k != "budget"},
                           **{f.name: str for f in fields(Budget)}}
    return run


def _size_default(limit: str, value: float) -> str:
    """The default as typed on the command line: 50MB, 1000MB, 30, 5000."""
    if limit in SIZES:
        return f"{int(value) // 10**6}MB"
    return f"{value:g}" if limit == "max_seconds" else str(int(value))
