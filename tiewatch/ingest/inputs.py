"""What the user named on the command line, turned into documents: files, folders (recursive),
URLs. Each input is read by the reader its content calls for; anything wrong with it is an
IngestError with a one-line reason, and nothing larger than the size cap is ever read into memory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from tiewatch.ingest.fingerprint import finish
from tiewatch.ingest.reader import Blob, choose_reader
from tiewatch.ingest.url import Fetcher, human_size, is_url
from tiewatch.model import Document, IngestError

DEFAULT_MAX_BYTES = 50 * 1000 * 1000


@dataclass(frozen=True)
class Item:
    """One thing to read: a file or a URL. `direct` = named on the command line (not found in a folder)."""

    origin: str
    direct: bool


def expand(targets: list[str], exclude: frozenset[Path] = frozenset()) -> list[Item]:
    """Files and URLs to read, folders walked recursively in name order (hidden entries left out).

    Files in `exclude` (the store's own database files) are never read from a folder. A named path
    that does not exist is an IngestError: the user mistyped it.
    """
    skip = {path.resolve() for path in exclude}
    items: list[Item] = []
    for target in targets:
        if is_url(target):
            items.append(Item(target, direct=True))
            continue
        path = Path(target)
        if path.is_dir():
            items.extend(Item(str(found), direct=False) for found in _walk(path) if found.resolve() not in skip)
        elif path.exists():
            items.append(Item(target, direct=True))
        else:
            raise IngestError(f"{target}: no such file, folder or URL")
    return items


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield Path(root) / name


def load(item: Item, max_bytes: int, fetcher: Fetcher | None = None) -> Blob:
    """The bytes of one input; a file's size is checked before a single byte is read."""
    if is_url(item.origin):
        if fetcher is None:
            raise IngestError(f"{item.origin}: URLs cannot be fetched here")
        return fetcher.fetch(item.origin)
    path = Path(item.origin)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise IngestError(f"{item.origin}: not a regular file")
        if size == 0:
            raise IngestError(f"{item.origin}: empty file")
        if size > max_bytes:
            raise IngestError(
                f"{item.origin}: too large ({human_size(size)}, the cap is {human_size(max_bytes)}; see --max-bytes)"
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(f"{item.origin}: cannot read it ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise IngestError(f"{item.origin}: too large (it grew past the {human_size(max_bytes)} cap while read)")
    return Blob(data, origin=item.origin, name=path.name)


def read_item(item: Item, max_bytes: int = DEFAULT_MAX_BYTES, fetcher: Fetcher | None = None) -> list[Document]:
    """Every document in one input, finished (text tidied, sha256, language).

    A reader failing in a way it did not foresee still becomes a one-line IngestError, so one odd
    file can never stop a folder run with a traceback.
    """
    blob = load(item, max_bytes, fetcher)
    chosen = choose_reader(blob)
    try:
        found = list(chosen.read(blob))
    except IngestError:
        raise
    except Exception as exc:  # a library tripping over malformed content
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise IngestError(f"{blob.origin}: could not be read as {chosen.name} ({detail})") from None
    finished, first_error = [], None
    for doc in found:
        try:
            finished.append(finish(doc))
        except IngestError as exc:
            first_error = first_error or exc
    if not finished:
        raise first_error or IngestError(f"{blob.origin}: no text in it")
    return finished
