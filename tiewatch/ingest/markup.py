"""Markup measured before a parser builds a tree of it: elements, attributes on one element,
nesting depth and items (feed entries). lxml's parser-target interface sees every start and end
tag and keeps nothing, so a page of 200,000 attributes or 200,000 nested elements is refused in a
fraction of a second instead of stalling the parser that would read it.
"""

from __future__ import annotations

from typing import Iterable

from lxml import etree

from tiewatch.ingest.budget import Budget

ITEM_TAGS = {"item", "entry"}  # RSS and Atom entries
CHUNK = 1 << 16


class _Counter:
    """A parser target that counts and raises the budget's IngestError on the first limit passed."""

    def __init__(self, budget: Budget, origin: str, elements: bool, items: bool):
        self.budget, self.origin = budget, origin
        self.count_elements, self.count_items = elements, items
        self.elements = self.items = self.depth = 0

    def start(self, tag, attrib) -> None:
        self.depth += 1
        self.elements += 1
        budget, origin = self.budget, self.origin
        budget.check(origin, "max_attributes", len(attrib))
        budget.check(origin, "max_depth", self.depth)
        if self.count_elements:
            budget.check(origin, "max_elements", self.elements)
        if self.count_items and isinstance(tag, str) and tag.rsplit("}", 1)[-1].lower() in ITEM_TAGS:
            self.items += 1
            budget.check(origin, "max_items", self.items)

    def end(self, tag) -> None:
        self.depth -= 1

    def data(self, text) -> None:
        pass

    def close(self) -> None:
        return None


def check_markup(chunks: Iterable[bytes | str], budget: Budget, origin: str, *, xml: bool = False,
                 elements: bool = True, items: bool = False) -> None:
    """IngestError when the markup passes one of the budget's limits. Markup the scan cannot parse
    is left to the reader, which says what is wrong with it."""
    target = _Counter(budget, origin, elements, items)
    if xml:
        parser = etree.XMLParser(target=target, resolve_entities=False, no_network=True, recover=True)
    else:
        parser = etree.HTMLParser(target=target, no_network=True)
    try:
        for chunk in chunks:
            parser.feed(chunk)
        parser.close()
    except etree.LxmlError:
        return


def pieces(data: bytes) -> Iterable[bytes]:
    """The bytes in parser-sized chunks."""
    return (data[start:start + CHUNK] for start in range(0, len(data), CHUNK))
