"""A document's MinHash signature is hashed a chunk of words at a time (a 40 MB text must not hold
all its shingles in memory at once) and is exactly the signature of all its shingles together."""

import random

import pytest
from datasketch import MinHash

from tiewatch.graph import duplicates


def whole(text: str) -> list[int]:
    words = text.casefold().split()
    shingles = {" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))}
    sketch = MinHash(num_perm=128, seed=1, scheme="affine32")
    sketch.update_batch([s.encode("utf-8") for s in shingles])
    return [int(v) for v in sketch.hashvalues]


@pytest.mark.parametrize("n_words", [0, 1, 2, 3, 4, 6, 7, 8, 9, 13, 14, 15, 16, 100])
def test_a_text_hashed_in_chunks_has_the_signature_of_all_its_shingles(monkeypatch, n_words):
    monkeypatch.setattr(duplicates, "CHUNK_WORDS", 7)  # chunk edges fall inside every text past 7 words
    rng = random.Random(n_words)
    text = " ".join(rng.choice(["kora", "fund", "ansar", "wadi", "niamey", "couriers"]) + str(rng.randint(0, 40))
                    for _ in range(n_words))
    assert [int(v) for v in duplicates.signature(text).hashvalues] == whole(text)
