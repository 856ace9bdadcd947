"""`tiewatch bench speed`: words per second of a whole extraction (the default `learned` engine,
or `--extractor rules`) against bare `nlp.pipe`
on the same text (US Treasury counter-terrorism press releases), in one process, as a ratio.

    python -m tiewatch.bench.speed [--limit N] [--json]

Both models are loaded and warmed up before the clock starts. Bare parsing gets the same
paragraphs, normalised the same way, in the same batch size as the engine. The clock is the
process's CPU time, and the two runs alternate over chunks of documents (bare first, then rules
first), so other work on a shared machine does not tilt the ratio. Peak memory is measured
in a second pass with tracemalloc (Python and NumPy allocations while the text is processed, the
models already loaded), since tracing slows both runs and would distort the timing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

from tiewatch.extract import DEFAULT_EXTRACTOR
from tiewatch.model import Document, NotFound, TiewatchError

DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "treasury" / "treasury_ct_press_releases.jsonl"


@dataclass
class Speed:
    documents: int
    words: int
    bare_seconds: float
    rules_seconds: float
    bare_peak_mb: float | None = None
    rules_peak_mb: float | None = None  # of the measured engine (the name is kept for JSON readers)
    extractor: str = DEFAULT_EXTRACTOR

    @property
    def bare_wps(self) -> float:
        return self.words / self.bare_seconds if self.bare_seconds else 0.0

    @property
    def rules_wps(self) -> float:
        return self.words / self.rules_seconds if self.rules_seconds else 0.0

    @property
    def ratio(self) -> float:
        return self.rules_wps / self.bare_wps if self.bare_wps else 0.0

    @property
    def memory_ratio(self) -> float | None:
        if not self.bare_peak_mb or self.rules_peak_mb is None:
            return None
        return self.rules_peak_mb / self.bare_peak_mb

    def as_dict(self) -> dict:
        out = asdict(self)
        out.update(extractor=self.extractor, bare_wps=round(self.bare_wps), rules_wps=round(self.rules_wps), speed_ratio=round(self.ratio, 3),
                   memory_ratio=None if self.memory_ratio is None else round(self.memory_ratio, 3))
        return out


def load_treasury(path: Path = DEFAULT_CORPUS, limit: int | None = None) -> list[Document]:
    """The first `limit` press releases as documents (all when limit is None)."""
    if not path.is_file():
        raise NotFound(f"no Treasury corpus at {path}; pass --corpus pointing at treasury_ct_press_releases.jsonl")
    docs = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if limit is not None and len(docs) >= limit:
                break
            try:
                row = json.loads(line)
            except ValueError:
                raise NotFound(f"{path} is not JSON lines: {line[:60]!r}") from None
            docs.append(Document(text=row.get("text") or "", kind="text", origin=row.get("id", ""),
                                 title=row.get("title"), published=row.get("date"), author="US Treasury"))
    return docs


def _bare_run(model: Any, docs: list[Document]) -> Callable[[], None]:
    from tiewatch.extract.nlp import BATCH_SIZE, normalise, paragraphs

    def go() -> None:
        texts = (normalise(d.text)[s:e] for d in docs for s, e in paragraphs(d.text))
        for _ in model.pipe(texts, batch_size=BATCH_SIZE):
            pass

    return go


def _rules_run(engine: Any, docs: list[Document]) -> Callable[[], None]:
    def go() -> None:
        for _ in engine.extract(docs):
            pass

    return go


CHUNK = 10


def _timed(fn: Callable[[], None]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def _alternating(bare: Any, engine: Any, docs: list[Document]) -> tuple[float, float]:
    """CPU seconds of bare parsing and of the rules engine, alternating which goes first per chunk."""
    bare_total = rules_total = 0.0
    for n in range(0, len(docs), CHUNK):
        chunk = docs[n:n + CHUNK]
        bare_go, rules_go = _bare_run(bare, chunk), _rules_run(engine, chunk)
        if (n // CHUNK) % 2:
            rules_total += _timed(rules_go)
            bare_total += _timed(bare_go)
        else:
            bare_total += _timed(bare_go)
            rules_total += _timed(rules_go)
    return bare_total, rules_total


def _peak_mb(fn: Callable[[], None]) -> float:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def measure(docs: list[Document], memory: bool = True, extractor: str = DEFAULT_EXTRACTOR) -> Speed:
    from tiewatch.extract import get_extractor
    from tiewatch.extract.nlp import bare_nlp

    engine, bare = get_extractor(extractor), bare_nlp()
    warm = [Document(text="Hamas said on Monday that its fighters clashed with the army.", kind="text", origin="warm-up")]
    _bare_run(bare, warm)()
    _rules_run(engine, warm)()
    result = Speed(len(docs), sum(len(d.text.split()) for d in docs), *_alternating(bare, engine, docs))
    result.extractor = extractor
    if memory:
        result.bare_peak_mb = _peak_mb(_bare_run(bare, docs))
        result.rules_peak_mb = _peak_mb(_rules_run(engine, docs))
    return result


def markdown(result: Speed) -> str:
    mem = "—" if result.memory_ratio is None else f"{result.memory_ratio:.2f}"
    peaks = "—" if result.bare_peak_mb is None else f"{result.bare_peak_mb:.0f} MB / {result.rules_peak_mb:.0f} MB"
    return "\n".join([
        f"| documents | words | bare nlp.pipe (words/CPU-s) | {result.extractor} extraction (words/CPU-s) | speed ratio "
        f"| peak memory bare / {result.extractor} | memory ratio |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {result.documents} | {result.words} | {result.bare_wps:,.0f} | {result.rules_wps:,.0f} | {result.ratio:.2f} | {peaks} | {mem} |",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tiewatch.bench.speed", description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N press releases")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-memory pass")
    parser.add_argument("--extractor", default=DEFAULT_EXTRACTOR, help="the engine to measure (default: learned)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    try:
        result = measure(load_treasury(args.corpus, args.limit), memory=not args.no_memory, extractor=args.extractor)
    except TiewatchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(json.dumps(result.as_dict(), indent=1) if args.json else markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
