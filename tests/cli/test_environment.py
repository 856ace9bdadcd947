"""Environment settings (TIEWATCH_*) are checked before any command runs: a bad value is one line
naming the variable, exit 2, no traceback; good values reach the parts that use them."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CLI = [sys.executable, "-c", "from tiewatch.cli.app import main; main()"]


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env={**os.environ, **env}, timeout=120)


@pytest.mark.parametrize("name, value, says", [
    ("TIEWATCH_SMTP_PORT", "abc", "valid integer"),
    ("TIEWATCH_SMTP_PORT", "70000", "less than or equal to 65535"),
    ("TIEWATCH_SMTP_HOST", "", "at least 1 character"),
    ("TIEWATCH_DB", "", "at least 1 character"),
])
def test_a_bad_setting_is_one_line_before_any_command(tmp_path, name, value, says):
    done = run({name: value}, "ties", "--db", f"sqlite:///{tmp_path / 'tw.db'}")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    line, = done.stderr.strip().splitlines()
    assert line.startswith(f"error: {name}={value!r} is not valid") and says in line


def test_tiewatch_db_names_the_database(tmp_path):
    db = tmp_path / "from-env.db"
    done = run({"TIEWATCH_DB": f"sqlite:///{db}"}, "watch", "add", "everything")
    assert done.returncode == 0, done.stderr
    assert db.exists()
    assert run({"TIEWATCH_DB": f"sqlite:///{db}"}, "watch", "list").stdout.count("everything") == 1


@pytest.mark.parametrize("fault, says", [
    ("missing-schema", "no schema has been selected"),
    ("missing-database", "does not exist"),
])
def test_a_postgresql_url_that_cannot_hold_the_store_is_one_line(pg_url, fault, says):
    """A schema named in search_path that was never created, or a database that is not there: the
    user is told which, in one line, and nothing is left half-made."""
    base = pg_url.split("?")[0]
    url = f"{base}?options=-csearch_path%3Dtw_never_created" if fault == "missing-schema" else base + "_absent"
    done = run({}, "ties", "--db", url)
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    line, = done.stderr.strip().splitlines()
    assert line.startswith("error: cannot open database") and says in line
