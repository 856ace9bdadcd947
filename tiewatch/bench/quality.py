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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from tiewatch.bench.gold import GoldSet, load_paragraphs, load_seed
from tiewatch.bench.re3d import load_re3d
from tiewatch.bench.scorer import Result, interval, score
from tiewatch.model import Claim, Document, Mention, TiewatchError

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_SETS = REPO / "benchmarks"
SET_NAMES = ("seed", "re3d", "devset", "heldout", "real-dev")  # real-test only when asked: it is frozen
REAL_SPLITS = ("real-train", "real-dev", "real-test")
EXTRACTORS = ("learned", "rules", "cooccurrence")
# What each engine has seen of a set: a score there is no estimate for text it has never met.
SEEN = {
    "learned": {"real-train": "trained", "devset": "trained", "devset2": "trained", "real-dev": "tuned", "seed": "tuned"},
    "rules": {"devset": "tuned", "devset2": "tuned", "seed": "tuned"},
}


def chosen_extractors(extractors: list[str] | None, compare: bool) -> list[str]:
    """The engines a quality run measures: those named, rules and learned for --compare, or all."""
    return list(extractors or (["rules", "learned"] if compare else EXTRACTORS))


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


def run(extractor: str | Any, goldset: GoldSet, advance: Callable[[], None] = lambda: None,
        mentions: dict[str, list[Mention]] | None = None) -> dict[str, list[Claim]]:
    """Claims per gold document id, from one extractor (by name, or an instance); the mentions
    per document go into `mentions` when it is given."""
    from tiewatch.extract import get_extractor

    engine = get_extractor(extractor) if isinstance(extractor, str) else extractor
    claims: dict[str, list[Claim]] = {}
    for doc, found_mentions, found in engine.extract(documents(goldset)):
        claims[doc.origin] = found
        if mentions is not None:
            mentions[doc.origin] = found_mentions
        advance()
    return claims


@dataclass
class Row:
    set: str
    extractor: str
    gold: int
    result: Result
    _intervals: dict[str, tuple[float, float]] | None = field(default=None, repr=False, compare=False)

    @property
    def seen(self) -> str | None:
        """"trained" or "tuned" when the engine was fitted or tuned on this set, else None."""
        return SEEN.get(self.extractor, {}).get(self.set)

    def intervals(self) -> dict[str, tuple[float, float]]:
        """95 % bootstrap intervals over documents: typed P, R, F1 and pair F1."""
        if self._intervals is None:
            typed = [t for t, _p in self.result.parts]
            pairs = [p for _t, p in self.result.parts]
            self._intervals = {"typed_precision": interval(typed, lambda s: s.precision),
                               "typed_recall": interval(typed, lambda s: s.recall),
                               "typed_f1": interval(typed), "pair_f1": interval(pairs)}
        return self._intervals

    def as_dict(self) -> dict:
        t, p, r = self.result.typed, self.result.pairs, self.result

        def ratio(value: float | None) -> float | None:
            return None if value is None else round(value, 3)

        return {
            "set": self.set, "extractor": self.extractor, "seen": self.seen, "gold_ties": self.gold, "documents": len(r.parts),
            "typed": {"precision": round(t.precision, 3), "recall": round(t.recall, 3), "f1": round(t.f1, 3),
                      "claims": t.claims, "matched_claims": t.matched_claims, "matched_gold": t.matched_gold},
            "pairs": {"precision": round(p.precision, 3), "recall": round(p.recall, 3), "f1": round(p.f1, 3),
                      "claims": p.claims, "matched_claims": p.matched_claims, "matched_gold": p.matched_gold},
            "interval_95": {k: [round(lo, 3), round(hi, 3)] for k, (lo, hi) in self.intervals().items()},
            "polarity_accuracy": ratio(r.polarity_accuracy), "polarity_n": r.polarity_checked,
            "claimant_accuracy": ratio(r.claimant_accuracy), "claimant_n": r.claimants_checked,
            "claimant_recall": ratio(r.claimant_recall), "claimant_gold": r.claimants_all,
            "mention_recall": ratio(r.mention_recall), "mention_ends": r.ends_total,
            "reference_precision": ratio(r.reference_precision), "reference_claims": r.ref_claims,
            "recall_by_type": {t: {"matched": m, "gold": n} for t, (m, n) in sorted(r.by_type.items())},
        }


