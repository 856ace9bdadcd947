"""The hostile corpus: generated the same from the same seed, 3,000+ files over every format at
scale 1, and (the CI subset) ingested by `tiewatch ingest` on SQLite and PostgreSQL with no
traceback, every bad file skipped with its reason, every good document stored once, nothing from
outside the folder stored, and nothing added by a second ingest."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tiewatch.bench.hostile import ANY, GOOD, KINDS, LEAK_SIGNS, SKIP, generate
from tiewatch.ingest.fingerprint import storable
from tiewatch.store import Store

TIEWATCH = str(Path(sys.executable).parent / "tiewatch")
SLOW_TO_WRITE = frozenset({
    "docx-bomb", "docx-table", "emoji-flood", "feed-many", "html-attributes", "html-deep", "html-entities",
    "html-table", "huge-line", "pdf-bomb", "pdf-pages", "telegram-big", "text-big",
})


def digest(folder: Path) -> dict[str, str]:
    """sha256 of every file (and target of every link) under `folder`, by relative path."""
    found = {}
    for root, dirs, names in os.walk(folder):
        for name in [*names, *(d for d in dirs if os.path.islink(os.path.join(root, d)))]:
            path = Path(root) / name
            rel = os.fsdecode(path.relative_to(folder))
            if path.is_symlink():
                found[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def test_the_same_seed_gives_the_same_files_and_another_seed_others(tmp_path):
    root = tmp_path / "hostile"  # files that point at the canary name it by its absolute path: one root
    first = generate(root, seed=5, scale=0.02)
    files = digest(root / "corpus")
    second = generate(root, seed=5, scale=0.02)
    assert first.entries == second.entries and first.canary == second.canary and digest(root / "corpus") == files
    generate(root, seed=6, scale=0.02)
    assert digest(root / "corpus") != files
    assert {e.kind for e in first.entries} == set(KINDS)


def test_full_scale_holds_3000_files_over_every_format_with_known_good_documents(tmp_path):
    manifest = generate(tmp_path / "full", scale=1, skip=SLOW_TO_WRITE)  # the bombs are slow to write, not to count
    assert len(manifest.entries) >= 3000
    expect = Counter(e.expect for e in manifest.entries)
    assert expect[GOOD] >= 100 and expect[SKIP] >= 200 and expect[ANY] >= 2000
    suffixes = Counter(Path(e.path).suffix for e in manifest.entries)
    assert all(suffixes[s] >= 100 for s in (".html", ".pdf", ".docx", ".txt", ".md", ".xml", ".json"))
    markers = manifest.markers
    assert len(markers) == len(set(markers)) > len(manifest.good)  # feeds and exports hold several documents
    names = [e.path for e in manifest.entries]
    assert any("\n" in n for n in names) and any("\udcff" in n for n in names) and any(".." in n for n in names)
    assert (tmp_path / "full" / "manifest.json").is_file() and not (tmp_path / "full" / "corpus" / "manifest.json").exists()


def test_a_folder_that_is_not_a_corpus_is_never_emptied(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    from tiewatch.model import TiewatchError

    with pytest.raises(TiewatchError, match="not empty"):
        generate(tmp_path, scale=0.02)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def ingest(folder: Path, url: str, extract: bool = True) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "TIEWATCH_DB"}
    extraction = [] if extract else ["--no-extract"]
    return subprocess.run([TIEWATCH, "ingest", str(folder), "--db", url, *extraction], capture_output=True, text=True,
                          errors="replace", env=env, timeout=1800)


def stored_markers(url: str, signs: tuple[str, ...]) -> tuple[Counter, int]:
    found, leaks = Counter(), 0
    store = Store(url)
    for doc in store.iter_documents():
        found.update(set(re.findall(r"TWG\d{5}", doc.text)))
        leaks += any(sign in doc.text for sign in signs)
    store.close()
    return found, leaks


@pytest.mark.slow
def test_the_ci_subset_of_the_corpus_ingests_cleanly_twice(db_url, tmp_path):
    """Every kind, bombs included, on both backends: on SQLite with extraction (the tokenizer meets
    the emoji flood and the huge line), on PostgreSQL a larger corpus stored only, since what differs
    there is the store (`tiewatch bench fuzz` runs both whole for a release)."""
    on_sqlite = db_url.startswith("sqlite")
    manifest = generate(tmp_path / "hostile", seed=13, scale=0.02 if on_sqlite else 0.05)
    folder = tmp_path / "hostile" / "corpus"
    first = ingest(folder, db_url, extract=on_sqlite)
    assert first.returncode == 0 and "Traceback" not in first.stdout + first.stderr, first.stderr[-3000:]
    skipped = [line[len("  skipped "):] for line in first.stdout.splitlines() if line.startswith("  skipped ")]
    for entry in (e for e in manifest.entries if e.expect == SKIP):
        prefix = storable(str(folder / entry.path)) + ": "
        assert any(line.startswith(prefix) and line[len(prefix):].strip() for line in skipped), entry.path
    found, leaks = stored_markers(db_url, (manifest.canary, *LEAK_SIGNS))
    assert leaks == 0
    assert {m: found[m] for m in manifest.markers} == {m: 1 for m in manifest.markers}
    count = Store(db_url).count_documents()
    again = ingest(folder, db_url, extract=on_sqlite)
    assert again.returncode == 0 and "Traceback" not in again.stdout + again.stderr
    assert re.search(rf"^0 new, \d+ already known, {len(skipped)} skipped$", again.stdout, re.MULTILINE), again.stdout[-500:]
    assert Store(db_url).count_documents() == count
