"""What the user named on the command line, turned into documents: files, folders (recursive),
URLs. Each input is read by the reader its content calls for; anything wrong with it is an
IngestError with a one-line reason, and nothing larger than the size cap is ever read into memory.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from tiewatch.ingest.budget import Budget
from tiewatch.ingest.fingerprint import finish, with_languages
from tiewatch.ingest.given import is_sidecar
from tiewatch.ingest.prose import describe
from tiewatch.ingest.reader import Blob, choose_reader
from tiewatch.ingest.url import Fetcher, human_size, is_url
from tiewatch.model import Document, IngestError

DEFAULT_MAX_BYTES = Budget.max_bytes
LANGUAGE_BATCH = 500  # documents whose languages are detected together (on every core)


@dataclass(frozen=True)
class Item:
    """One thing to read: a file or a URL. `direct` = named on the command line (not found in a folder).

    `within` is the real path of the folder a file was found in: what it reads must stay inside it,
    so a symbolic link in a collected folder can never bring /etc/passwd into the store. `follow_links`
    lifts that rule (and lets a link named on the command line be read).

    `shown` is the name its documents are stored under: a file named on the command line by its own
    name, a file found in a folder by its path from that folder ("examples/klf-statement.txt"), so
    no analyst's home directory ever reaches the store, a page or an export."""

    origin: str
    direct: bool
    within: str | None = None
    follow_links: bool = False
    shown: str | None = None


def expand(targets: list[str], exclude: frozenset[Path] = frozenset(), follow_links: bool = False) -> list[Item]:
    """Files and URLs to read, folders walked recursively in name order (hidden entries left out).

    Files in `exclude` (the store's own database files) are never read from a folder, nor are
    metadata sidecars (NAME.meta.yaml: read with the file they describe). A named path
    that does not exist is an IngestError: the user mistyped it; so is a named link, unless
    `follow_links`. Links inside a folder become items that `load` refuses with their reason.
    """
    skip = {os.path.realpath(path) for path in exclude}
    items: list[Item] = []
    for target in targets:
        if is_url(target):
            items.append(Item(target, direct=True))
            continue
        path = Path(target)
        if path.is_symlink() and not follow_links:
            raise IngestError(f"{target}: a symbolic link (to {os.path.realpath(path)}); pass --follow-links to read it")
        if path.is_dir():
            within, above = os.path.realpath(path), os.path.dirname(os.path.abspath(path))
            items.extend(Item(str(found), direct=False, within=within, follow_links=follow_links,
                              shown=Path(os.path.relpath(os.path.abspath(found), above)).as_posix())
                         for found in _walk(path, follow_links)
                         if os.path.realpath(found) not in skip and not is_sidecar(found))
        elif is_sidecar(path):
            raise IngestError(f"{target}: a metadata sidecar; name the file it describes and it is read with it")
        elif path.exists():
            items.append(Item(target, direct=True, follow_links=follow_links, shown=path.name or target))
        else:
            raise IngestError(f"{target}: no such file, folder or URL")
    return items


def _walk(folder: Path, follow_links: bool) -> Iterator[Path]:
    """Every file under `folder`, and every link to a folder (os.walk does not descend into those
    unless `follow_links`; listing them lets the run say why they were skipped). A loop of links is
    walked once: a folder whose real path was already seen is not entered again."""
    seen: set[str] = set()
    for root, dirs, names in os.walk(folder, followlinks=follow_links):
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        linked = sorted(d for d in dirs if not d.startswith(".") and os.path.islink(os.path.join(root, d)))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (follow_links or d not in linked))
        for name in sorted([*names, *([] if follow_links else linked)]):
            if not name.startswith("."):
                yield Path(root) / name


