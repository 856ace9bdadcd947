"""A long text is fingerprinted a chunk at a time, with the digest of the whole normalised text:
a document stored before keeps its fingerprint (else it would be stored again)."""

import hashlib
import importlib
import random

import pytest

fingerprints = importlib.import_module("tiewatch.ingest.fingerprint")
PIECES = ["Kora", "fund", " ", "  ", "\n", "\n\n", "\t", "e\u0301", "\u0301", "\u00a0", "\u2003", "Ansar", "\u0627\u0644", "x"]


def whole(text: str, place: str = "") -> str:
    prefix = f"{place}\n" if place else ""
    return hashlib.sha256((prefix + fingerprints.normalise(text)).encode("utf-8")).hexdigest()


@pytest.mark.parametrize("seed", range(60))
def test_a_text_hashed_in_chunks_has_the_fingerprint_of_the_whole(monkeypatch, seed):
    monkeypatch.setattr(fingerprints, "HASH_CHUNK", 1 + seed % 7)  # chunk edges everywhere
    rng = random.Random(seed)
    text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 60)))
    place = "telegram:42/7" if seed % 3 == 0 else ""
    assert fingerprints.fingerprint(text, place) == whole(text, place)