def quality(goldsets: Iterable[GoldSet], extractors: Iterable[str] = EXTRACTORS, progress: bool = False) -> list[Row]:
    goldsets, extractors = list(goldsets), list(extractors)
    total = sum(len(g.docs) for g in goldsets) * len(extractors)
    rows: list[Row] = []
    with _progress(progress, total) as advance:
        for goldset in goldsets:
            for name in extractors:
                mentions: dict[str, list[Mention]] = {}
                claims = run(name, goldset, advance, mentions)
                rows.append(Row(goldset.name, name, goldset.tie_count, score(goldset, claims, mentions)))
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


def _share(value: float | None, n: int) -> str:
    return "—" if value is None else f"{value:.2f} ({n})"


def markdown(rows: list[Row]) -> str:
    """One line per (set, extractor): typed and pair scores with 95 % intervals, then polarity
    accuracy, claimant recall over all gold claimants and mention recall of tie ends, each with n;
    a set the engine was trained or tuned on is marked so ("devset (trained)")."""
    lines = [
        "| gold set | extractor | docs | gold ties | typed P | typed R | typed F1 [95 %] | pair F1 [95 %] "
        "| polarity (n) | claimant (n) | mentions (n) |",
        "|---|---|---:|---:|---:|---:|---|---|---:|---:|---:|",
    ]
    for row in rows:
        t, p, r = row.result.typed, row.result.pairs, row.result
        ci = row.intervals()
        lines.append(
            f"| {row.set}{f' ({row.seen})' if row.seen else ''} | {row.extractor} | {len(r.parts)} | {row.gold} "
            f"| {t.precision:.2f} | {t.recall:.2f} "
            f"| {t.f1:.2f} [{ci['typed_f1'][0]:.2f}–{ci['typed_f1'][1]:.2f}] "
            f"| {p.f1:.2f} [{ci['pair_f1'][0]:.2f}–{ci['pair_f1'][1]:.2f}] "
            f"| {_share(r.polarity_accuracy, r.polarity_checked)} | {_share(r.claimant_recall, r.claimants_all)} "
            f"| {_share(r.mention_recall, r.ends_total)} |"
        )
    return "\n".join(lines)


def compare(rows: list[Row], new: str = "learned", old: str = "rules") -> str:
    """Per set: typed and pair F1 of two extractors side by side, and the change."""
    by = {(r.set, r.extractor): r.result for r in rows}
    lines = [f"| gold set | {old} typed F1 | {new} typed F1 | change | {old} pair F1 | {new} pair F1 | change |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for name in dict.fromkeys(r.set for r in rows):
        a, b = by.get((name, old)), by.get((name, new))
        if a is None or b is None:
            continue
        lines.append(f"| {name} | {a.typed.f1:.2f} | {b.typed.f1:.2f} | {b.typed.f1 - a.typed.f1:+.2f} "
                     f"| {a.pairs.f1:.2f} | {b.pairs.f1:.2f} | {b.pairs.f1 - a.pairs.f1:+.2f} |")
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
    parser.add_argument("--compare", action="store_true", help="run rules and learned and add a table of the change")
    args = parser.parse_args(argv)
    try:
        goldsets = [load_set(name, args.shared, args.sets_dir) for name in args.sets or SET_NAMES]
        rows = quality(goldsets, chosen_extractors(args.extractors, args.compare), progress=sys.stderr.isatty())
    except TiewatchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(json.dumps([r.as_dict() for r in rows], indent=1) if args.json else markdown(rows))
    if args.by_type and not args.json:
        print("\n" + markdown_by_type(rows))
    if args.compare and not args.json:
        print("\n" + compare(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
