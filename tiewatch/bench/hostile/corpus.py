"""The hostile corpus: a registry of kinds of crafted file, and the seeded writer that lays them out
as `ROOT/corpus/<kind>/...` with `ROOT/manifest.json` beside it (never inside the folder that is
ingested) and `ROOT/outside/` holding a canary file that links and entities point at.

Each kind is a function that writes its files through a `Maker`; every file is recorded with what
ingesting it must give: GOOD (its documents stored exactly once, each carrying a marker word), SKIP
(skipped with a reason) or ANY (stored or skipped, but never a traceback or a hang). The same seed
and scale give the same files, byte for byte.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from tiewatch.model import TiewatchError

GOOD, SKIP, ANY = "good", "skip", "any"
MARKER_PREFIX = "TWG"  # good documents carry TWG00001, TWG00002, ...; nothing else does
CANARY_PREFIX = "TWSECRET"  # the content of the file outside the corpus that nothing may bring in
LEAK_SIGNS = ("root:x:0:0",)  # /etc/passwd, which links and external entities also point at


@dataclass
class Entry:
    """One generated file (or link) and what ingesting it must give."""

    path: str  # relative to the corpus folder; odd names kept as os.fsdecode gives them
    kind: str
    expect: str  # GOOD | SKIP | ANY
    markers: list[str] = field(default_factory=list)  # GOOD: one marker per document it holds


@dataclass
class Kind:
    name: str
    make: Callable[["Maker"], None]
    files: int  # files at scale 1, roughly
    about: str


KINDS: dict[str, Kind] = {}


def kind(name: str, files: int, about: str) -> Callable[[Callable[["Maker"], None]], Callable[["Maker"], None]]:
    """Register a kind of hostile file: `files` is about how many it writes at scale 1."""

    def register(make: Callable[["Maker"], None]) -> Callable[["Maker"], None]:
        KINDS[name] = Kind(name, make, files, about)
        return make

    return register


@dataclass
class Manifest:
    seed: int
    scale: float
    canary: str
    entries: list[Entry]
    skipped_kinds: list[str] = field(default_factory=list)

    @property
    def good(self) -> list[Entry]:
        return [e for e in self.entries if e.expect == GOOD]

    @property
    def markers(self) -> list[str]:
        return [m for e in self.good for m in e.markers]

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), indent=1), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "Manifest":
        raw = json.loads(path.read_text(encoding="utf-8"))
        raw["entries"] = [Entry(**e) for e in raw["entries"]]
        return cls(**raw)


class Maker:
    """What a kind writes through: its folder, its own seeded random source, and the sizes and
    counts for this scale."""

    def __init__(self, corpus: "Corpus", name: str):
        self.corpus, self.kind = corpus, name
        self.dir = corpus.folder / name
        self.dir.mkdir(parents=True, exist_ok=True)
        self.rng = random.Random(f"{corpus.seed}:{name}")

    @property
    def outside(self) -> Path:
        """The canary file outside the ingested folder."""
        return self.corpus.canary_path

    def count(self, n: int) -> int:
        """How many files of a variant to write: n at scale 1, at least one."""
        return max(1, round(n * self.corpus.scale))

    def size(self, n: int, least: int = 1) -> int:
        """A size or repetition count: n at scale 1, at least `least`."""
        return max(least, int(n * self.corpus.scale))

    def marker(self) -> str:
        return self.corpus.next_marker()

    def file(self, name: str | bytes, data: bytes | str, expect: str, markers: Iterable[str] = ()) -> None:
        path = self._path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
        self._record(path, expect, markers)

    def link(self, name: str, target: str | Path, expect: str = SKIP) -> None:
        path = self._path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)
        self._record(path, expect, ())

    def fifo(self, name: str) -> None:
        path = self._path(name)
        os.mkfifo(path)
        self._record(path, SKIP, ())

    def _path(self, name: str | bytes) -> Path:
        """A path inside this kind's folder; bytes names keep their invalid UTF-8 through os.fsdecode."""
        return self.dir / (os.fsdecode(name) if isinstance(name, bytes) else name)

    def _record(self, path: Path, expect: str, markers: Iterable[str]) -> None:
        rel = os.fsdecode(path.relative_to(self.corpus.folder))
        self.corpus.entries.append(Entry(rel, self.kind, expect, list(markers)))


class Corpus:
    def __init__(self, root: Path, seed: int, scale: float):
        self.root, self.seed, self.scale = root, seed, scale
        self.folder = root / "corpus"
        self.canary = f"{CANARY_PREFIX}{random.Random(seed).randrange(10**8):08d}"
        self.canary_path = root / "outside" / "secret.txt"
        self.entries: list[Entry] = []
        self._markers = 0

    def next_marker(self) -> str:
        self._markers += 1
        return f"{MARKER_PREFIX}{self._markers:05d}"

    def write(self, skip: Iterable[str] = ()) -> Manifest:
        if self.root.exists() and any(self.root.iterdir()):
            if not (self.root / "manifest.json").is_file():
                raise TiewatchError(f"{self.root} is not empty and holds no earlier corpus; name a new or empty folder")
            shutil.rmtree(self.root)
        self.folder.mkdir(parents=True)
        self.canary_path.parent.mkdir()
        self.canary_path.write_text(f"{self.canary}: a local file that must never reach the store.\n", encoding="utf-8")
        skipped = sorted(set(skip))
        for name in sorted(KINDS):
            if name not in skipped:
                KINDS[name].make(Maker(self, name))
        manifest = Manifest(self.seed, self.scale, self.canary, self.entries, skipped)
        manifest.save(self.root / "manifest.json")
        return manifest


def generate(root: Path, seed: int = 13, scale: float = 1.0, skip: Iterable[str] = ()) -> Manifest:
    """Write the corpus under `root` (a new or empty folder, or an earlier corpus, which is replaced)."""
    unknown = sorted(set(skip) - set(KINDS))
    if unknown:
        raise TiewatchError(f"unknown kind(s) {', '.join(unknown)}; known: {', '.join(sorted(KINDS))}")
    if not 0 < scale <= 10:
        raise TiewatchError(f"scale {scale} is out of range; use a number above 0 and at most 10")
    return Corpus(root, seed, scale).write(skip)


def main(argv: list[str] | None = None) -> int:
    """`scripts/hostile_corpus.py OUT [--seed N] [--scale X] [--skip KIND]...`"""
    import argparse
    import sys
    from collections import Counter

    parser = argparse.ArgumentParser(prog="hostile_corpus.py", description="Write the hostile corpus of issue 13: "
                                     "OUT/corpus/<kind>/..., OUT/manifest.json and OUT/outside/ (the canary).")
    parser.add_argument("out", type=Path, help="a new or empty folder, or an earlier corpus (replaced)")
    parser.add_argument("--seed", type=int, default=13, help="the same seed gives the same files (default 13)")
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 3,000+ files and full-size bombs; 0.02 for CI")
    parser.add_argument("--skip", action="append", default=[], metavar="KIND",
                        help=f"leave a kind out (repeatable): {', '.join(sorted(KINDS))}")
    args = parser.parse_args(argv)
    try:
        manifest = generate(args.out, args.seed, args.scale, args.skip)
    except TiewatchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    expect = Counter(e.expect for e in manifest.entries)
    print(f"{len(manifest.entries)} files in {args.out / 'corpus'}: {expect[GOOD]} good ({len(manifest.markers)} documents), "
          f"{expect[SKIP]} to be skipped, {expect[ANY]} either; manifest {args.out / 'manifest.json'}")
    return 0
