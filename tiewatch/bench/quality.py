"""`tiewatch bench quality`: precision, recall and F1 of each extractor on each gold set, side by side.

    python -m tiewatch.bench.quality [--set seed --set re3d ...] [--json]

Gold sets: `seed` (../shared/examples/seed), `re3d` (../shared/corpora/re3d, all three parts),
`devset` and `heldout` (benchmarks/), or the name of any other folder of paragraph files under
benchmarks/. All extractors run in the same process on the same texts.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from tiewatch.bench.gold import GoldSet, load_paragraphs, load_seed
from tiewatch.bench.re3d import load_re3d
from tiewatch.bench.scorer import Result, score
from tiewatch.model import Claim, Document, TiewatchError

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_SETS = REPO / "benchmarks"
SET_NAMES = ("seed", "re3d", "devset", "heldout")
REAL_SPLITS = ("real-train", "real-dev", "real-test")
EXTRACTORS = ("rules", "cooccurrence")


def load_set(name: str, shared: Path = DEFAULT_SHARED, sets: Path = DEFAULT_SETS) -> GoldSet:
    loaders: dict[str, Callable[[], GoldSet]] = {
        "seed": lambda: load_seed(shared / "examples" / "seed"),
        "re3d": lambda: load_re3d(shared / "corpora" / "re3d"),
        "devset": lambda: load_paragraphs(sets / "devset", "devset"),
        "heldout": lambda: load_paragraphs(sets / "heldout", "heldout"),
    }
    if name in loaders:
        return loaders[name]()
    if name in REAL_SPLITS:  # the annotated real paragraphs, by split (benchmarks/GUIDE.md)
        return load_paragraphs(sets / "real" / name.removeprefix("real-"), name)
    if name.isidentifier() and (sets / name).is_dir():
        return load_paragraphs(sets / name, name)
    raise TiewatchError(f"unknown gold set {name!r}; choose from {', '.join(SET_NAMES)} or a folder of {sets}")


def documents(goldset: GoldSet) -> list[Document]:
    return [Document(text=d.text, kind="text", origin=d.id, author=d.publisher) for d in goldset.docs]


def run(extractor: str | Any, goldset: GoldSet, advance: Callable[[], None] = lambda: None) -> dict[str, list[Claim]]:
    """Claims per gold document id, from one extractor (by name, or an instance)."""
    from tiewatch.extract import get_extractor

    engine = get_extractor(extractor) if isinstance(extractor, str) else extractor
    claims: dict[str, list[Claim]] = {}
    for doc, _mentions, found in engine.extract(documents(goldset)):
        claims[doc.origin] = found
        advance()
    return claims


@dataclass
class Row:
    set: str
    extractor: str
    gold: int
    result: Result

    def as_dict(self) -> dict:
        t, p = self.result.typed, self.result.pairs
        return {
            "set": self.set, "extractor": self.extractor, "gold_ties": self.gold,
            "typed": {"precision": round(t.precision, 3), "recall": round(t.recall, 3), "f1": round(t.f1, 3),
                      "claims": t.claims, "matched_claims": t.matched_claims, "matched_gold": t.matched_gold},
            "pairs": {"precision": round(p.precision, 3), "recall": round(p.recall, 3), "f1": round(p.f1, 3),
                      "claims": p.claims, "matched_claims": p.matched_claims, "matched_gold": p.matched_gold},
            "claimant_accuracy": None if self.result.claimant_accuracy is None else round(self.result.claimant_accuracy, 3),
            "recall_by_type": {t: {"matched": m, "gold": n} for t, (m, n) in sorted(self.result.by_type.items())},
        }


def quality(goldsets: Iterable[GoldSet], extractors: Iterable[str] = EXTRACTORS, progress: bool = False) -> list[Row]:
    goldsets, extractors = list(goldsets), list(extractors)
    total = sum(len(g.docs) for g in goldsets) * len(extractors)
    rows: list[Row] = []
    with _progress(progress, total) as advance:
        for goldset in goldsets:
            for name in extractors:
                rows.append(Row(goldset.name, name, goldset.tie_count, score(goldset, run(name, goldset, advance))))
    return rows


class _progress:
    """A Rich progress bar on stderr (or nothing), used as `with _progress(on, total) as advance:`."""

    def __init__(self, on: bool, total: int):
        self.on, self.total, self.bar = on, total, None

    def __enter__(self) -> Callable[[], None]:
        if not self.on:
            return lambda: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            console=Console(stderr=True), transient=True)
        self.bar.start()
        task = self.bar.add_task("docs", total=self.total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def markdown(rows: list[Row]) -> str:
    lines = [
        "| gold set | extractor | gold ties | typed P | typed R | typed F1 | pair P | pair R | pair F1 | claimant |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        t, p, c = row.result.typed, row.result.pairs, row.result.claimant_accuracy
        lines.append(
            f"| {row.set} | {row.extractor} | {row.gold} | {t.precision:.2f} | {t.recall:.2f} | {t.f1:.2f} "
            f"| {p.precision:.2f} | {p.recall:.2f} | {p.f1:.2f} | {'—' if c is None else f'{c:.2f}'} |"
        )
    return "\n".join(lines)


def markdown_by_type(rows: list[Row]) -> str:
    """Typed recall per gold tie type (the first type a gold tie accepts), one column per run."""
    names = sorted({t for row in rows for t in row.result.by_type})
    lines = ["| tie type | " + " | ".join(f"{r.set} {r.extractor}" for r in rows) + " |",
             "|---|" + "---:|" * len(rows)]
    for name in names:
        cells = []
        for row in rows:
            matched, total = row.result.by_type.get(name, [0, 0])
            cells.append(f"{matched}/{total}" if total else "")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tiewatch.bench.quality", description=__doc__.splitlines()[0])
    parser.add_argument("--set", dest="sets", action="append", help="gold set: seed, re3d, devset, heldout or a folder under --sets-dir (repeatable; default the four)")
    parser.add_argument("--extractor", dest="extractors", action="append", help="extractor (repeatable; default rules and cooccurrence)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    parser.add_argument("--sets-dir", type=Path, default=DEFAULT_SETS, help="the folder holding devset/ and heldout/")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a Markdown table")
    parser.add_argument("--by-type", action="store_true", help="add a table of typed recall per tie type")
    args = parser.parse_args(argv)
    try:
        goldsets = [load_set(name, args.shared, args.sets_dir) for name in args.sets or SET_NAMES]
        rows = quality(goldsets, args.extractors or EXTRACTORS, progress=sys.stderr.isatty())
    except TiewatchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(json.dumps([r.as_dict() for r in rows], indent=1) if args.json else markdown(rows))
    if args.by_type and not args.json:
        print("\n" + markdown_by_type(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
