"""Stage `ingest`: readers turn files, folders, URLs, feeds and Telegram exports into Documents.

Readers live in the `readers` registry; the built-in ones are declared as entry points in the
`tiewatch.readers` group exactly like a third party's (see docs/internals.md).
"""

from tiewatch.ingest.budget import Budget
from tiewatch.ingest.fingerprint import fingerprint, normalise
from tiewatch.ingest.inputs import DEFAULT_MAX_BYTES, Item, expand, read_item
from tiewatch.ingest.language import detect_language
from tiewatch.ingest.reader import Blob, Reader, choose_reader, readers
from tiewatch.ingest.url import DEFAULT_FETCH_SECONDS, Fetcher, is_url

__all__ = [
    "Blob",
    "DEFAULT_FETCH_SECONDS",
    "Budget",
    "DEFAULT_MAX_BYTES",
    "Fetcher",
    "Item",
    "Reader",
    "choose_reader",
    "detect_language",
    "expand",
    "fingerprint",
    "is_url",
    "normalise",
    "read_item",
    "readers",
]
