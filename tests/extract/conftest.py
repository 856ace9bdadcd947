"""One extraction engine per test session (spaCy loads once) and a helper that runs it on text."""

from __future__ import annotations

import pytest

from tiewatch.model import Document


@pytest.fixture(scope="session")
def engine():
    from tiewatch.extract import get_extractor

    return get_extractor("rules")


@pytest.fixture(scope="session")
def run(engine):
    """run(text, **document fields) -> (document, mentions, claims)."""

    def _run(text: str, **fields):
        doc = Document(text=text, kind="text", origin="test.txt", **fields)
        return next(iter(engine.extract([doc])))

    return _run


def _ties(claims, polarity: str | None = None) -> set[tuple[str, str, str]]:
    return {
        (c.subject.canonical or c.subject.text, c.type, c.object.canonical or c.object.text)
        for c in claims
        if polarity is None or c.polarity == polarity
    }


@pytest.fixture(scope="session")
def ties():
    """ties(claims, polarity=None) -> {(subject, type, object)}, names as an analyst reads them."""
    return _ties

