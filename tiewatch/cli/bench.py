"""`tiewatch bench quality|speed|train|crash|order|fuzz`: extraction quality against gold sets, speed
against bare parsing, the tie classifier refit, ingests killed at random moments, the graph under
other batchings of the same documents, and a generated hostile corpus ingested."""

from __future__ import annotations

import json
from contextlib import nullcontext as _quiet
from pathlib import Path
from typing import Optional

import typer

from tiewatch.bench import crash as crash_bench
from tiewatch.bench import fuzz as fuzz_bench
from tiewatch.bench import order as order_bench
from tiewatch.bench import quality as quality_bench
from tiewatch.bench import speed as speed_bench
from tiewatch.cli.app import app
from tiewatch.cli.context import err_console

bench_app = typer.Typer(help="Benchmarks: quality against gold ties, speed against bare spaCy parsing, hostile input.",
                        no_args_is_help=True)
app.add_typer(bench_app, name="bench")


@bench_app.command()
def quality(
    sets: Optional[list[str]] = typer.Option(None, "--set", help="Gold set: seed, re3d, devset, devset2, heldout, real-train, real-dev, real-test (the frozen split: report a finished change only) or a folder under --sets-dir (repeatable; default seed, re3d, devset, heldout, real-dev)."),
    extractors: Optional[list[str]] = typer.Option(None, "--extractor", help="Extractor (repeatable; default learned, rules and cooccurrence)."),
    shared: Path = typer.Option(quality_bench.DEFAULT_SHARED, "--shared", help="The shared data folder (seed example, re3d)."),
    sets_dir: Path = typer.Option(quality_bench.DEFAULT_SETS, "--sets-dir", help="The folder holding devset/ and heldout/."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a Markdown table."),
    by_type: bool = typer.Option(False, "--by-type", help="Add a table of typed recall per tie type."),
    compare: bool = typer.Option(False, "--compare", help="Run rules and learned only and add a table of the change."),
) -> None:
    """Precision, recall and F1 of typed, directed claims with polarity, beside the co-occurrence baseline."""
    goldsets = [quality_bench.load_set(name, shared, sets_dir) for name in sets or quality_bench.SET_NAMES]
    rows = quality_bench.quality(goldsets, quality_bench.chosen_extractors(extractors, compare), progress=err_console.is_terminal)
    typer.echo(json.dumps([r.as_dict() for r in rows], indent=1) if as_json else quality_bench.markdown(rows))
    if by_type and not as_json:
        typer.echo("\n" + quality_bench.markdown_by_type(rows))
    if compare and not as_json:
        typer.echo("\n" + quality_bench.compare(rows))


@bench_app.command()
def speed(
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Only the first N press releases."),
    corpus: Path = typer.Option(speed_bench.DEFAULT_CORPUS, "--corpus", help="The Treasury press releases (JSON lines)."),
    memory: bool = typer.Option(True, "--memory/--no-memory", help="Also measure peak memory (a second pass)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a Markdown table."),
    extractor: str = typer.Option(speed_bench.DEFAULT_EXTRACTOR, "--extractor", help="The engine to measure (default: learned)."),
) -> None:
    """Words per second of a whole extraction against bare nlp.pipe, as a ratio; peak memory too."""
    result = speed_bench.measure(speed_bench.load_treasury(corpus, limit), memory=memory, extractor=extractor)
    typer.echo(json.dumps(result.as_dict(), indent=1) if as_json else speed_bench.markdown(result))


@bench_app.command()
def train(
    sets_dir: Path = typer.Option(quality_bench.DEFAULT_SETS, "--sets-dir", help="The benchmarks folder (real/, devset/, devset2/)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Where to write the model (default: the one tiewatch ships and loads)."),
) -> None:
    """Retrain the tie classifier from the annotated paragraphs (real train split, devset, devset2),
    choosing its settings on the real dev split; deterministic, so a clean clone reproduces the
    shipped model. Needs scikit-learn, the package's "train" extra."""
    from tiewatch.bench import train as train_bench

    argv = ["--sets-dir", str(sets_dir)] + (["--out", str(out)] if out else [])
    code = train_bench.main(argv)
    if code:
        raise typer.Exit(code)


@bench_app.command()
def crash(
    folder: Path = typer.Argument(Path("examples"), exists=True, file_okay=False, help="The documents to ingest (default: the bundled examples)."),
    kills: int = typer.Option(10, "--kills", min=1, max=100, help="How many ingests to kill with SIGKILL (half of them during the graph rebuild)."),
    db: Optional[str] = typer.Option(None, "--db", help="An empty store to test (default: a scratch SQLite file); e.g. a fresh PostgreSQL database."),
    seed: int = typer.Option(20261201, "--seed", help="Seed of the random kill moments."),
) -> None:
    """Kill ingests at random moments, then check that the next command restores the clean graph
    (same documents, actors and ties with the same counts, no traceback). Exit 1 when it does not."""
    report = crash_bench.crash(folder, kills, db, seed)
    typer.echo(report.markdown())
    if not report.restored:
        raise typer.Exit(1)


@bench_app.command()
def order(
    folder: Path = typer.Argument(Path("examples"), exists=True, file_okay=False, help="The documents to store (default: the bundled examples)."),
    trials: int = typer.Option(4, "--trials", min=1, max=100, help="How many random orders and batchings to compare with one batch."),
    seed: int = typer.Option(5, "--seed", help="Seed of the random orders and batch sizes."),
) -> None:
    """Store FOLDER's documents in one batch, then in random orders cut into random batches with a
    graph rebuild after each: do the same actors (names and kind) and ties come out? Exit 1 when not."""
    with err_console.status("order: reading and extracting") if err_console.is_terminal else _quiet() as status:
        def progress(label: str) -> None:
            if status is not None:
                status.update(f"order: {label}")

        report = order_bench.order(folder, trials, seed, progress)
    typer.echo(report.markdown())
    if not report.independent:
        raise typer.Exit(1)


@bench_app.command()
def fuzz(
    scale: float = typer.Option(1.0, "--scale", help="Size and number of the hostile files: 1 = issue 13's 3,000+ files and "
                                "full-size bombs; 0.02 makes a small corpus in a second."),
    seed: int = typer.Option(13, "--seed", help="The generator's seed; the same seed gives the same files."),
    db: Optional[str] = typer.Option(None, "--db", help="Also run on this PostgreSQL database (it must hold no documents); "
                                     "SQLite is run too, in a file of its own, unless --no-sqlite."),
    sqlite: bool = typer.Option(True, "--sqlite/--no-sqlite", help="Run on SQLite (with --db: --no-sqlite runs PostgreSQL only, "
                                "e.g. beside a SQLite run in another process)."),
    skip: Optional[list[str]] = typer.Option(None, "--skip", metavar="KIND", help="Leave a kind of file out (repeatable): "
                                             + fuzz_bench.kinds_help() + "."),
    extract: bool = typer.Option(True, "--extract/--no-extract", help="Run the default extractor during ingest, as a user would."),
    timeout: float = typer.Option(fuzz_bench.DEFAULT_TIMEOUT, "--timeout", min=1, help="Kill an ingest run after this many seconds."),
    by_kind: bool = typer.Option(False, "--by-kind", help="Ingest each kind's folder on its own (one run per kind and backend) "
                                 "instead of the whole corpus twice."),
    workdir: Optional[Path] = typer.Option(None, "--workdir", help="Write the corpus, databases and run logs here and keep them "
                                           "(default: a temporary folder, removed afterwards)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a Markdown table."),
) -> None:
    """Generate the hostile corpus and ingest it in a child process per backend, twice: wall time, peak
    memory, tracebacks, skips, good documents stored once, local files leaked. Exits 1 when a check fails."""
    with err_console.status("fuzz: generating the corpus") if err_console.is_terminal else _quiet() as status:
        def progress(label: str) -> None:
            if status is not None:
                status.update(f"fuzz: ingest run {label}")

        report = fuzz_bench.fuzz(scale, seed, db, skip or (), extract, timeout, by_kind, workdir, progress, sqlite)
    typer.echo(json.dumps(report.as_dict(), indent=1) if as_json else fuzz_bench.markdown(report))
    if report.problems:
        raise typer.Exit(1)
