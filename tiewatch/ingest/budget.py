"""What reading one input may cost. Every reader checks the limits that concern it and stops with
a one-line IngestError naming the limit it hit ("expands past 200 MB (see --max-expanded)"); the
time and memory limits are enforced by the reader processes (tiewatch.ingest.sandbox).

    budget = Budget(max_pages=10_000)
    budget.check(origin, "max_pages", len(pages))      # IngestError when over
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

from tiewatch.model import IngestError

MB = 1000 * 1000
SECONDS_PER = 10 * MB  # the time budget is granted per started 10 MB of input


@dataclass(frozen=True)
class Budget:
    """The limits for one input (a file, a download); the defaults suit any real report or export."""

    max_bytes: int = 50 * MB  # read from a file or a download
    max_expanded: int = 200 * MB  # unpacked from a ZIP container (DOCX), all members together
    max_ratio: int = 100  # unpacked size / packed size of one large ZIP member
    max_items: int = 500_000  # documents from one input: feed items, Telegram messages
    max_pages: int = 5_000  # pages of a PDF
    max_elements: int = 100_000  # elements of one web page or Word body
    max_attributes: int = 1_000  # attributes on one element
    max_depth: int = 512  # nesting of elements (HTML, XML, feeds, DOCX) and of JSON values
    max_paragraph: int = 2_000  # characters of one paragraph handed to extraction; longer runs are cut
    max_extracted: int = 1_000_000  # characters of one document read for ties; the rest is stored unread
    max_seconds: float = 30.0  # wall-clock time to read one input, per started 10 MB of it
    max_memory: int = 1000 * MB  # memory a reader process may take beyond what it starts with

    def seconds_for(self, size: int) -> float:
        """The time granted to an input of `size` bytes."""
        return self.max_seconds * max(1, math.ceil(size / SECONDS_PER))

    def check(self, origin: str, limit: str, value: int) -> None:
        """IngestError naming `limit` when `value` is over it."""
        if value > getattr(self, limit):
            raise self.over(origin, limit)

    def over(self, origin: str, limit: str, value: float | None = None) -> IngestError:
        """The one-line error for going over `limit` (its value, or `value` when given)."""
        amount = getattr(self, limit) if value is None else value
        return IngestError(f"{origin}: {PHRASES[limit].format(describe(limit, amount))} (see {option(limit)})")


PHRASES = {
    "max_bytes": "larger than {}",
    "max_expanded": "expands past {}",
    "max_ratio": "a ZIP member compressed more than {} times (a zip bomb)",
    "max_items": "more than {} items",
    "max_pages": "more than {} pages",
    "max_elements": "more than {} elements",
    "max_attributes": "an element with more than {} attributes",
    "max_depth": "elements nested more than {} deep",
    "max_paragraph": "a paragraph longer than {} characters",
    "max_extracted": "ties found in its first {} characters only",
    "max_seconds": "parse took over {}",
    "max_memory": "reading it needed more than {} of memory",
}
SIZES = {"max_bytes", "max_expanded", "max_memory"}
LIMITS = tuple(f.name for f in fields(Budget))


def option(limit: str) -> str:
    """The command-line option that sets `limit`."""
    return "--" + limit.replace("_", "-")


def describe(limit: str, value: float) -> str:
    """A limit's value as a person reads it: 200 MB, 30 s, 5,000."""
    if limit in SIZES:
        from tiewatch.ingest.url import human_size  # url imports the readers, which import this module

        return human_size(int(value))
    if limit == "max_seconds":
        return f"{value:g} s"
    return f"{int(value):,}"