def _outside(item: Item, real: str) -> str | None:
    """Why a file may not be read: a link, named or found, that leads out of where the user pointed."""
    if item.follow_links:
        return None
    path = item.origin
    if item.within is None:
        return f"a symbolic link (to {real}); pass --follow-links to read it" if os.path.islink(path) else None
    if os.path.islink(path) and os.path.isdir(path):
        return f"a link to a folder ({real}); pass --follow-links to read it"
    return _leaves(real, item.within)


def _leaves(real: str, within: str) -> str | None:
    """The reason to refuse a file whose real path is not inside the folder it was found in."""
    if os.path.commonpath([real, within]) != within:
        return f"a link to a file outside the folder ({real}); pass --follow-links to read it"
    return None


def load(item: Item, budget: Budget, fetcher: Fetcher | None = None) -> Blob:
    """The bytes of one input, with the budget to read them by; a file's size is checked before a
    single byte is read."""
    if is_url(item.origin):
        if fetcher is None:
            raise IngestError(f"{item.origin}: URLs cannot be fetched here")
        blob = fetcher.fetch(item.origin)
        blob.budget = budget
        return blob
    max_bytes = budget.max_bytes
    path = Path(item.origin)
    real = os.path.realpath(path)
    refused = _outside(item, real)
    if refused:
        raise IngestError(f"{item.origin}: {refused}")
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
        data = _read_capped(Path(real), max_bytes, item)
    except OSError as exc:
        raise IngestError(f"{item.origin}: cannot read it ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise IngestError(f"{item.origin}: too large (it grew past the {human_size(max_bytes)} cap while read)")
    return Blob(data, origin=item.origin, name=path.name, budget=budget, stored_as=item.shown)


def _read_capped(path: Path, max_bytes: int, item: Item) -> bytes:
    """At most `max_bytes + 1` bytes of a regular file, opened by its real path without following a
    link (O_NOFOLLOW) or waiting on a pipe (O_NONBLOCK). What was opened is checked again through
    its descriptor: a regular file, and (unless `follow_links`) still inside the folder, so a
    folder on the way swapped for a link after the checks above is refused too."""
    follow = item.follow_links
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= 0 if follow else getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise IngestError(f"{item.origin}: not a regular file")
        opened = f"/proc/self/fd/{fd}"
        refused = _leaves(os.path.realpath(opened), item.within) if item.within and not follow and os.path.exists(opened) else None
        if refused:
            raise IngestError(f"{item.origin}: {refused}")
        return handle.read(min(os.fstat(fd).st_size, max_bytes) + 1)  # read(n) reserves n bytes at once


def read_item(item: Item, budget: Budget = Budget(), fetcher: Fetcher | None = None) -> list[Document]:
    """Every document in one input, finished (text tidied, sha256, language), read in this process
    (tiewatch.ingest.sandbox reads in worker processes that are stopped when over time or memory)."""
    return list(documents_of(load(item, budget, fetcher)))


def documents_of(blob: Blob) -> Iterator[Document]:
    """The finished documents of one input, one by one, within `blob.budget`.

    A reader failing in a way it did not foresee still becomes a one-line IngestError, so one odd
    file can never stop a folder run with a traceback.
    """
    chosen = choose_reader(blob)
    budget, produced, first_error, pending = blob.budget, 0, None, []
    try:
        for count, doc in enumerate(chosen.read(blob), 1):
            budget.check(blob.origin, "max_items", count)
            doc.origin = blob.stored_origin(doc.origin)
            try:
                pending.append(finish(doc, budget.max_paragraph, detect=False))
            except IngestError as exc:
                first_error = first_error or exc
                continue
            produced += 1
            if len(pending) == LANGUAGE_BATCH:
                yield from map(describe, with_languages(pending))
                pending = []
        yield from map(describe, with_languages(pending))
    except (IngestError, MemoryError):
        raise
    except Exception as exc:  # a library tripping over malformed content
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise IngestError(f"{blob.origin}: could not be read as {chosen.name} ({detail})") from None
    if not produced:
        raise first_error or IngestError(f"{blob.origin}: no text in it")
