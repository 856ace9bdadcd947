"""Hypothesis strategies: inputs of every format tiewatch reads, bent by mutations hypothesis can
shrink, and Documents whose every field is arbitrary."""

from __future__ import annotations

import random

from hypothesis import strategies as st

from tiewatch.bench.hostile import formats
from tiewatch.bench.hostile.prose import SUFFIX, WRITERS, paragraphs, sample
from tiewatch.model import Document, Source

TOKENS = (b"\x00", b"\xff", b"\xfe\xff", b"\xef\xbb\xbf", b"\xed\xa0\x80", b"<", b">", b"&", b"&amp;", b"]]>", b"<!--",
          b'"', b"\\", b"\\ud800", b"NaN", b"Infinity", b"-1e999", b"obj", b"endobj", b" R", b"stream", b"%%EOF",
          b"<![CDATA[", b"<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]>", b"&a;", b"{", b"}", b"[", b"]", b"\n", b"\r")
OPS = ("flip", "insert", "delete", "truncate", "duplicate")

mutation = st.tuples(st.sampled_from(OPS), st.floats(0, 1), st.one_of(st.sampled_from(TOKENS), st.binary(min_size=1, max_size=12)))


def mutate(data: bytes, mutations: list[tuple[str, float, bytes]]) -> bytes:
    """Apply each (operation, relative position, payload) to `data` in turn."""
    for op, where, payload in mutations:
        at = int(where * len(data))
        if op == "flip":
            data = data[:at] + bytes(b ^ 0xFF for b in data[at:at + len(payload)]) + data[at + len(payload):]
        elif op == "insert":
            data = data[:at] + payload + data[at:]
        elif op == "delete":
            data = data[:at] + data[at + len(payload):]
        elif op == "truncate":
            data = data[:at]
        else:
            data = data[:at] + data[at:at + 64] * (1 + len(payload) % 8) + data[at:]
    return data


def _docx_of(document_xml: bytes) -> bytes:
    return formats.docx_file(document_xml, formats.core_xml("Fuzzed", "Hypothesis"))


def inputs(fmt: str) -> st.SearchStrategy[tuple[bytes, str]]:
    """(bytes, file suffix): a valid file of `fmt` from a drawn seed, then mutated. A Word file is
    mutated inside (its document.xml), since a mutated ZIP only ever fails its CRC check."""

    def build(seed: int, mutations: list) -> tuple[bytes, str]:
        rng = random.Random(seed)
        if fmt == "docx":
            xml = formats.word_xml(paragraphs(rng, "Fuzzed", 2))
            return _docx_of(mutate(xml, mutations)), SUFFIX[fmt]
        return mutate(sample(fmt, rng)[0], mutations), SUFFIX[fmt]

    return st.builds(build, st.integers(0, 2**32), st.lists(mutation, max_size=6))


raw_inputs = st.tuples(st.binary(max_size=4096), st.sampled_from(sorted(set(SUFFIX.values())) + [".bin", ""]))

FORMATS = sorted(WRITERS)

_ANY_CHAR = st.one_of(
    st.characters(exclude_categories=()),  # controls and unassigned code points included
    st.sampled_from(["\x00", "\ud800", "\udfff", "\u202e", "\ufeff", "\r", "\U0001f525", "\u0301"]),  # lone surrogates
)
any_text = st.text(_ANY_CHAR, max_size=300)
words = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1, max_size=200)


def json_values(finite: bool) -> st.SearchStrategy:
    leaves = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), any_text,
                       st.floats(allow_nan=not finite, allow_infinity=not finite))
    return st.recursive(leaves, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(any_text, inner, max_size=4)), max_leaves=12)


def documents() -> st.SearchStrategy[Document]:
    """Documents as a reader might hand them over: any text in every field (the store clips what its
    columns bound), NaN and infinities in the metadata."""
    over_long = st.text(_ANY_CHAR, max_size=600)  # past the columns' 300 and 32 characters
    source = st.builds(Source, name=over_long, kind=st.sampled_from(["publisher", "site", "channel", "feed"]),
                       url=st.none() | any_text)
    return st.builds(
        Document,
        text=st.one_of(any_text, words),
        kind=st.sampled_from(["html", "pdf", "docx", "text", "feed", "telegram"]),
        origin=any_text,
        title=st.none() | any_text,
        author=st.none() | any_text,
        published=st.none() | over_long,
        metadata=st.dictionaries(any_text, json_values(finite=False), max_size=5),
        source=st.none() | source,
    )
