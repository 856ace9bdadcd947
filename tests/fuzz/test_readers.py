"""Every reader, through the entry point ingest uses (`read_item` on a file), on mutated files of its
format and on raw bytes: Documents whose fields any database takes, or one IngestError line;
never another exception."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.strategies import FORMATS, inputs, raw_inputs
from tiewatch.bench.hostile.prose import ITEMS, SUFFIX, sample
from tiewatch.ingest import Item, read_item
from tiewatch.model import Document, IngestError


def read_bytes(data: bytes, suffix: str) -> list[Document] | IngestError:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        try:
            return read_item(Item(str(path), direct=True))
        except IngestError as exc:
            return exc


def storable(value: str | None) -> bool:
    """Text PostgreSQL and SQLite both take: valid UTF-8 (no lone surrogates), no NUL."""
    if value is None:
        return True
    value.encode("utf-8")
    return "\x00" not in value


def check(result: list[Document] | IngestError) -> None:
    if isinstance(result, IngestError):
        message = str(result)
        assert message and "\n" not in message and "Traceback" not in message
        return
    assert result, "a read that gives no document must say why"
    for doc in result:
        assert doc.sha256 and len(doc.sha256) == 64
        assert doc.text.strip() and storable(doc.text)
        assert all(storable(v) for v in (doc.title, doc.author, doc.published, doc.origin))
        assert doc.source is None or storable(doc.source.name)


@pytest.mark.parametrize("fmt", FORMATS)
@given(data=st.data())
def test_mutated_files_of_every_format_are_read_or_refused_in_one_line(fmt, data):
    blob, suffix = data.draw(inputs(fmt), label="file")
    check(read_bytes(blob, suffix))


@given(case=raw_inputs)
def test_raw_bytes_under_any_name_are_read_or_refused_in_one_line(case):
    check(read_bytes(*case))


def test_an_unmutated_sample_of_every_format_is_read():
    """The strategies start from files the readers take, so the mutations test what they bend."""
    for fmt in FORMATS:
        result = read_bytes(sample(fmt, random.Random(1))[0], SUFFIX[fmt])
        assert isinstance(result, list) and len(result) == ITEMS.get(fmt, 1), (fmt, result)
