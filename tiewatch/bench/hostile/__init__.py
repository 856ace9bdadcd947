"""The hostile corpus of issue 13: crafted files over every format tiewatch reads, generated from a
seed (never committed as blobs). `generate(root, seed, scale, skip)` writes it and returns its
`Manifest`; `KINDS` lists the kinds of file, each one `--skip`-able by name.

Importing the kind modules registers them in `KINDS`.
"""

from tiewatch.bench.hostile import bombs, exports, junk, markup, office, places  # noqa: F401
from tiewatch.bench.hostile.corpus import ANY, GOOD, KINDS, LEAK_SIGNS, SKIP, Entry, Manifest, generate

__all__ = ["ANY", "GOOD", "KINDS", "LEAK_SIGNS", "SKIP", "Entry", "Manifest", "generate"]
